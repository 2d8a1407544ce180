package keyspace

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// String is a keyspace of string keys whose values are T, through codec:
//
//	visits := keyspace.NewString("visits", redpipe.Int)
//	n := visits.With(ctx, p).IncrBy("alice", 1)
type String[T any] struct {
	Keyspace
	codec redpipe.Codec[T]
}

// NewString defines a keyspace of string values. opts choose its
// connection (On); without one it follows the scope's.
func NewString[T any](prefix string, codec redpipe.Codec[T], opts ...redpipe.Option) *String[T] {
	return &String[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: redpipe.GuardCodec(codec)}
}

// With binds the keyspace to a scope: a *Client (each call is one round
// trip) or a *Pipeline (calls join its batch).
func (k *String[T]) With(ctx context.Context, s redpipe.Scope) StringCmds[T] {
	return StringCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// StringCmds are a String keyspace's commands, bound to a scope.
type StringCmds[T any] struct {
	KeyCmds
	codec redpipe.Codec[T]
}

func (b StringCmds[T]) read(id string, cmd func(key string) ports.Command) *redpipe.Future[T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[T] {
		return queue(p, named(b.where(id), decodeOne(b.codec)), cmd(b.key(id)))
	})
}

// Get gives id's value; ErrNil when it has none.
func (b StringCmds[T]) Get(id string) *redpipe.Future[T] {
	return b.read(id, func(key string) ports.Command { return domain.ReadKey("GET", key) })
}

// GetDel gives id's value and deletes it; ErrNil when it had none.
func (b StringCmds[T]) GetDel(id string) *redpipe.Future[T] {
	return b.read(id, func(key string) ports.Command { return domain.WriteKey("GETDEL", key) })
}

// Set stores v as id's value, with a time to live when expiration > 0
// (KeepTTL keeps the current one). It gives "OK".
func (b StringCmds[T]) Set(id string, v T, expiration time.Duration) *redpipe.Future[string] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[string] {
		return p.Set(b.key(id), s, expiration)
	})
}

// SetNX stores v only if id has no value: true if it was stored.
func (b StringCmds[T]) SetNX(id string, v T, expiration time.Duration) *redpipe.Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[bool] {
		return p.SetNX(b.key(id), s, expiration)
	})
}

// SetXX stores v only if id has a value: true if it was stored.
func (b StringCmds[T]) SetXX(id string, v T, expiration time.Duration) *redpipe.Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[bool] {
		return p.SetXX(b.key(id), s, expiration)
	})
}

// GetSet stores v and gives the value it replaced; ErrNil when there was none.
func (b StringCmds[T]) GetSet(id string, v T) *redpipe.Future[T] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[T] {
		return queueKey(p, named(b.where(id), decodeOne(b.codec)), false, "SET", b.key(id), s, "GET")
	})
}

// Incr adds 1 to id's integer value and gives the new value. Counters are
// integers whatever T is; use an Int keyspace to read them back typed.
func (b StringCmds[T]) Incr(id string) *redpipe.Future[int64] { return b.IncrBy(id, 1) }

// IncrBy adds n to id's integer value and gives the new value.
func (b StringCmds[T]) IncrBy(id string, n int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.IncrBy(b.key(id), n) })
}

// Decr subtracts 1 from id's integer value.
func (b StringCmds[T]) Decr(id string) *redpipe.Future[int64] { return b.IncrBy(id, -1) }

// DecrBy subtracts n from id's integer value.
func (b StringCmds[T]) DecrBy(id string, n int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.DecrBy(b.key(id), n) })
}

// IncrByFloat adds f to id's numeric value and gives the new value.
func (b StringCmds[T]) IncrByFloat(id string, f float64) *redpipe.Future[float64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[float64] { return p.IncrByFloat(b.key(id), f) })
}

// StrLen gives the length in bytes of id's stored text.
func (b StringCmds[T]) StrLen(id string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		return queueKey(p, domain.Int64, true, "STRLEN", b.key(id))
	})
}

// SetEx stores v with a time to live, as go-redis's SetEx; "OK".
func (b StringCmds[T]) SetEx(id string, v T, expiration time.Duration) *redpipe.Future[string] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[string] {
		return p.SetEx(b.key(id), s, expiration)
	})
}

