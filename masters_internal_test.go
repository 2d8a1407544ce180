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
	onFan func() // called inside each master's Exec
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

func (f *fanoutBackend) MasterBackends(context.Context) ([]ports.Backend, error) {
	return []ports.Backend{fanoutMaster{f}, fanoutMaster{f}, fanoutMaster{f}}, nil
}

// fanoutMaster is one master of a fanoutBackend: it answers 2 to
// everything and records each command it gets ("master DBSIZE": the three
// run at once, so their records come in any order among themselves).
type fanoutMaster struct{ f *fanoutBackend }

func (m fanoutMaster) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	m.f.record("master " + cmds[0].Name())
	if m.f.onFan != nil {
		m.f.onFan()
	}
	for i := range out {
		out[i] = ports.Result{Reply: ports.IntReply(2)}
	}
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
	want := []string{"batch INCR", "master DBSIZE", "master DBSIZE", "master DBSIZE", "batch INCR INCR", "master DBSIZE", "master DBSIZE", "master DBSIZE"}
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
	if want := []string{"batch INCR", "master DBSIZE", "master DBSIZE", "master DBSIZE"}; strings.Join(f.log, "|") != strings.Join(want, "|") {
		t.Errorf("sent %q, want %q", f.log, want)
	}
}

// panickyMasters is a cluster of two masters, the second of which panics.
type panickyMasters struct{ fanoutBackend }

func (p *panickyMasters) MasterBackends(context.Context) ([]ports.Backend, error) {
	return []ports.Backend{fanoutMaster{&p.fanoutBackend}, panicMaster{}}, nil
}

type panicMaster struct{}

func (panicMaster) Exec(context.Context, []ports.Command, []ports.Result) { panic("master down") }

func TestWholeDeploymentMasterPanicFailsThatCommandOnly(t *testing.T) {
	c := New()
	if err := c.Connect(DefaultConn, &panickyMasters{}); err != nil {
		t.Fatal(err)
	}
	p := c.Pipeline()
	before := p.Incr("{a}x")
	n := p.DBSize()
	after := p.Incr("{a}y")
	if err := p.Exec(t.Context()); err == nil {
		t.Fatal("Exec: nil error, want DBSIZE's")
	}
	var te *ports.TransportError
	if !errors.As(n.Err(), &te) || !te.MaybeWritten || !strings.Contains(n.Err().Error(), "master down") {
		t.Errorf("DBSIZE: %v, want a maybe-written transport error carrying the panic", n.Err())
	}
	if before.Val() != 1 || after.Val() != 1 {
		t.Errorf("the commands around it: %v %v, want 1 1", before.Val(), after.Val())
	}
}
