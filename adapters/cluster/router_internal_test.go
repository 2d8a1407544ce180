package cluster

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// fakeNode answers CLUSTER SHARDS with a map giving every slot to master
// (and replica, if set), and everything else with answer.
type fakeNode struct {
	master, replica string
	answer          func(cmd ports.Command, sends int) ports.Result
	delay           time.Duration

	mu     sync.Mutex
	sends  map[string]int // per command line: how many times it was sent
	shards atomic.Int64
}

func (f *fakeNode) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 1 && strings.Join(cmds[0].Args, " ") == "CLUSTER SHARDS" {
		f.shards.Add(1)
		time.Sleep(f.delay)
		out[0] = ports.Result{Reply: f.shardsReply()}
		return
	}
	for i, c := range cmds {
		line := strings.Join(c.Args, " ")
		f.mu.Lock()
		if f.sends == nil {
			f.sends = map[string]int{}
		}
		f.sends[line]++
		n := f.sends[line]
		f.mu.Unlock()
		out[i] = f.answer(c, n)
	}
}

func (f *fakeNode) sent(line string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sends[line]
}

func (f *fakeNode) shardsReply() ports.Reply {
	node := func(addr, role string) ports.Reply {
		host, port, _ := strings.Cut(addr, ":")
		p := int64(0)
		for _, c := range port {
			p = p*10 + int64(c-'0')
		}
		b := ports.BulkReply
		return ports.MapReply([]ports.Reply{b("ip"), b(host), b("port"), ports.IntReply(p), b("role"), b(role), b("health"), b("online")})
	}
	nodes := []ports.Reply{node(f.master, "master")}
	if f.replica != "" {
		nodes = append(nodes, node(f.replica, "replica"))
	}
	shard := ports.MapReply([]ports.Reply{
		ports.BulkReply("slots"), ports.ArrayReply([]ports.Reply{ports.IntReply(0), ports.IntReply(16383)}),
		ports.BulkReply("nodes"), ports.ArrayReply(nodes),
	})
	return ports.ArrayReply([]ports.Reply{shard})
}

func fakeRouter(t *testing.T, f *fakeNode, tweak func(*Options)) *Router {
	t.Helper()
	o := Options{
		Addrs:           []string{f.master},
		NewNode:         func(string) (ports.Backend, error) { return f, nil },
		MinRetryBackoff: time.Millisecond,
		MaxRetryBackoff: 2 * time.Millisecond,
		RefreshInterval: -1,
	}
	if tweak != nil {
		tweak(&o)
	}
	r, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

func exec1(r *Router, args ...string) ports.Result {
	out := make([]ports.Result, 1)
	r.Exec(context.Background(), []ports.Command{wire(args...)}, out)
	return out[0]
}

func TestNeverSendsAWriteTwice(t *testing.T) {
	broken := errors.New("connection reset")
	f := &fakeNode{master: "127.0.0.1:1", answer: func(c ports.Command, n int) ports.Result {
		switch c.Args[0] {
		case "INCR": // the connection broke after the write
			return ports.Result{Err: &ports.TransportError{Err: broken, MaybeWritten: true}}
		case "GET": // the same, but a read can be repeated
			if n == 1 {
				return ports.Result{Err: &ports.TransportError{Err: broken, MaybeWritten: true}}
			}
			return ports.Result{Reply: ports.BulkReply("v")}
		case "SET": // never written: safe to resend
			if n == 1 {
				return ports.Result{Err: &ports.TransportError{Err: broken}}
			}
		}
		return ports.Result{Reply: ports.StatusReply("OK")}
	}}
	r := fakeRouter(t, f, nil)
	var te *ports.TransportError
	if res := exec1(r, "INCR", "k"); !errors.As(res.Err, &te) || !te.MaybeWritten || f.sent("INCR k") != 1 {
		t.Errorf("INCR: %v after %d sends; want the maybe-written error after 1", res.Err, f.sent("INCR k"))
	}
	if res := exec1(r, "GET", "k"); res.Err != nil || res.Reply.Str != "v" || f.sent("GET k") != 2 {
		t.Errorf("GET: %v %v after %d sends; want v after 2", res.Reply, res.Err, f.sent("GET k"))
	}
	if res := exec1(r, "SET", "k", "v"); res.Err != nil || f.sent("SET k v") != 2 {
		t.Errorf("SET: %v after %d sends; want OK after 2", res.Err, f.sent("SET k v"))
	}
}

func TestRedirectAndRetryLimits(t *testing.T) {
	f := &fakeNode{master: "127.0.0.1:1", answer: func(c ports.Command, n int) ports.Result {
		switch c.Args[0] {
		case "GET":
			return ports.Result{Err: ports.NewRedisError("MOVED 1 127.0.0.1:1")}
		case "MGET":
			return ports.Result{Err: ports.NewRedisError("TRYAGAIN Multiple keys request during rehashing of slot")}
		}
		return ports.Result{Reply: ports.StatusReply("OK")}
	}}
	r := fakeRouter(t, f, func(o *Options) { o.MaxRedirects, o.MaxRetries = 3, 4 })
	var re *ports.RedisError
	if res := exec1(r, "GET", "k"); !errors.As(res.Err, &re) || re.Kind() != ports.ErrMoved || f.sent("GET k") != 4 {
		t.Errorf("GET: %v after %d sends; want MOVED after 1+3", res.Err, f.sent("GET k"))
	}
	if res := exec1(r, "MGET", "k", "k"); !errors.As(res.Err, &re) || re.Kind() != ports.ErrTryAgain || f.sent("MGET k k") != 5 {
		t.Errorf("MGET: %v after %d sends; want TRYAGAIN after 1+4", res.Err, f.sent("MGET k k"))
	}
}

func TestConcurrentRefreshesAreOne(t *testing.T) {
	f := &fakeNode{master: "127.0.0.1:1", delay: 20 * time.Millisecond}
	r := fakeRouter(t, f, nil)
	before := f.shards.Load()
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() { _ = r.refresh(context.Background(), true, true) })
	}
	wg.Wait()
	if n := f.shards.Load() - before; n < 1 || n > 2 {
		t.Errorf("50 concurrent refreshes made %d loads, want 1 (2 if one started after the first ended)", n)
	}
	before = f.shards.Load()
	for range 50 {
		_ = r.refresh(context.Background(), false, true)
	}
	if n := f.shards.Load() - before; n != 0 {
		t.Errorf("error-triggered refreshes within MinRefreshGap made %d loads, want 0", n)
	}
}

