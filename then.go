package redpipe

import "sync/atomic"

// Then returns a future resolved with fn(value) once f resolves. An error in
// f (ErrNil included) passes through without calling fn. A panic in fn
// becomes the derived future's error (a *PanicError).
func Then[T, U any](f *Future[T], fn func(T) (U, error)) *Future[U] {
	g := NewFuture[U]()
	f.OnResolve(func() {
		v, err := f.Result()
		if err != nil {
			g.Fail(err)
			return
		}
		u, err := callSafely(fn, v)
		g.settle(u, err)
	})
	return g
}

func callSafely[T, U any](fn func(T) (U, error), v T) (u U, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = newPanicError("Then function", p)
		}
	}()
	return fn(v)
}

// All returns a future of every value, in order, resolved when the last of
// fs resolves; its error is the first error among fs, in order.
func All[T any](fs ...*Future[T]) *Future[[]T] {
	g := NewFuture[[]T]()
	if len(fs) == 0 {
		g.Set([]T{})
		return g
	}
	var left atomic.Int64
	left.Store(int64(len(fs)))
	finish := func() {
		if left.Add(-1) != 0 {
			return
		}
		out := make([]T, len(fs))
		for i, f := range fs {
			v, err := f.Result()
			if err != nil {
				g.Fail(err)
				return
			}
			out[i] = v
		}
		g.Set(out)
	}
	for _, f := range fs {
		f.OnResolve(finish)
	}
	return g
}
