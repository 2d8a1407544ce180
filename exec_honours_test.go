package redpipe_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// holdingBackend answers PONG after hold, ignoring ctx; honours is what
// it claims (ports.ContextHonouring), true or not.
type holdingBackend struct {
	honours bool
	hold    time.Duration
	during  int // goroutines while Exec ran
}

func (b *holdingBackend) HonoursContext() bool { return b.honours }

func (b *holdingBackend) Exec(_ context.Context, _ []ports.Command, out []ports.Result) {
	b.during = runtime.NumGoroutine()
	time.Sleep(b.hold)
	for i := range out {
		out[i] = ports.Result{Reply: ports.StatusReply("PONG")}
	}
}

// TestExecAbandonsOnlyABackendThatIgnoresCtx: the root's own goroutine and
// wait are for backends that do not honour ctx; one that says it does is
// called on Exec's goroutine and waited for (here it lies, and the wait
// shows it).
func TestExecAbandonsOnlyABackendThatIgnoresCtx(t *testing.T) {
	const hold = 300 * time.Millisecond
	for _, honours := range []bool{false, true} {
		b := &holdingBackend{honours: honours, hold: hold}
		c := redpipe.New()
		if err := c.Connect(redpipe.DefaultConn, b); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		dl, _ := ctx.Deadline()
		base := runtime.NumGoroutine()
		p := c.Pipeline()
		f := p.Do("PING")
		_ = p.Exec(ctx)
		late := time.Since(dl)
		cancel()
		if !honours {
			if late > 100*time.Millisecond {
				t.Errorf("a backend that ignores ctx held Exec %v past the deadline", late)
			}
			var te *ports.TransportError
			if !errors.As(f.Err(), &te) || !te.MaybeWritten || !errors.Is(f.Err(), context.DeadlineExceeded) {
				t.Errorf("abandoned future: %v, want outcome unknown at the deadline", f.Err())
			}
			continue
		}
		if late < hold-100*time.Millisecond {
			t.Errorf("a backend that honours ctx was abandoned %v after the deadline: the root kept a wait of its own", late)
		}
		if b.during != base {
			t.Errorf("goroutines while the backend ran = %d, want %d: none of the root's own", b.during, base)
		}
		if v, err := f.Result(); err != nil || v != "PONG" {
			t.Errorf("future = %v, %v; want PONG", v, err)
		}
	}
}
