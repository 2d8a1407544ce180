package keyspace

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Hash is a keyspace of hashes whose fields each have a codec: the
// declared ones from a Fields map, every other field the undeclared codec.
// Values go in and come out as the Go type of the field's codec (int64 for
// Int, string for Text, ...):
//
//	users := keyspace.NewHash("user", redpipe.Fields{"age": redpipe.Int}, redpipe.Text)
//	users.With(ctx, p).HSet("alice", map[string]any{"age": 30, "name": "Alice"})
type Hash struct {
	Keyspace
	fields     redpipe.Fields
	undeclared redpipe.FieldCodec
}

// NewHash defines a keyspace of hashes. undeclared is the codec of fields
// not in fields; nil rejects them (ErrInvalidValue). opts choose its
// connection (On).
func NewHash(prefix string, fields redpipe.Fields, undeclared redpipe.FieldCodec, opts ...redpipe.Option) *Hash {
	ks := newKeyspace(prefix, opts)
	for name, c := range fields {
		if c == nil && ks.err == nil {
			ks.err = fmt.Errorf("%w: keyspace %q: field %q has no codec", redpipe.ErrInvalidValue, prefix, name)
		}
	}
	guarded := make(redpipe.Fields, len(fields))
	for name, c := range fields {
		guarded[name] = redpipe.GuardField(c)
	}
	return &Hash{Keyspace: ks, fields: guarded, undeclared: redpipe.GuardField(undeclared)}
}

// With binds the keyspace to a scope (see String.With).
func (k *Hash) With(ctx context.Context, s redpipe.Scope) HashCmds {
	return HashCmds{KeyCmds: k.bind(ctx, s), h: k}
}

// HashCmds are a Hash keyspace's commands, bound to a scope.
type HashCmds struct {
	KeyCmds
	h *Hash
}

// codec gives field's codec, or why the field cannot be used.
func (k *Hash) codec(field string) (redpipe.FieldCodec, error) {
	if c, ok := k.fields[field]; ok && c != nil {
		return c, nil
	}
	if k.undeclared != nil {
		return k.undeclared, nil
	}
	return nil, fmt.Errorf("%w: field %q is not declared", redpipe.ErrInvalidValue, field)
}

func (b HashCmds) whereField(id, field string) string {
	return fmt.Sprintf("keyspace %q id %q field %q", b.ks.prefix, id, field)
}

// encode gives field's value as text, or an error naming keyspace, id and field.
func (b HashCmds) encode(id, field string, v any) (string, error) {
	c, err := b.h.codec(field)
	if err == nil {
		var s string
		if s, err = c.EncodeAny(v); err == nil {
			return s, nil
		}
	}
	return "", valueError(b.whereField(id, field), err)
}

// decode gives field's stored text as the codec's Go value.
func (b HashCmds) decode(id, field, s string) (any, error) {
	c, err := b.h.codec(field)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.whereField(id, field), err)
	}
	v, err := c.DecodeAny(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.whereField(id, field), err)
	}
	return v, nil
}

// HGet gives field's value; ErrNil when the field or hash does not exist.
func (b HashCmds) HGet(id, field string) *redpipe.Future[any] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[any] {
		return queueKey(p, func(r ports.Reply) (any, error) {
			s, err := domain.String(r)
			if err != nil {
				return nil, err
			}
			return b.decode(id, field, s)
		}, true, "HGET", b.key(id), field)
	})
}

// HSet stores every field of values (in sorted field order) and gives how
// many fields were new. One value its codec rejects rejects the command.
func (b HashCmds) HSet(id string, values map[string]any) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		fields := make([]string, 0, len(values))
		for f := range values {
			fields = append(fields, f)
		}
		slices.Sort(fields)
		cmd := domain.KeyCmd(false, "HSET", b.key(id))
		for _, f := range fields {
			s, err := b.encode(id, f, values[f])
			if err != nil {
				return reject[int64](p, "HSET", err)
			}
			cmd.Str(f, s)
		}
		return queueBuilt(p, domain.Int64, cmd)
	})
}

// HSetNX stores field's value only if the field does not exist: true if stored.
func (b HashCmds) HSetNX(id, field string, v any) *redpipe.Future[bool] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[bool] {
		s, err := b.encode(id, field, v)
		if err != nil {
			return reject[bool](p, "HSETNX", err)
		}
		return p.HSetNX(b.key(id), field, s)
	})
}

