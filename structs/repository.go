package structs

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/keyspace"
)

// Repository keeps values of a Go struct type T, one hash per id at the key
// KeyspaceKey(prefix, id). Every exported field tagged `redis:"name"` is a
// hash field, stored through the codec of its type: strings (Text), []byte
// (Bytes), every int (Int) and uint, floats (Float), bool (Bool), time.Time
// (RFC 3339 with nanoseconds); `redis:"name,json"` stores any value as JSON.
// A saved value loads back exactly (a time in UTC reads back in UTC).
//
//	type User struct {
//		Name  string    `redis:"name"`
//		Age   int       `redis:"age"`
//		Since time.Time `redis:"since"`
//	}
//	var users = structs.NewRepository[User]("user")
//
// Storing is opt-in: untagged fields and `redis:"-"` are not stored. An
// untagged embedded struct, or pointer to struct, exported type or not, has
// its fields promoted as encoding/json promotes them: they are T's own hash
// fields, and the shallowest field of a hash name shadows deeper ones. Two
// at the same depth make T an error naming both, where encoding/json would
// silently drop both: in a store that loses data. A nil embedded pointer
// saves none of its fields (Save removes them, so it loads back nil) and
// Load allocates it when any of its fields is present. A tagged embedded
// field is one named field like any other.
//
// A tagged field that could not be stored or loaded back makes Err an
// error (wrapping ErrInvalidValue) naming T's field, why, and what to do:
// an unexported one; one under an embedded pointer to an unexported struct
// type (Load could not allocate it); a pointer, map, interface, array,
// other slice or struct without `,json`; a chan, func, complex number or
// interface with methods even with it. Within a `,json` value
// encoding/json's rules decide what is kept; an interface there loads back
// only as encoding/json's own types, so Save and Update refuse one holding
// anything else (an int, a []string) and send nothing.
type Repository[T any] struct {
	prefix string
	opts   []redpipe.Option // the connection's, and the key rule of prefix
	ttl    time.Duration    // refreshed on every write when > 0
	m      *domain.StructMap
	err    error
}

// NewRepository returns the repository of T under the keyspace prefix. The
// only option it takes is On, the connection its records live on. A type it
// cannot store, or a prefix with a brace, does not panic: Err reports it
// and every operation fails with it.
func NewRepository[T any](prefix string, opts ...redpipe.Option) *Repository[T] {
	r := &Repository[T]{prefix: prefix, opts: append(slices.Clip(opts), keyspace.CheckKeys(prefix))}
	r.m, r.err = domain.MapStruct(reflect.TypeFor[T]())
	if err := domain.CheckKeyspacePrefix(prefix); err != nil {
		r.err = err
	}
	return r
}

// WithTTL returns a copy of the repository whose every write (Save,
// SaveFields, Update) also sets the record's time to live to d, in the same
// batch. d <= 0 writes without touching the TTL.
func (r *Repository[T]) WithTTL(d time.Duration) *Repository[T] {
	c := *r
	c.ttl = d
	return &c
}

// Err reports why the repository cannot be used, or nil.
func (r *Repository[T]) Err() error { return r.err }

// Key returns the key of the record id.
func (r *Repository[T]) Key(id string) string { return domain.KeyspaceKey(r.prefix, id) }

// Fields returns the hash field names of T, in declaration order, promoted
// fields where their struct is embedded.
func (r *Repository[T]) Fields() []string {
	if r.m == nil {
		return nil
	}
	return r.m.Names()
}

func (r *Repository[T]) pipeline(s redpipe.Scope) *redpipe.Pipeline {
	return s.Pipeline(r.opts...)
}

// Load reads the record id. A record that does not exist gives ErrNil. A
// field whose stored text its codec rejects gives that error (wrapping
// ErrUnexpectedReply) together with the value holding every other field.
func (r *Repository[T]) Load(ctx context.Context, s redpipe.Scope, id string) *redpipe.Future[T] {
	out := redpipe.NewFuture[T]()
	if r.err != nil {
		out.Fail(r.err)
		return out
	}
	p := r.pipeline(s)
	hash := p.HGetAll(r.Key(id))
	hash.OnResolve(func() {
		h, err := hash.Result()
		switch {
		case err != nil:
			out.Fail(err)
		case len(h) == 0:
			out.Fail(redpipe.ErrNil)
		default:
			var v T
			err := r.m.Decode(h, reflect.ValueOf(&v).Elem())
			if err != nil {
				err = fmt.Errorf("%s: %w", r.Key(id), err)
			}
			out.Resolve(v, err)
		}
	})
	_ = p.Exec(ctx)
	return out
}

