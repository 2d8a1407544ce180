package redpipe

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/redpipe-go/redpipe/ports"
)

// Future is the result of a queued command, available once its pipeline's
// root has executed. The first resolution wins; a Future is safe to read
// from any goroutine.
type Future[T any] struct {
	state  atomic.Uint32 // pending, settling, then done; val and err are read only once done
	val    T
	err    error
	decode func(ports.Reply) (T, error)
	// hooks exists once a hook (Then, All) was added: most futures never
	// get one, so they carry one pointer instead of a mutex and a slice.
	hooks atomic.Pointer[futureHooks]
}

// futureHooks are the functions waiting for a future to settle.
type futureHooks struct {
	mu  sync.Mutex
	fns []func()
}

const (
	futurePending uint32 = iota
	futureSettling
	futureSettled
)

// NewFuture returns an unresolved future, for building your own on top of redpipe.
func NewFuture[T any]() *Future[T] { return &Future[T]{} }

// Set resolves the future with v. It does nothing if already resolved.
func (f *Future[T]) Set(v T) { f.settle(v, nil) }

// Resolve resolves the future with v and err together: a value beside
// its error, for a result that is partly there (a record whose one field
// did not decode, with every other field filled). Result gives both. It
// does nothing if already resolved.
func (f *Future[T]) Resolve(v T, err error) { f.settle(v, err) }

// Fail resolves the future with err. It does nothing if already resolved.
func (f *Future[T]) Fail(err error) {
	var zero T
	f.settle(zero, err)
}

// Result returns the value and error; ErrNotReady before execution.
func (f *Future[T]) Result() (T, error) {
	if f.state.Load() != futureSettled {
		var zero T
		return zero, ErrNotReady
	}
	return f.val, f.err
}

// Val returns the value, or the zero value if not ready or failed.
func (f *Future[T]) Val() T {
	v, _ := f.Result()
	return v
}

// Err returns the error: nil on success, ErrNil for a nil reply, ErrNotReady before execution.
func (f *Future[T]) Err() error {
	_, err := f.Result()
	return err
}

// Ready reports whether the future is resolved.
func (f *Future[T]) Ready() bool { return f.state.Load() == futureSettled }

// String renders the value, or the state when there is none.
func (f *Future[T]) String() string {
	v, err := f.Result()
	switch {
	case errors.Is(err, ErrNotReady):
		return "<not ready>"
	case err != nil:
		return "<error: " + err.Error() + ">"
	}
	return fmt.Sprint(v)
}

// MarshalJSON encodes the value; a nil reply encodes as null. A future that
// is not ready or failed cannot be encoded, and says why.
func (f *Future[T]) MarshalJSON() ([]byte, error) {
	v, err := f.Result()
	switch {
	case errors.Is(err, ErrNil):
		return []byte("null"), nil
	case err != nil:
		return nil, err
	}
	return json.Marshal(v)
}

// settle resolves f once; the first call wins. Settling takes no lock
// unless a hook is waiting: OnResolve makes f.hooks exist before it looks at
// the state, and settle looks at f.hooks only after marking f settled, so
// either settle finds the hook and runs it, or OnResolve finds f settled and
// runs it itself (both are sequentially consistent atomics).
func (f *Future[T]) settle(v T, err error) bool {
	if !f.state.CompareAndSwap(futurePending, futureSettling) {
		return false
	}
	f.val, f.err = v, err
	f.state.Store(futureSettled)
	h := f.hooks.Load()
	if h == nil {
		return true
	}
	h.mu.Lock()
	fns := h.fns
	h.fns = nil
	h.mu.Unlock()
	var panicked any
	for _, fn := range fns {
		if v := runHook(fn); v != nil && panicked == nil {
			panicked = v
		}
	}
	if panicked != nil {
		// Every other hook has run; the executor's recover makes this the
		// command's *PanicError.
		panic(panicked)
	}
	return true
}

// runHook runs one OnResolve function, returning what it panicked with.
func runHook(fn func()) (panicked any) {
	defer func() { panicked = recover() }()
	fn()
	return nil
}

// OnResolve runs fn once the future is resolved: at once if it already is,
// otherwise in the goroutine that resolves it (during the root Exec, before
// the OnExec callbacks run), so fn must be quick and must not block. It is
// what futures built from others stand on (Then, All, and the records of
// package structs). A panic in fn does not stop the other functions
// waiting on the future; during Exec it becomes the command's *PanicError.
func (f *Future[T]) OnResolve(fn func()) {
	h := f.hooks.Load()
	if h == nil {
		f.hooks.CompareAndSwap(nil, &futureHooks{})
		h = f.hooks.Load()
	}
	h.mu.Lock()
	if f.state.Load() != futureSettled {
		h.fns = append(h.fns, fn)
		h.mu.Unlock()
		return
	}
	h.mu.Unlock()
	fn()
}

// deliver and fail make a Future a sink for the executor. A decode
// function that panics fails only its own future (PanicError).
func (f *Future[T]) deliver(r ports.Reply) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = newPanicError("decode function", v)
			f.Fail(err)
		}
	}()
	v, err := f.decode(r)
	f.settle(v, err)
	return err
}

func (f *Future[T]) fail(err error) {
	// The future already carries err, which Exec reports; a panic of an
	// OnResolve function (re-raised once all of them ran) has nowhere
	// better to go, and must not strand the executor's other futures.
	defer func() { _ = recover() }()
	f.Fail(err)
}

// sink is what the executor resolves, whatever the future's type.
type sink interface {
	deliver(r ports.Reply) error
	fail(err error)
}
