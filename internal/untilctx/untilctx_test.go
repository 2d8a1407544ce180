package untilctx_test

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

// prompt is how late after ctx's end a call may return (invariant 8).
const prompt = 100 * time.Millisecond

// running counts works started and not yet returned.
type running struct{ n atomic.Int64 }

func (r *running) work(release <-chan struct{}) func() {
	return func() {
		r.n.Add(1)
		defer r.n.Add(-1)
		<-release
	}
}

// abandonedThenEnds checks that one work is still running (abandoned, not
// killed), then releases it and checks that it, and its goroutine, end.
func (r *running) abandonedThenEnds(t *testing.T, release chan struct{}, base int) {
	t.Helper()
	if got := r.n.Load(); got != 1 {
		t.Fatalf("works running after the caller gave up = %d, want 1 (abandoned, not killed)", got)
	}
	close(release)
	waitFor(t, "the abandoned work did not return", func() bool { return r.n.Load() == 0 })
	goroutinesBackTo(t, base)
}

// waitFor polls cond for up to 2 s: a bounded wait, not a sleep taken as proof.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("after 2s: %s", what)
}

func goroutinesBackTo(t *testing.T, base int) {
	t.Helper()
	waitFor(t, "goroutines did not go back to where they were", func() bool { return runtime.NumGoroutine() <= base })
}

// ending is a test's start: the goroutines before it, a work that blocks
// until released, and a ctx that ends 50 ms from now.
type ending struct {
	running
	base    int
	release chan struct{}
	ctx     context.Context
}

func newEnding(t *testing.T) *ending {
	e := &ending{base: runtime.NumGoroutine(), release: make(chan struct{})}
	var cancel context.CancelFunc
	e.ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	t.Cleanup(cancel)
	return e
}

// late is how long after ctx's deadline it is now.
func (e *ending) late() time.Duration {
	dl, _ := e.ctx.Deadline()
	return time.Since(dl)
}

func TestRunReturnsPromptlyAtCtxEndAndItsGoroutineEndsWithTheWork(t *testing.T) {
	e := newEnding(t)
	err := untilctx.Run(e.ctx, e.work(e.release))
	if late := e.late(); late > prompt {
		t.Errorf("Run returned %v after ctx's deadline, want within %v", late, prompt)
	}
	if err != context.DeadlineExceeded {
		t.Errorf("Run = %v, want context.DeadlineExceeded itself", err)
	}
	e.abandonedThenEnds(t, e.release, e.base)
}

func TestRunCancelGivesCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	time.AfterFunc(10*time.Millisecond, cancel)
	if err := untilctx.Run(ctx, func() { <-release }); err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
}

func TestRunWaitsForWorkThatReturnsFirst(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	x := 0
	if err := untilctx.Run(ctx, func() { x = 42 }); err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	if x != 42 {
		t.Errorf("work's write not visible after Run: x = %d, want 42", x)
	}
}

func TestRunUnderACtxThatNeverEndsRunsOnTheCallersGoroutine(t *testing.T) {
	base := runtime.NumGoroutine()
	during := -1
	if err := untilctx.Run(context.Background(), func() { during = runtime.NumGoroutine() }); err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	if during != base {
		t.Errorf("goroutines during work = %d, want %d: no goroutine of its own", during, base)
	}
}

func TestAllAbandonsOnlyWhatHasNotReturned(t *testing.T) {
	e := newEnding(t)
	grace := 20 * time.Millisecond
	honours := func() { <-e.ctx.Done() } // returns as soon as ctx ends: within grace
	quick := func() {}

	finished := untilctx.All(e.ctx, grace, []func(){quick, e.work(e.release), honours})
	if late := e.late(); late > grace+prompt {
		t.Errorf("All returned %v after ctx's deadline, want within grace+%v", late, prompt)
	}
	if want := []bool{true, false, true}; !equal(finished, want) {
		t.Errorf("finished = %v, want %v", finished, want)
	}
	e.abandonedThenEnds(t, e.release, e.base)
}

func TestAllWithNoGraceReturnsAtCtxEnd(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	dl, _ := ctx.Deadline()
	finished := untilctx.All(ctx, 0, []func(){func() { <-release }})
	if late := time.Since(dl); late > prompt {
		t.Errorf("All returned %v after the deadline", late)
	}
	if !equal(finished, []bool{false}) {
		t.Errorf("finished = %v, want [false]", finished)
	}
}

