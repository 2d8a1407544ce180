package lazypin_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/internal/lazypin"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	errReleased = errors.New("released")
	errOther    = errors.New("other shard")
	errBind     = errors.New("no node")
)

type conn struct {
	name   string
	closed int
}

// newPin binds to a conn named after the batch's first argument; a batch
// whose first argument is "bad" is refused by Bind, "other" by Check.
func newPin(binds *int) *lazypin.Pin[*conn] {
	return &lazypin.Pin[*conn]{
		Bind: func(_ context.Context, cmds []ports.Command) (*conn, error) {
			*binds++
			if cmds[0].Args[0] == "bad" {
				return nil, errBind
			}
			return &conn{name: cmds[0].Args[0]}, nil
		},
		Check: func(c *conn, cmds []ports.Command) error {
			if cmds[0].Args[0] == "other" {
				return errOther
			}
			return nil
		},
		Close:    func(c *conn) { c.closed++ },
		Released: errReleased,
	}
}

func (c *conn) want(t *testing.T, when string, closed int) {
	t.Helper()
	if c.closed != closed {
		t.Errorf("%s: closed %d times, want %d", when, c.closed, closed)
	}
}

func batch(name string) []ports.Command { return []ports.Command{{Args: []string{name}}} }

func TestBindsOnceAtTheFirstExecThatSucceeds(t *testing.T) {
	binds := 0
	p := newPin(&binds)
	ctx := context.Background()
	if _, err := p.Acquire(ctx, batch("bad")); err != errBind {
		t.Fatalf("Acquire = %v, want Bind's error", err)
	}
	c1, err := p.Acquire(ctx, batch("a"))
	if err != nil || c1.name != "a" {
		t.Fatalf("Acquire = %v, %v; want conn a", c1, err)
	}
	p.Done()
	c2, err := p.Acquire(ctx, batch("b"))
	if err != nil || c2 != c1 {
		t.Fatalf("second Acquire = %v, %v; want the same conn", c2, err)
	}
	p.Done()
	if binds != 2 {
		t.Errorf("Bind called %d times, want 2 (a failed bind, then one)", binds)
	}
	if _, err := p.Acquire(ctx, batch("other")); err != errOther {
		t.Errorf("Acquire of a batch Check refuses = %v, want Check's error", err)
	}
	p.Release()
	c1.want(t, "after Release of an idle pin", 1)
}

func TestReleaseWhileBusyClosesWhenTheLastExecIsDone(t *testing.T) {
	binds := 0
	p := newPin(&binds)
	ctx := context.Background()
	c, _ := p.Acquire(ctx, batch("a"))
	if _, err := p.Acquire(ctx, batch("a")); err != nil {
		t.Fatal(err)
	}
	p.Release()
	p.Release()
	c.want(t, "while two Execs still use it", 0)
	if _, err := p.Acquire(ctx, batch("a")); err != errReleased {
		t.Errorf("Acquire after Release = %v, want Released", err)
	}
	p.Done()
	c.want(t, "while one Exec still uses it", 0)
	p.Done()
	c.want(t, "once the last Exec is done", 1)
}

func TestReleaseOfAPinNeverBoundClosesNothing(t *testing.T) {
	binds := 0
	p := newPin(&binds)
	p.Release()
	if _, err := p.Acquire(context.Background(), batch("a")); err != errReleased {
		t.Errorf("Acquire = %v, want Released", err)
	}
	if binds != 0 {
		t.Errorf("Bind called %d times, want 0", binds)
	}
}

func TestAnEndedCtxAcquiresNothing(t *testing.T) {
	binds := 0
	p := newPin(&binds)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Acquire(ctx, batch("a")); err != context.Canceled {
		t.Errorf("Acquire = %v, want context.Canceled", err)
	}
	if binds != 0 {
		t.Error("bound under an ended ctx")
	}
	p.Release() // nothing acquired: nothing to close, no Done owed
}

func TestReleaseDoesNotWaitForABindUnderWay(t *testing.T) {
	inBind, unblock := make(chan struct{}), make(chan struct{})
	c := &conn{name: "slow"}
	p := &lazypin.Pin[*conn]{
		Bind: func(context.Context, []ports.Command) (*conn, error) {
			close(inBind)
			<-unblock
			return c, nil
		},
		Close:    func(c *conn) { c.closed++ },
		Released: errReleased,
	}
	got := make(chan error, 1)
	go func() {
		_, err := p.Acquire(context.Background(), batch("a"))
		got <- err
	}()
	<-inBind
	released := make(chan struct{})
	go func() { p.Release(); close(released) }()
	select {
	case <-released:
	case <-time.After(2 * time.Second):
		t.Fatal("Release waited for Bind")
	}
	close(unblock)
	if err := <-got; err != errReleased {
		t.Errorf("Acquire that bound after Release = %v, want Released", err)
	}
	if c.closed != 1 {
		t.Errorf("a connection bound after Release closed %d times, want 1", c.closed)
	}
}

func TestConcurrentFirstExecsBindOnce(t *testing.T) {
	binds := 0
	p := newPin(&binds)
	var wg sync.WaitGroup
	conns := make([]*conn, 8)
	for i := range conns {
		wg.Go(func() {
			c, err := p.Acquire(context.Background(), batch("a"))
			if err != nil {
				t.Error(err)
				return
			}
			conns[i] = c
			p.Done()
		})
	}
	wg.Wait()
	if binds != 1 {
		t.Errorf("Bind called %d times by 8 concurrent first Execs, want 1", binds)
	}
	for i, c := range conns {
		if c != conns[0] {
			t.Errorf("conns[%d] differs", i)
		}
	}
	p.Release()
	if conns[0].closed != 1 {
		t.Errorf("closed %d times, want 1", conns[0].closed)
	}
}

func TestBindNowNeedsNoBindAndIsClosedAtRelease(t *testing.T) {
	c := &conn{name: "taken at Pin"}
	p := &lazypin.Pin[*conn]{Close: func(c *conn) { c.closed++ }, Released: errReleased}
	if _, ok := p.Bound(); ok {
		t.Fatal("Bound before BindNow")
	}
	p.BindNow(c)
	if b, ok := p.Bound(); !ok || b != c {
		t.Fatalf("Bound = %v, %v; want the conn, true", b, ok)
	}
	got, err := p.Acquire(context.Background(), batch("a"))
	if err != nil || got != c {
		t.Fatalf("Acquire = %v, %v; want the conn bound at once", got, err)
	}
	p.Done()
	p.Release()
	if c.closed != 1 {
		t.Errorf("closed %d times, want 1", c.closed)
	}
}