// Save writes every field of v, zero values included, to the record id;
// true once written. The fields of a nil embedded pointer are removed
// instead (HDEL in the same batch), so that it loads back nil even over a
// record saved with it set. A field its codec rejects fails the save and
// nothing is sent.
func (r *Repository[T]) Save(ctx context.Context, s redpipe.Scope, id string, v T) *redpipe.Future[bool] {
	pairs, unset, err := r.encodeAll(v)
	return r.write(ctx, s, id, pairs, unset, err)
}

// SaveFields writes only the named fields of v to the record id; a named
// field of a nil embedded pointer is removed, as Save removes it.
func (r *Repository[T]) SaveFields(ctx context.Context, s redpipe.Scope, id string, v T, fields ...string) *redpipe.Future[bool] {
	pairs, unset, err := r.encodeAll(v)
	var del []string
	if err == nil {
		all := pairsMap(pairs)
		pairs = pairs[:0:0]
		for _, f := range fields {
			if val, ok := all[f]; ok {
				pairs = append(pairs, f, val)
			} else if slices.Contains(unset, f) {
				del = append(del, f)
			} else {
				err = fmt.Errorf("%w: %v has no field %q", redpipe.ErrInvalidValue, reflect.TypeFor[T](), f)
				break
			}
		}
	}
	return r.write(ctx, s, id, pairs, del, err)
}

// Update writes changes, keyed by hash field name, to the record id; a nil
// value removes the field (it loads as the zero value). Each value must be
// one T's field can hold exactly (an int for an int8 field if it fits);
// an unknown field or any other value fails the update and nothing is sent.
func (r *Repository[T]) Update(ctx context.Context, s redpipe.Scope, id string, changes map[string]any) *redpipe.Future[bool] {
	var pairs, del []string
	err := r.err
	for _, f := range sortedKeys(changes) {
		if err != nil {
			break
		}
		if changes[f] == nil {
			if _, ok := r.m.Field(f); !ok {
				err = fmt.Errorf("%w: %v has no field %q", redpipe.ErrInvalidValue, reflect.TypeFor[T](), f)
			}
			del = append(del, f)
			continue
		}
		var enc string
		enc, err = r.m.EncodeValue(f, changes[f])
		pairs = append(pairs, f, enc)
	}
	return r.write(ctx, s, id, pairs, del, err)
}

// Delete deletes the records ids and gives how many existed, one DEL per
// id: each record is its own slot on a cluster.
func (r *Repository[T]) Delete(ctx context.Context, s redpipe.Scope, ids ...string) *redpipe.Future[int64] {
	if r.err != nil {
		f := redpipe.NewFuture[int64]()
		f.Fail(r.err)
		return f
	}
	p := r.pipeline(s)
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = r.Key(id)
	}
	n := deleteEach(p, keys)
	_ = p.Exec(ctx)
	return n
}

func (r *Repository[T]) encodeAll(v T) (pairs, unset []string, err error) {
	if r.err != nil {
		return nil, nil, r.err
	}
	// The mapping may run the record's own methods (a field's codec).
	defer recoverMapping(&err)
	return r.m.Encode(reflect.ValueOf(v))
}

// write queues HSET pairs and HDEL del on the record id, or, when err is
// set, a rejected HSET that Exec reports and never sends.
func (r *Repository[T]) write(ctx context.Context, s redpipe.Scope, id string, pairs, del []string, err error) *redpipe.Future[bool] {
	p := r.pipeline(s)
	key := r.Key(id)
	var deps []*redpipe.Future[int64]
	switch {
	case err != nil:
		err = fmt.Errorf("%s: %w", key, err)
		deps = append(deps, rejected(p, "HSET", key, err))
	default:
		if len(pairs) > 0 {
			deps = append(deps, p.HSet(key, pairs))
		}
		if len(del) > 0 {
			deps = append(deps, p.HDel(key, del...))
		}
		if r.ttl > 0 && len(pairs)+len(del) > 0 {
			p.Expire(key, r.ttl)
		}
	}
	_ = p.Exec(ctx)
	return redpipe.Then(redpipe.All(deps...), func([]int64) (bool, error) { return true, nil })
}

func pairsMap(pairs []string) map[string]string {
	m := make(map[string]string, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}