func TestAllUnderACtxThatNeverEndsWaitsForEveryWork(t *testing.T) {
	var n atomic.Int64
	w := func() { time.Sleep(time.Millisecond); n.Add(1) }
	finished := untilctx.All(context.Background(), 0, []func(){w, w, w})
	if n.Load() != 3 || !equal(finished, []bool{true, true, true}) {
		t.Errorf("ran %d works, finished %v; want 3, all true", n.Load(), finished)
	}
}

func TestParallelRunsTheFirstWorkOnTheCallersGoroutine(t *testing.T) {
	base := runtime.NumGoroutine()
	during := -1
	untilctx.Parallel([]func(){func() { during = runtime.NumGoroutine() }})
	if during != base {
		t.Errorf("goroutines during the one work = %d, want %d", during, base)
	}
	var n atomic.Int64
	start := make(chan struct{})
	both := func() { n.Add(1); <-start }
	go func() {
		waitFor(t, "the two works did not run at once", func() bool { return n.Load() == 2 })
		close(start)
	}()
	untilctx.Parallel([]func(){both, both})
	untilctx.Parallel(nil)
}

// backend is a ports.Backend that blocks until release and may say it
// honours ctx.
type backend struct {
	honours bool
	release chan struct{}
	calls   atomic.Int64
}

func (b *backend) HonoursContext() bool { return b.honours }

func (b *backend) Exec(ctx context.Context, _ []ports.Command, out []ports.Result) {
	b.calls.Add(1)
	if b.release != nil {
		<-b.release
	}
	for i := range out {
		out[i] = ports.Result{Reply: ports.Reply{Kind: ports.KindInt, Int: int64(i)}}
	}
}

func TestExecAbandonsABackendThatIgnoresCtx(t *testing.T) {
	base := runtime.NumGoroutine()
	b := &backend{release: make(chan struct{})}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	dl, _ := ctx.Deadline()
	out := make([]ports.Result, 2)
	var finished atomic.Int64

	if !untilctx.Exec(ctx, b, make([]ports.Command, 2), out, func() { finished.Add(1) }) {
		t.Fatal("Exec = false, want abandoned")
	}
	if late := time.Since(dl); late > prompt {
		t.Errorf("Exec returned %v after the deadline", late)
	}
	for i, r := range out {
		var te *ports.TransportError
		if !errors.As(r.Err, &te) || !te.MaybeWritten || te.Err != context.DeadlineExceeded {
			t.Errorf("out[%d].Err = %#v, want outcome unknown wrapping DeadlineExceeded", i, r.Err)
		}
	}
	if finished.Load() != 0 {
		t.Error("finished called before the backend returned")
	}
	close(b.release)
	waitFor(t, "finished was not called once the backend returned", func() bool { return finished.Load() == 1 })
	goroutinesBackTo(t, base)
	for i, r := range out {
		if r.Reply.Kind == ports.KindInt {
			t.Errorf("out[%d] written by the abandoned backend", i)
		}
	}
}

func TestExecOfABackendThatHonoursCtxRunsInPlace(t *testing.T) {
	base := runtime.NumGoroutine()
	during := -1
	b := &honouring{exec: func() { during = runtime.NumGoroutine() }}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	out := make([]ports.Result, 3)
	called := 0
	if untilctx.Exec(ctx, b, make([]ports.Command, 3), out, func() { called++ }) {
		t.Fatal("Exec = true, want not abandoned")
	}
	if during != base {
		t.Errorf("goroutines during Exec = %d, want %d: a backend that honours ctx gets none", during, base)
	}
	if called != 1 || out[2].Reply.Int != 2 || out[2].Reply.Kind != ports.KindInt {
		t.Errorf("finished called %d times, out = %+v", called, out)
	}
}

func TestExecThatReturnsInTimeCopiesItsResults(t *testing.T) {
	b := &backend{}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	out := make([]ports.Result, 2)
	if untilctx.Exec(ctx, b, make([]ports.Command, 2), out, nil) {
		t.Fatal("abandoned a backend that returned at once")
	}
	if out[1].Err != nil || out[1].Reply.Int != 1 || b.calls.Load() != 1 {
		t.Errorf("out = %+v, calls %d", out, b.calls.Load())
	}
}

type honouring struct{ exec func() }

func (h *honouring) HonoursContext() bool { return true }
func (h *honouring) Exec(_ context.Context, _ []ports.Command, out []ports.Result) {
	h.exec()
	for i := range out {
		out[i] = ports.Result{Reply: ports.Reply{Kind: ports.KindInt, Int: int64(i)}}
	}
}

func equal(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