// SetArgs stores v with SET's options; "OK", or ErrNil when a Mode
// condition kept it from being stored. With a.Get the reply is the
// replaced value's stored text: GetSet gives it decoded.
func (b StringCmds[T]) SetArgs(id string, v T, a redpipe.SetArgs) *redpipe.Future[string] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[string] {
		return p.SetArgs(b.key(id), s, a)
	})
}

// GetEx gives id's value and sets its time to live as go-redis's GetEx
// does: expiration > 0 sets it, 0 removes it (PERSIST), < 0 leaves it.
// Pipeline.GetEx's future is a string, so its option switch is repeated
// here to decode the reply through the codec in the same command.
func (b StringCmds[T]) GetEx(id string, expiration time.Duration) *redpipe.Future[T] {
	var opt []string
	switch {
	case expiration > 0 && domain.Precise(expiration):
		opt = []string{"PX", domain.Millis(expiration)}
	case expiration > 0:
		opt = []string{"EX", domain.Seconds(expiration)}
	case expiration == 0:
		opt = []string{"PERSIST"}
	}
	return b.read(id, func(key string) ports.Command { return domain.WriteKey("GETEX", key, opt...) })
}

// Append appends v's encoded text to id's stored text and gives the new
// length in bytes. The result must still decode as a T (Text: always;
// Int: appending digits).
func (b StringCmds[T]) Append(id string, v T) *redpipe.Future[int64] {
	return withValue(b.KeyCmds, b.codec, "APPEND", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[int64] {
		return p.Append(b.key(id), s)
	})
}

// GetRange gives bytes start to end (both included, negative from the
// end) of id's stored text: a slice of the encoding, not a T, so it is
// not decoded. A missing id gives "".
func (b StringCmds[T]) GetRange(id string, start, end int64) *redpipe.Future[string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.GetRange(b.key(id), start, end) })
}

// SetRange overwrites id's stored text from offset with text (not
// encoded, as GetRange is not decoded) and gives the new length.
func (b StringCmds[T]) SetRange(id string, offset int64, text string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.SetRange(b.key(id), offset, text) })
}

// MGet gives the values of ids in order, nil for an id without one. Its
// ids are several hash tags: redpipe's cluster router splits MGET by
// slot, but go-redis's ClusterClient and rueidis's cluster client refuse
// it with CROSSSLOT unless every id hashes to one slot.
func (b StringCmds[T]) MGet(ids ...string) *redpipe.Future[[]*T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]*T] {
		i := 0
		return queueBuilt(p, func(r ports.Reply) ([]*T, error) {
			return domain.Slice(r, func(e ports.Reply) (*T, error) {
				id := ""
				if i < len(ids) {
					id = ids[i]
				}
				i++
				if e.IsNil() {
					return nil, nil
				}
				v, err := named(b.where(id), decodeOne(b.codec))(e)
				if err != nil {
					return nil, err
				}
				return &v, nil
			})
		}, domain.NewBuilder(true, nil, "MGET").Str(b.keys(ids)...).KeysFrom(1))
	})
}

// MSet stores every id's value of values (in sorted id order); "OK". One
// value its codec rejects rejects the command. The cluster caveat of MGet
// applies.
func (b StringCmds[T]) MSet(values map[string]T) *redpipe.Future[string] {
	return mset(b, "MSET", values, domain.Status)
}

// MSetNX is MSet only when none of the ids has a value: true if stored.
func (b StringCmds[T]) MSetNX(values map[string]T) *redpipe.Future[bool] {
	return mset(b, "MSETNX", values, domain.Bool)
}

func mset[T, R any](b StringCmds[T], name string, values map[string]T, decode func(ports.Reply) (R, error)) *redpipe.Future[R] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[R] {
		ids := slices.Sorted(maps.Keys(values))
		cmd := domain.NewBuilder(false, nil, name)
		for _, id := range ids {
			s, err := b.codec.Encode(values[id])
			if err != nil {
				return reject[R](p, name, valueError(b.where(id), err))
			}
			cmd.Str(b.key(id), s)
		}
		return queueBuilt(p, decode, cmd.Described())
	})
}
