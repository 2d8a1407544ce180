package redpipe

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

// fanoutBackend is a cluster of three masters that records, in order,
// each batch sent and each command sent to every master; every command
// answers 1, a DBSIZE 2 per master.
type fanoutBackend struct {
	mu    sync.Mutex
	log   []string
	onFan func() // called inside each ExecOnMasters
}

func (f *fanoutBackend) Clustered() bool { return true }

// HonoursContext: it returns at once, so the root runs it on the caller's
// goroutine and never abandons it (the ctx test counts on that).
func (f *fanoutBackend) HonoursContext() bool { return true }

func (f *fanoutBackend) record(s string) {
	f.mu.Lock()
	f.log = append(f.log, s)
	f.mu.Unlock()
}

func (f *fanoutBackend) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	names := make([]string, len(cmds))
	for i := range cmds {
		names[i] = cmds[i].Name()
		out[i] = ports.Result{Reply: ports.IntReply(1)}
	}
	f.record("batch " + strings.Join(names, " "))
}

func (f *fanoutBackend) ExecOnMasters(_ context.Context, cmd ports.Command) []ports.Result {
	f.record("masters " + cmd.Name())
	if f.onFan != nil {
		f.onFan()
	}
	r := ports.Result{Reply: ports.IntReply(2)}
	return []ports.Result{r, r, r}
}

func TestWholeDeploymentCommandsCutTheBatch(t *testing.T) {
	f := &fanoutBackend{}
	c := New()
	if err := c.Connect(DefaultConn, f); err != nil {
		t.Fatal(err)
	}
	p := c.Pipeline()
	p.Incr("{a}x")
	n := p.DBSize()
	p.Incr("{a}y")
	p.Incr("{a}z")
	m := p.DBSize()
	if err := p.Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := []string{"batch INCR", "masters DBSIZE", "batch INCR INCR", "masters DBSIZE"}
	if strings.Join(f.log, "|") != strings.Join(want, "|") {
		t.Errorf("sent %q, want %q", f.log, want)
	}
	if n.Val() != 6 || m.Val() != 6 {
		t.Errorf("DBSIZE %d and %d, want 6 (2 on each of 3 masters)", n.Val(), m.Val())
	}

	// A batch without one goes out whole, once.
	f.log = nil
	p = c.Pipeline()
	p.Incr("{a}x")
	p.Do("KEYS", "{a}*") // one hash tag: that tag's node, like a keyed command
	if err := p.Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	if want := []string{"batch INCR KEYS"}; strings.Join(f.log, "|") != strings.Join(want, "|") {
		t.Errorf("sent %q, want %q", f.log, want)
	}
}

func TestWholeDeploymentPartsAfterCtxEndsAreNeverSent(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	f := &fanoutBackend{onFan: cancel}
	c := New()
	if err := c.Connect(DefaultConn, f); err != nil {
		t.Fatal(err)
	}
	p := c.Pipeline()
	a := p.Incr("{a}x")
	n := p.DBSize()
	b := p.Incr("{a}y")
	err := p.Exec(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Exec: %v, want context.Canceled", err)
	}
	if a.Val() != 1 || n.Val() != 6 {
		t.Errorf("the parts sent: %v %v", a.Val(), n.Val())
	}
	if !errors.Is(b.Err(), context.Canceled) {
		t.Errorf("the part after ctx ended: %v, want context.Canceled", b.Err())
	}
	var te *ports.TransportError
	if errors.As(b.Err(), &te) {
		t.Errorf("the part never sent is reported as maybe written: %v", b.Err())
	}
	if want := []string{"batch INCR", "masters DBSIZE"}; strings.Join(f.log, "|") != strings.Join(want, "|") {
		t.Errorf("sent %q, want %q", f.log, want)
	}
}