// HGetAll gives every field, each decoded by its codec. A field its codec
// cannot decode fails the whole reply; HGet and HMGet read fields alone.
func (b HashCmds) HGetAll(id string) *redpipe.Future[map[string]any] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[map[string]any] {
		return queueKey(p, func(r ports.Reply) (map[string]any, error) {
			m, err := domain.StringMap(r)
			if err != nil {
				return nil, err
			}
			out := make(map[string]any, len(m))
			for f, s := range m {
				if out[f], err = b.decode(id, f, s); err != nil {
					return nil, err
				}
			}
			return out, nil
		}, true, "HGETALL", b.key(id))
	})
}

// HMGet gives the values of fields in order, nil for a missing one.
func (b HashCmds) HMGet(id string, fields ...string) *redpipe.Future[[]any] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]any] {
		return queueKey(p, func(r ports.Reply) ([]any, error) {
			i := 0
			return domain.Slice(r, func(e ports.Reply) (any, error) {
				if i >= len(fields) {
					return nil, fmt.Errorf("%w: HMGET gave more values than fields", domain.ErrUnexpectedReply)
				}
				field := fields[i]
				i++
				if e.IsNil() {
					return nil, nil
				}
				s, err := domain.String(e)
				if err != nil {
					return nil, err
				}
				return b.decode(id, field, s)
			})
		}, true, "HMGET", b.key(id), fields...)
	})
}

// HDel deletes fields and gives how many existed.
func (b HashCmds) HDel(id string, fields ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.HDel(b.key(id), fields...) })
}

// HExists reports whether field exists.
func (b HashCmds) HExists(id, field string) *redpipe.Future[bool] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.HExists(b.key(id), field) })
}

// HLen gives the number of fields.
func (b HashCmds) HLen(id string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.HLen(b.key(id)) })
}

// HKeys gives the field names.
func (b HashCmds) HKeys(id string) *redpipe.Future[[]string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]string] { return p.HKeys(b.key(id)) })
}

// HStrLen gives the length in bytes of field's stored text.
func (b HashCmds) HStrLen(id, field string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.HStrLen(b.key(id), field) })
}

// HIncrBy adds n to field's integer and gives the new value.
func (b HashCmds) HIncrBy(id, field string, n int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.HIncrBy(b.key(id), field, n) })
}

// HIncrByFloat adds f to field's number and gives the new value.
func (b HashCmds) HIncrByFloat(id, field string, f float64) *redpipe.Future[float64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[float64] { return p.HIncrByFloat(b.key(id), field, f) })
}

// HashField is one field of a Hash keyspace with its decoded value.
type HashField struct {
	Field string
	Value any
}

// HVals gives the values' stored text. HVALS sends values without their
// fields, so no field's codec can be chosen: HGetAll gives them decoded.
func (b HashCmds) HVals(id string) *redpipe.Future[[]string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]string] { return p.HVals(b.key(id)) })
}

func (b HashCmds) field(id string) func(g []string) (HashField, error) {
	return func(g []string) (HashField, error) {
		v, err := b.decode(id, g[0], g[1])
		return HashField{Field: g[0], Value: v}, err
	}
}

// HScan gives one page of fields whose names match match (a Redis glob;
// "" for all), each value decoded by its field's codec.
func (b HashCmds) HScan(id string, cursor uint64, match string, count int64) *redpipe.Future[ScanPage[HashField]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[ScanPage[HashField]] {
		return queueBuilt(p, scanPage(2, b.field(id)), scanCmd("HSCAN", b.key(id), cursor, match, count))
	})
}

// HRandField gives up to count distinct random field names, or |count|
// with repeats when count is negative.
func (b HashCmds) HRandField(id string, count int) *redpipe.Future[[]string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]string] { return p.HRandField(b.key(id), count) })
}

// HRandFieldWithValues is HRandField with each field's decoded value.
func (b HashCmds) HRandFieldWithValues(id string, count int) *redpipe.Future[[]HashField] {
	field := b.field(id)
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]HashField] {
		cmd := domain.ReadKey("HRANDFIELD", b.key(id), strconv.FormatInt(int64(count), 10), "WITHVALUES")
		return queue(p, func(r ports.Reply) ([]HashField, error) {
			kvs, err := domain.KeyValueSlice(r)
			if err != nil {
				return nil, err
			}
			out := make([]HashField, len(kvs))
			for i, kv := range kvs {
				if out[i], err = field([]string{kv.Key, kv.Value}); err != nil {
					return nil, err
				}
			}
			return out, nil
		}, cmd)
	})
}
