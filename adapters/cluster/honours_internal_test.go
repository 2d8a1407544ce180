package cluster

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// slowNode answers every command after hold, ignoring ctx, and says it
// honours ctx when honours is set (a lie, to see who trusts it).
type slowNode struct {
	*fakeNode
	honours bool
	hold    time.Duration
}

func (s slowNode) HonoursContext() bool { return s.honours }

func (s slowNode) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if cmds[0].Args[0] != "CLUSTER" {
		time.Sleep(s.hold)
	}
	s.fakeNode.Exec(ctx, cmds, out)
}

// TestTheRouterWaitsOnlyForNodesThatIgnoreCtx: the router honours ctx
// itself. It abandons a node backend that does not honour ctx lateGrace
// after ctx's end (its own goroutine and wait), and adds neither for one
// that honours ctx: it then waits for the node's own return — here, a node
// that claims to honour ctx and does not, so the wait shows who waited.
func TestTheRouterWaitsOnlyForNodesThatIgnoreCtx(t *testing.T) {
	const hold = 300 * time.Millisecond
	for _, honours := range []bool{false, true} {
		f := &fakeNode{master: "127.0.0.1:1", answer: func(ports.Command, int) ports.Result { return ports.Result{Reply: ports.IntReply(1)} }}
		r := fakeRouter(t, f, func(o *Options) {
			o.NewNode = func(string) (ports.Backend, error) { return slowNode{f, honours, hold}, nil }
		})
		if !ports.HonoursContext(r) {
			t.Fatal("Router.HonoursContext = false")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		dl, _ := ctx.Deadline()
		out := make([]ports.Result, 2)
		r.Exec(ctx, []ports.Command{wire("INCR", "a"), wire("INCR", "b")}, out)
		late := time.Since(dl)
		cancel()
		if !honours {
			if late > lateGrace+100*time.Millisecond {
				t.Errorf("a node that ignores ctx held Exec %v past the deadline", late)
			}
			for i, res := range out {
				var te *ports.TransportError
				if !errors.As(res.Err, &te) || !te.MaybeWritten || !errors.Is(res.Err, context.DeadlineExceeded) {
					t.Errorf("abandoned out[%d] = %v, want outcome unknown at the deadline", i, res.Err)
				}
			}
			continue
		}
		if late < hold-100*time.Millisecond {
			t.Errorf("a node that says it honours ctx was abandoned after %v: the router kept a wait of its own", late)
		}
		for i, res := range out {
			if res.Err != nil || res.Reply.Int != 1 {
				t.Errorf("out[%d] = %+v, want the node's reply", i, res)
			}
		}
	}
}

// TestOneNodeBatchThatHonoursCtxCostsNoGoroutine: with every node backend
// honouring ctx, a batch to one node runs on the caller's goroutine.
func TestOneNodeBatchThatHonoursCtxCostsNoGoroutine(t *testing.T) {
	f := &fakeNode{master: "127.0.0.1:1"}
	during := -1
	f.answer = func(ports.Command, int) ports.Result {
		during = runtime.NumGoroutine()
		return ports.Result{Reply: ports.IntReply(7)}
	}
	r := fakeRouter(t, f, func(o *Options) {
		o.NewNode = func(string) (ports.Backend, error) { return slowNode{f, true, 0}, nil }
	})
	exec1(r, "GET", "warm") // makes the node backend
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	base := runtime.NumGoroutine()
	out := make([]ports.Result, 1)
	r.Exec(ctx, []ports.Command{wire("GET", "k")}, out)
	if during != base {
		t.Errorf("goroutines while the node ran = %d, want %d (none of the router's own)", during, base)
	}
	if out[0].Reply.Int != 7 {
		t.Errorf("out = %+v", out[0])
	}
}

// TestExecBlocksUsesTheBlocksItIsGiven: a block the caller names is one
// unit, whatever its commands are called; Exec finds MULTI ... EXEC itself.
func TestExecBlocksUsesTheBlocksItIsGiven(t *testing.T) {
	cmds := []ports.Command{wire("SET", "a", "1"), wire("MULTI"), wire("INCR", "a"), wire("EXEC")}
	out := make([]ports.Result, len(cmds))
	units, _ := plan(cmds, []ports.Block{{Start: 0, End: 2}}, out)
	if len(units) != 3 || !units[0].tx || len(units[0].cmds) != 2 || units[1].tx || units[2].tx {
		t.Errorf("given block [0,2): units %d, first tx=%v of %d commands", len(units), units[0].tx, len(units[0].cmds))
	}
	units, _ = plan(cmds, ports.FindBlocks(cmds), out)
	if len(units) != 2 || units[0].tx || !units[1].tx || len(units[1].cmds) != 3 {
		t.Errorf("found blocks: %d units", len(units))
	}
	units, _ = plan(cmds, []ports.Block{}, out)
	if len(units) != 4 {
		t.Errorf("no blocks: %d units, want one per command", len(units))
	}
}
