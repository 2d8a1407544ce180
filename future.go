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
	hooked atomic.Bool   // set before a hook is added: settle must then look for hooks
	mu     sync.Mutex    // guards hooks
	val    T
	err    error
	decode func(ports.Reply) (T, error)
	hooks  []func()
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

// settle resolves f once; the first call wins. Most futures never get a
// hook (Then, All), so settling takes no lock: a hook is added only after
// hooked is set, and settle looks at hooked only after marking f settled,
// so either settle sees the flag and runs the hook, or onSettle sees f
// settled and runs it itself (both are sequentially consistent atomics).
func (f *Future[T]) settle(v T, err error) bool {
	if !f.state.CompareAndSwap(futurePending, futureSettling) {
		return false
	}
	f.val, f.err = v, err
	f.state.Store(futureSettled)
	if !f.hooked.Load() {
		return true
	}
	f.mu.Lock()
	hooks := f.hooks
	f.hooks = nil
	f.mu.Unlock()
	for _, h := range hooks {
		h()
	}
	return true
}

// onSettle runs fn once the future is resolved (at once if it already is).
func (f *Future[T]) onSettle(fn func()) {
	f.mu.Lock()
	f.hooked.Store(true)
	if f.state.Load() != futureSettled {
		f.hooks = append(f.hooks, fn)
		f.mu.Unlock()
		return
	}
	f.mu.Unlock()
	fn()
}

// deliver and fail make a Future a sink for the executor.
func (f *Future[T]) deliver(r ports.Reply) error {
	v, err := f.decode(r)
	f.settle(v, err)
	return err
}

func (f *Future[T]) fail(err error) { f.Fail(err) }

// sink is what the executor resolves, whatever the future's type.
type sink interface {
	deliver(r ports.Reply) error
	fail(err error)
}
