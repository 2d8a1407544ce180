package structs

import (
	"errors"
	"runtime/debug"
	"sync/atomic"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// pending is a command future of a record operation, whatever its type.
type pending interface {
	Err() error
	OnResolve(fn func())
}

// settleAfter resolves out once the operation's commands have executed. If
// any of them failed, out fails at once with the first error and apply
// never runs: the local state is left as it was. Otherwise apply runs in a
// callback of p, so records change, and their futures resolve, in the
// order the operations were queued across the whole pipeline tree.
func settleAfter[T any](p *redpipe.Pipeline, out *redpipe.Future[T], deps []pending, apply func() (T, error)) {
	var left atomic.Int64
	left.Store(int64(len(deps)))
	for _, d := range deps {
		d.OnResolve(func() {
			if left.Add(-1) == 0 {
				if err := firstFailure(deps); err != nil {
					out.Fail(err)
				}
			}
		})
	}
	p.OnExec(func() {
		if firstFailure(deps) != nil {
			return
		}
		v, err := apply()
		out.Resolve(v, err)
	})
}

// recoverMapping, deferred, makes a panic of the mapping (which may run
// the record's own methods) its *redpipe.PanicError.
func recoverMapping(err *error) {
	if v := recover(); v != nil {
		*err = &redpipe.PanicError{In: "Repository mapping", Value: v, Stack: debug.Stack()}
	}
}

// firstFailure is the first error among deps, a nil reply not counting.
func firstFailure(deps []pending) error {
	for _, d := range deps {
		if err := d.Err(); err != nil && !errors.Is(err, redpipe.ErrNil) {
			return err
		}
	}
	return nil
}

// rejected queues a write that fails at Exec with err and is never sent,
// so bad input shows in Exec's error like any rejected value.
func rejected(p *redpipe.Pipeline, name, key string, err error) *redpipe.Future[int64] {
	return redpipe.Reject[int64](p, domain.WriteKey(name, key), err)
}

// queueWrite queues the writes of e on key and the TTL refresh.
func (d *Def) queueWrite(p *redpipe.Pipeline, key string, e encoded) []pending {
	var deps []pending
	if len(e.pairs) > 0 {
		deps = append(deps, p.HSet(key, e.pairs))
	}
	if len(e.del) > 0 {
		deps = append(deps, p.HDel(key, e.del...))
	}
	return append(deps, d.refreshTTL(p, key)...)
}

func (d *Def) refreshTTL(p *redpipe.Pipeline, key string) []pending {
	if d.TTL <= 0 {
		return nil
	}
	return []pending{p.Expire(key, d.TTL)}
}

// queueRead reads fields of key (all of them when fields is nil) as a map
// holding the fields the server has.
func queueRead(p *redpipe.Pipeline, key string, fields []string) *redpipe.Future[map[string]string] {
	if fields == nil {
		return p.HGetAll(key)
	}
	if len(fields) == 0 { // HMGET needs a field
		f := redpipe.NewFuture[map[string]string]()
		f.Set(map[string]string{})
		return f
	}
	decode := func(r ports.Reply) (map[string]string, error) {
		vals, err := domain.Values(r)
		if err != nil {
			return nil, err
		}
		m := make(map[string]string, len(fields))
		for i, v := range vals {
			if s, ok := v.(string); ok && i < len(fields) {
				m[fields[i]] = s
			}
		}
		return m, nil
	}
	args := append([]string{"HMGET", key}, fields...)
	return redpipe.Queue(p, ports.Command{Args: args, Keys: domain.FirstKey, ReadOnly: true}, decode)
}

// readSelection is the field list a load reads, without the key name (the
// key holds it); nil means the whole hash, empty means nothing.
func (d *Def) readSelection(fields []string) []string {
	if len(fields) == 0 {
		fields = d.defaultLoad()
		if fields == nil {
			return nil
		}
	}
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if f != d.KeyName {
			out = append(out, f)
		}
	}
	return out
}
