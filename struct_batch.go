package redpipe

import (
	"errors"
	"sync/atomic"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// pending is a command future of a record operation, whatever its type.
type pending interface {
	Err() error
	onSettle(fn func())
}

// settleAfter resolves out once the operation's commands have executed. If
// any of them failed, out fails at once with the first error and apply
// never runs: the local state is left as it was. Otherwise apply runs in a
// callback of p, so records change, and their futures resolve, in the
// order the operations were queued across the whole pipeline tree.
func settleAfter[T any](p *Pipeline, out *Future[T], deps []pending, apply func() (T, error)) {
	var left atomic.Int64
	left.Store(int64(len(deps)))
	for _, d := range deps {
		d.onSettle(func() {
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
		out.settle(v, err)
	})
}

// firstFailure is the first error among deps, a nil reply not counting.
func firstFailure(deps []pending) error {
	for _, d := range deps {
		if err := d.Err(); err != nil && !errors.Is(err, ErrNil) {
			return err
		}
	}
	return nil
}

// rejected queues a write that fails at Exec with err and is never sent,
// so bad input shows in Exec's error like any rejected value.
func rejected(p *Pipeline, name, key string, err error) *Future[int64] {
	return queueBuilt(p, domain.Int64, &builder{cmd: writeKey(name, key), err: err})
}

// queueWrite queues the writes of e on key and the TTL refresh.
func (d *StructDef) queueWrite(p *Pipeline, key string, e encoded) []pending {
	var deps []pending
	if len(e.pairs) > 0 {
		deps = append(deps, p.HSet(key, e.pairs))
	}
	if len(e.del) > 0 {
		deps = append(deps, p.HDel(key, e.del...))
	}
	return append(deps, d.refreshTTL(p, key)...)
}

func (d *StructDef) refreshTTL(p *Pipeline, key string) []pending {
	if d.TTL <= 0 {
		return nil
	}
	return []pending{p.Expire(key, d.TTL)}
}

// queueRead reads fields of key (all of them when fields is nil) as a map
// holding the fields the server has.
func queueRead(p *Pipeline, key string, fields []string) *Future[map[string]string] {
	if fields == nil {
		return p.HGetAll(key)
	}
	if len(fields) == 0 { // HMGET needs a field
		f := NewFuture[map[string]string]()
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
	return queueBuilt(p, decode, keyCmd(true, "HMGET", key).str(fields...))
}

// readSelection is the field list a load reads, without the key name (the
// key holds it); nil means the whole hash, empty means nothing.
func (d *StructDef) readSelection(fields []string) []string {
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
