package structs

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
)

// Struct is one record of a Def: its id and the fields it holds
// locally. The local fields change only when a batch that wrote or read
// them has executed successfully, in the order the operations were queued,
// so a record created, changed and reloaded in one pipeline ends up with
// what the server holds last. A Struct is safe to read from any goroutine.
type Struct struct {
	def   *Def
	id    string
	ready *redpipe.Future[*Struct]
	mu    sync.RWMutex
	vals  map[string]any
	errs  map[string]error // fields whose stored text their codec rejected
}

func newStruct(d *Def, id string) *Struct {
	return &Struct{def: d, id: id, ready: redpipe.NewFuture[*Struct](), vals: map[string]any{}, errs: map[string]error{}}
}

// ID returns the record's id.
func (r *Struct) ID() string { return r.id }

// Key returns the key of the hash that holds the record.
func (r *Struct) Key() string { return r.def.Key(r.id) }

// Done returns the future of the operation that made the record (Create,
// CreateNX, Load): resolved with the record once its batch executed, or
// with that batch's error. CreateNX over an existing record resolves with
// the record as stored and ErrStructExists.
func (r *Struct) Done() *redpipe.Future[*Struct] { return r.ready }

// Err is Done().Err(): nil once the record was made, ErrNotReady before.
func (r *Struct) Err() error { return r.ready.Err() }

// Get returns the value of field, decoded by its codec: ErrNil when the
// record does not hold it, and the decode error (wrapping
// ErrUnexpectedReply) when the stored text was not valid for the codec.
// The key name gives the id.
func (r *Struct) Get(field string) (any, error) {
	if field == r.def.KeyName {
		return r.id, nil
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if err, bad := r.errs[field]; bad {
		return nil, err
	}
	v, ok := r.vals[field]
	if !ok {
		return nil, redpipe.ErrNil
	}
	return v, nil
}

// Has reports whether the record holds field (the key name always).
func (r *Struct) Has(field string) bool {
	if field == r.def.KeyName {
		return true
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	_, ok := r.vals[field]
	_, bad := r.errs[field]
	return ok || bad
}

// Len returns the number of fields the record holds, the key name included.
func (r *Struct) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return 1 + len(r.vals) + len(r.errs)
}

// Keys returns the fields the record holds, sorted, the key name included.
func (r *Struct) Keys() []string {
	r.mu.RLock()
	keys := append(slices.Collect(maps.Keys(r.vals)), slices.Collect(maps.Keys(r.errs))...)
	r.mu.RUnlock()
	keys = append(keys, r.def.KeyName)
	slices.Sort(keys)
	return keys
}

// Map returns a copy of the record's decoded fields with the key name
// mapped to the id; fields that failed to decode are left out (Get says why).
func (r *Struct) Map() map[string]any {
	r.mu.RLock()
	defer r.mu.RUnlock()
	m := maps.Clone(r.vals)
	m[r.def.KeyName] = r.id
	return m
}

// Persisted reports whether the record held any field when last read or written.
func (r *Struct) Persisted() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.vals)+len(r.errs) > 0
}

// Text returns a text field (Text, ASCII, or the default codec Text).
func (r *Struct) Text(field string) (string, error) { return Field[string](r, field) }

// Int returns an Int field.
func (r *Struct) Int(field string) (int64, error) { return Field[int64](r, field) }

// Float returns a Float field.
func (r *Struct) Float(field string) (float64, error) { return Field[float64](r, field) }

// Bool returns a Bool field.
func (r *Struct) Bool(field string) (bool, error) { return Field[bool](r, field) }

// Bytes returns a Bytes field.
func (r *Struct) Bytes(field string) ([]byte, error) { return Field[[]byte](r, field) }

// Strings returns a StringList field.
func (r *Struct) Strings(field string) ([]string, error) { return Field[[]string](r, field) }

// Field returns field as a T, the type its codec decodes to (a JSON[T]
// field gives a T): ErrNil when absent, ErrUnexpectedReply when the field's
// codec gives another type.
func Field[T any](r *Struct, field string) (T, error) {
	var zero T
	v, err := r.Get(field)
	if err != nil {
		return zero, err
	}
	t, ok := v.(T)
	if !ok {
		return zero, fmt.Errorf("%w: struct %q field %q holds a %T, not a %T", domain.ErrUnexpectedReply, r.def.Prefix, field, v, zero)
	}
	return t, nil
}

// setLocal records values written by this record's own batch.
func (r *Struct) setLocal(vals map[string]any, removed []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range vals {
		r.vals[k] = v
		delete(r.errs, k)
	}
	for _, k := range removed {
		delete(r.vals, k)
		delete(r.errs, k)
	}
}

// setLoaded records fields read from the server: with fields nil, the
// whole hash replaces the local state; otherwise each listed field is set
// or, when the server had none, dropped.
func (r *Struct) setLoaded(hash map[string]string, fields []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if fields == nil {
		clear(r.vals)
		clear(r.errs)
		fields = slices.Collect(maps.Keys(hash))
	}
	for _, f := range fields {
		delete(r.vals, f)
		delete(r.errs, f)
		s, ok := hash[f]
		if !ok {
			continue
		}
		if v, err := r.def.codec(f).DecodeAny(s); err != nil {
			r.errs[f] = fmt.Errorf("struct %q field %q: %w", r.def.Prefix, f, err)
		} else {
			r.vals[f] = v
		}
	}
}

// clearLocal forgets every field: the record was deleted.
func (r *Struct) clearLocal() {
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.vals)
	clear(r.errs)
}
