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

// settle resolves f once; the first call wins. A panic of an OnResolve
// function goes on up once every other one has run.
func (f *Future[T]) settle(v T, err error) bool {
	settled, panicked := f.settleAndRunHooks(v, err)
	if panicked != nil {
		panic(panicked.Value)
	}
	return settled
}

// settleAndRunHooks resolves f once and runs the OnResolve functions
// waiting on it, each whatever the others do, and returns the panic of the
// first one that panicked. Settling takes no lock unless a hook is
// waiting: OnResolve makes f.hooks exist before it looks at the state, and
// this looks at f.hooks only after marking f settled, so either it finds
// the hook and runs it, or OnResolve finds f settled and runs it itself
// (both are sequentially consistent atomics).
func (f *Future[T]) settleAndRunHooks(v T, err error) (settled bool, panicked *PanicError) {
	if !f.state.CompareAndSwap(futurePending, futureSettling) {
		return false, nil
	}
	f.val, f.err = v, err
	f.state.Store(futureSettled)
	h := f.hooks.Load()
	if h == nil {
		return true, nil
	}
	h.mu.Lock()
	fns := h.fns
	h.fns = nil
	h.mu.Unlock()
	for _, fn := range fns {
		if pe := runHook(fn); pe != nil && panicked == nil {
			panicked = pe
		}
	}
	return true, panicked
}

// runHook runs one OnResolve function, returning its panic with the stack
// where it happened.
func runHook(fn func()) (panicked *PanicError) {
	defer func() {
		if p := recover(); p != nil {
			panicked = newPanicError("OnResolve function", p)
		}
	}()
	fn()
	return nil
}

// OnResolve runs fn once the future is resolved: at once if it already is,
// otherwise in the goroutine that resolves it (during the root Exec, before
// the OnExec callbacks run), so fn must be quick and must not block. It is
// what futures built from others stand on (Then, All, and the records of
// package structs). A panic in fn does not stop the other functions
// waiting on the future; during Exec it becomes the command's *PanicError
// in Exec's error (the future keeps its value), and outside Exec, Set,
// Resolve or Fail panics with it once every function has run.
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
// function that panics fails only its own future; an OnResolve function
// that panics leaves the future its value (the reply decoded) and becomes
// the command's error in Exec's report. Either is a *PanicError.
func (f *Future[T]) deliver(r ports.Reply) error {
	v, err := f.decodeRecovered(r)
	if _, panicked := f.settleAndRunHooks(v, err); panicked != nil {
		return panicked
	}
	return err
}

func (f *Future[T]) decodeRecovered(r ports.Reply) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			var zero T
			v, err = zero, newPanicError("decode function", p)
		}
	}()
	return f.decode(r)
}

func (f *Future[T]) fail(err error) {
	// The future already carries err, which Exec reports; a panic of an
	// OnResolve function has nowhere better to go, and must not strand the
	// executor's other futures.
	var zero T
	f.settleAndRunHooks(zero, err)
}

// sink is what the executor resolves, whatever the future's type.
type sink interface {
	deliver(r ports.Reply) error
	fail(err error)
}
