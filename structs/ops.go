package structs

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

// Update writes changes to the record: each value through its field's
// codec, a nil value removing the field. Changing the key name, removing a
// required field, or a value its codec rejects fails the whole update and
// nothing of it is sent. The future is true once written.
func (r *Struct) Update(ctx context.Context, s redpipe.Scope, changes map[string]any) *redpipe.Future[bool] {
	d := r.def
	p := d.pipeline(s)
	out := redpipe.NewFuture[bool]()
	e, err := d.encode(changes)
	switch {
	case err != nil:
		r.reject(p, out, "HSET", err)
	case len(e.pairs)+len(e.del) == 0:
		out.Set(true)
	default:
		settleAfter(p, out, d.queueWrite(p, r.Key(), e), func() (bool, error) {
			r.setLocal(e.local, e.del)
			return true, nil
		})
	}
	_ = p.Exec(ctx)
	return out
}

// Remove deletes fields from the record and gives how many it held. The
// key name and required fields cannot be removed: asking fails the whole
// removal and nothing is sent.
func (r *Struct) Remove(ctx context.Context, s redpipe.Scope, fields ...string) *redpipe.Future[int64] {
	p := r.def.pipeline(s)
	out := redpipe.NewFuture[int64]()
	if err := r.removable(fields...); err != nil {
		r.reject(p, out, "HDEL", err)
	} else if len(fields) == 0 {
		out.Set(0)
	} else {
		n := p.HDel(r.Key(), fields...)
		deps := append([]pending{n}, r.def.refreshTTL(p, r.Key())...)
		settleAfter(p, out, deps, func() (int64, error) {
			r.setLocal(nil, fields)
			return n.Val(), nil
		})
	}
	_ = p.Exec(ctx)
	return out
}

// Incr adds n to an integer field (HINCRBY) and gives the new value; the
// record then holds it as the field's codec decodes it.
func (r *Struct) Incr(ctx context.Context, s redpipe.Scope, field string, n int64) *redpipe.Future[int64] {
	p := r.def.pipeline(s)
	out := redpipe.NewFuture[int64]()
	if field == r.def.KeyName {
		r.reject(p, out, "HINCRBY", r.keyNameError())
	} else {
		v := p.HIncrBy(r.Key(), field, n)
		deps := append([]pending{v}, r.def.refreshTTL(p, r.Key())...)
		settleAfter(p, out, deps, func() (int64, error) {
			r.setLoaded(map[string]string{field: strconv.FormatInt(v.Val(), 10)}, []string{field})
			return v.Val(), nil
		})
	}
	_ = p.Exec(ctx)
	return out
}

// Decr subtracts n from an integer field and gives the new value.
func (r *Struct) Decr(ctx context.Context, s redpipe.Scope, field string, n int64) *redpipe.Future[int64] {
	return r.Incr(ctx, s, field, -n)
}

// IncrFloat adds f to a numeric field (HINCRBYFLOAT) and gives the new value.
func (r *Struct) IncrFloat(ctx context.Context, s redpipe.Scope, field string, f float64) *redpipe.Future[float64] {
	p := r.def.pipeline(s)
	out := redpipe.NewFuture[float64]()
	if field == r.def.KeyName {
		r.reject(p, out, "HINCRBYFLOAT", r.keyNameError())
	} else {
		v := p.HIncrByFloat(r.Key(), field, f)
		deps := append([]pending{v}, r.def.refreshTTL(p, r.Key())...)
		settleAfter(p, out, deps, func() (float64, error) {
			r.setLoaded(map[string]string{field: domain.FormatFloat(v.Val())}, []string{field})
			return v.Val(), nil
		})
	}
	_ = p.Exec(ctx)
	return out
}

// Pop reads a field and deletes it in one batch, and gives its value
// decoded by its codec: ErrNil when the record did not hold it. The key
// name and required fields cannot be popped.
func (r *Struct) Pop(ctx context.Context, s redpipe.Scope, field string) *redpipe.Future[any] {
	p := r.def.pipeline(s)
	out := redpipe.NewFuture[any]()
	if err := r.removable(field); err != nil {
		r.reject(p, out, "HDEL", err)
	} else {
		v := p.HGet(r.Key(), field)
		deps := append([]pending{v, p.HDel(r.Key(), field)}, r.def.refreshTTL(p, r.Key())...)
		settleAfter(p, out, deps, func() (any, error) {
			r.setLocal(nil, []string{field})
			s, err := v.Result()
			if err != nil {
				return nil, err
			}
			val, err := r.def.codec(field).DecodeAny(s)
			if err != nil {
				return nil, fmt.Errorf("struct %q field %q: %w", r.def.Prefix, field, err)
			}
			return val, nil
		})
	}
	_ = p.Exec(ctx)
	return out
}

// Clear deletes the whole record; true when it existed. The record then
// holds only its id.
func (r *Struct) Clear(ctx context.Context, s redpipe.Scope) *redpipe.Future[bool] {
	p := r.def.pipeline(s)
	out := redpipe.NewFuture[bool]()
	n := p.Del(r.Key())
	settleAfter(p, out, []pending{n}, func() (bool, error) {
		r.clearLocal()
		return n.Val() == 1, nil
	})
	_ = p.Exec(ctx)
	return out
}

// Reload reads the given fields again (or the ones the definition loads by
// default) and gives whether the record exists.
func (r *Struct) Reload(ctx context.Context, s redpipe.Scope, fields ...string) *redpipe.Future[bool] {
	p := r.def.pipeline(s)
	out := redpipe.NewFuture[bool]()
	read := r.def.readSelection(fields)
	loaded := queueRead(p, r.Key(), read)
	settleAfter(p, out, []pending{loaded}, func() (bool, error) {
		r.setLoaded(loaded.Val(), read)
		return len(loaded.Val()) > 0, nil
	})
	_ = p.Exec(ctx)
	return out
}

func (r *Struct) removable(fields ...string) error {
	for _, f := range fields {
		if f == r.def.KeyName {
			return r.keyNameError()
		}
		if r.def.required(f) {
			return fmt.Errorf("%w: struct %q: the required field %q cannot be removed", redpipe.ErrInvalidValue, r.def.Prefix, f)
		}
	}
	return nil
}

func (r *Struct) keyNameError() error {
	return fmt.Errorf("%w: struct %q: the key name %q cannot be changed", redpipe.ErrInvalidValue, r.def.Prefix, r.def.KeyName)
}

// reject fails out with err and queues the rejected command so Exec
// reports it; nothing is sent.
func (r *Struct) reject(p *redpipe.Pipeline, out interface{ Fail(error) }, command string, err error) {
	out.Fail(err)
	rejected(p, command, r.Key(), err)
}
