package structs

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Create writes a record from data, which must hold the key name (the id)
// and every required field, then reads the fields Load would read that
// data did not give, all in one batch. A nil value removes that field. A
// value its codec rejects fails the record (Err, and Exec's error) and
// nothing of it is sent.
//
// With s a *Client the batch is one round trip of its own; with s a
// *Pipeline it joins that pipeline's batch and the record fills in when
// the root executes.
func (d *Def) Create(ctx context.Context, s redpipe.Scope, data map[string]any) *Struct {
	p := d.pipeline(s)
	rec, e, ok := d.prepareCreate(p, data)
	if ok {
		key := rec.Key()
		deps := d.queueWrite(p, key, e)
		read, loaded := d.queueRest(p, key, e)
		deps = append(deps, loaded)
		settleAfter(p, rec.ready, deps, func() (*Struct, error) {
			rec.setLocal(e.local, e.del)
			rec.setLoaded(loaded.Val(), read)
			return rec, nil
		})
	}
	_ = p.Exec(ctx) // the record's future carries any error
	return rec
}

// CreateNX is Create only when the record does not exist yet, checked and
// written atomically on the server. When it existed nothing is written, and
// the record resolves with the fields as stored and ErrStructExists.
func (d *Def) CreateNX(ctx context.Context, s redpipe.Scope, data map[string]any) *Struct {
	p := d.pipeline(s)
	rec, e, ok := d.prepareCreate(p, data)
	if ok {
		key := rec.Key()
		created := redpipe.Cmd(p, decodeCreated, createNX(key, d.TTL, e.pairs)...)
		read := d.readSelection(nil)
		loaded := queueRead(p, key, read)
		settleAfter(p, rec.ready, []pending{created, loaded}, func() (*Struct, error) {
			rec.setLoaded(loaded.Val(), read)
			if !created.Val() {
				return rec, ErrStructExists
			}
			return rec, nil
		})
	}
	_ = p.Exec(ctx)
	return rec
}

// prepareCreate checks data; on bad input it queues the rejected write (so
// Exec reports it) and fails the record.
func (d *Def) prepareCreate(p *redpipe.Pipeline, data map[string]any) (*Struct, encoded, bool) {
	err := d.check()
	id, rest := "", map[string]any(nil)
	if err == nil {
		id, rest, err = d.splitID(data)
	}
	for _, f := range d.Required {
		if err == nil && rest[f] == nil {
			err = fmt.Errorf("%w: struct %q: the required field %q is missing", redpipe.ErrInvalidValue, d.Prefix, f)
		}
	}
	var e encoded
	if err == nil {
		e, err = d.encode(rest)
	}
	rec := newStruct(d, id)
	if err != nil {
		rec.ready.Fail(err)
		rejected(p, "HSET", rec.Key(), err)
		return rec, e, false
	}
	return rec, e, true
}

// queueRest reads what Load would read minus the fields just written;
// with the whole hash selected that is the whole hash.
func (d *Def) queueRest(p *redpipe.Pipeline, key string, e encoded) ([]string, *redpipe.Future[map[string]string]) {
	read := d.readSelection(nil)
	if read != nil {
		read = slices.DeleteFunc(slices.Clone(read), func(f string) bool {
			_, written := e.local[f]
			return written
		})
	}
	return read, queueRead(p, key, read)
}

// createNXScript writes the hash only if the key does not exist, and sets
// the TTL (ARGV[1], milliseconds, 0 for none) with it: one atomic step.
const createNXScript = `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
if tonumber(ARGV[1]) > 0 and #ARGV > 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1`

func createNX(key string, ttl time.Duration, pairs []string) []any {
	args := []any{"EVAL", createNXScript, "1", key, strconv.FormatInt(max(ttl.Milliseconds(), 0), 10)}
	for _, p := range pairs {
		args = append(args, p)
	}
	return args
}

func decodeCreated(r ports.Reply) (bool, error) {
	n, err := domain.Int64(r)
	return n == 1, err
}

// Load reads the record id: the given fields, or the ones the definition
// loads by default. A record that does not exist loads with no fields
// (Persisted is false).
func (d *Def) Load(ctx context.Context, s redpipe.Scope, id string, fields ...string) *Struct {
	p := d.pipeline(s)
	rec := newStruct(d, id)
	if err := d.check(); err != nil {
		rec.ready.Fail(err)
	} else {
		read := d.readSelection(fields)
		loaded := queueRead(p, rec.Key(), read)
		settleAfter(p, rec.ready, []pending{loaded}, func() (*Struct, error) {
			rec.setLoaded(loaded.Val(), read)
			return rec, nil
		})
	}
	_ = p.Exec(ctx)
	return rec
}

// Local makes a record from data without any I/O (the original's no-op
// construction): data is checked and normalized exactly as Create would
// write it, and nothing is sent.
func (d *Def) Local(data map[string]any) (*Struct, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	id, rest, err := d.splitID(data)
	if err != nil {
		return nil, err
	}
	e, err := d.encode(rest)
	if err != nil {
		return nil, err
	}
	rec := newStruct(d, id)
	rec.vals = maps.Clone(e.local)
	rec.ready.Set(rec)
	return rec, nil
}

// Delete deletes the records ids and gives how many existed. It sends one
// DEL per id: each record is its own slot on a cluster.
func (d *Def) Delete(ctx context.Context, s redpipe.Scope, ids ...string) *redpipe.Future[int64] {
	p := d.pipeline(s)
	if err := d.check(); err != nil {
		rejected(p, "DEL", d.Prefix, err)
		f := redpipe.NewFuture[int64]()
		f.Fail(err)
		_ = p.Exec(ctx)
		return f
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = d.Key(id)
	}
	n := deleteEach(p, keys)
	_ = p.Exec(ctx)
	return n
}

func deleteEach(p *redpipe.Pipeline, keys []string) *redpipe.Future[int64] {
	dels := make([]*redpipe.Future[int64], len(keys))
	for i, k := range keys {
		dels[i] = p.Del(k)
	}
	return redpipe.Then(redpipe.All(dels...), func(ns []int64) (int64, error) {
		var sum int64
		for _, n := range ns {
			sum += n
		}
		return sum, nil
	})
}