type panicky struct{ *fakeNode }

func (p panicky) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if cmds[0].Args[0] != "CLUSTER" {
		panic("driver bug")
	}
	p.fakeNode.Exec(ctx, cmds, out)
}

func TestNodePanicBecomesAnError(t *testing.T) {
	f := &fakeNode{master: "127.0.0.1:1"}
	r := fakeRouter(t, f, func(o *Options) {
		o.NewNode = func(string) (ports.Backend, error) { return panicky{f}, nil }
	})
	var te *ports.TransportError
	if res := exec1(r, "INCR", "k"); !errors.As(res.Err, &te) || !te.MaybeWritten {
		t.Errorf("a panicking node gave %v, want an outcome-unknown transport error", res.Err)
	}
}

func TestReplicaBatchStartsWithReadOnly(t *testing.T) {
	var mu sync.Mutex
	var batches [][]string
	f := &fakeNode{master: "127.0.0.1:1", replica: "127.0.0.1:2", answer: func(ports.Command, int) ports.Result {
		return ports.Result{Reply: ports.BulkReply("v")}
	}}
	rec := &recordingNode{fakeNode: f, mu: &mu, batches: &batches}
	r := fakeRouter(t, f, func(o *Options) {
		o.ReadFromReplicas = true
		o.NewNode = func(addr string) (ports.Backend, error) { return rec.at(addr), nil }
	})
	out := make([]ports.Result, 3)
	r.Exec(context.Background(), []ports.Command{wire("GET", "a"), wire("SET", "a", "1"), wire("GET", "b")}, out)
	mu.Lock()
	defer mu.Unlock()
	want := map[string]bool{"127.0.0.1:1|SET a 1": true, "127.0.0.1:2|READONLY,GET a,GET b": true}
	if len(batches) != 2 {
		t.Fatalf("batches %v", batches)
	}
	for _, b := range batches {
		if !want[b[0]+"|"+strings.Join(b[1:], ",")] {
			t.Errorf("unexpected batch %v", b)
		}
	}
	for i, o := range out {
		if o.Err != nil || o.Reply.Str != "v" {
			t.Errorf("out[%d] = %v %v (READONLY's reply must be dropped)", i, o.Reply, o.Err)
		}
	}
}

type recordingNode struct {
	*fakeNode
	mu      *sync.Mutex
	batches *[][]string
	addr    string
}

func (n *recordingNode) at(addr string) *recordingNode {
	c := *n
	c.addr = addr
	return &c
}

func (n *recordingNode) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if cmds[0].Args[0] != "CLUSTER" {
		b := []string{n.addr}
		for _, c := range cmds {
			b = append(b, strings.Join(c.Args, " "))
		}
		n.mu.Lock()
		*n.batches = append(*n.batches, b)
		n.mu.Unlock()
	}
	n.fakeNode.Exec(ctx, cmds, out)
}

// An Exec retrying a node that refuses connections must not outlive Close:
// closing is not a transient failure worth ten rounds of backoff.
func TestCloseEndsAnExecInFlight(t *testing.T) {
	refused := errors.New("connect: connection refused")
	f := &fakeNode{master: "127.0.0.1:1", answer: func(ports.Command, int) ports.Result {
		return ports.Result{Err: &ports.TransportError{Err: refused}}
	}}
	r := fakeRouter(t, f, func(o *Options) { o.MinRetryBackoff, o.MaxRetryBackoff = 100*time.Millisecond, 500*time.Millisecond })
	done := make(chan ports.Result)
	go func() { done <- exec1(r, "SET", "k", "v") }()
	time.Sleep(150 * time.Millisecond) // the first attempt failed; the Exec is backing off
	closed := time.Now()
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case res := <-done:
		if !errors.Is(res.Err, errClosed) {
			t.Errorf("Exec in flight at Close: %v, want %v", res.Err, errClosed)
		}
		if d := time.Since(closed); d > 100*time.Millisecond {
			t.Errorf("Exec returned %v after Close, want at once", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Exec in flight still running 5 s after Close")
	}
}
