package redpipe

import (
	"context"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// String is a keyspace of string keys whose values are T, through codec:
//
//	visits := redpipe.NewString("visits", redpipe.Int)
//	n := visits.With(ctx, p).IncrBy("alice", 1)
type String[T any] struct {
	Keyspace
	codec Codec[T]
}

// NewString defines a keyspace of string values. opts choose its
// connection (On); without one it follows the scope's.
func NewString[T any](prefix string, codec Codec[T], opts ...Option) *String[T] {
	return &String[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: guardCodec(codec)}
}

// With binds the keyspace to a scope: a *Client (each call is one round
// trip) or a *Pipeline (calls join its batch).
func (k *String[T]) With(ctx context.Context, s Scope) StringCmds[T] {
	return StringCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// StringCmds are a String keyspace's commands, bound to a scope.
type StringCmds[T any] struct {
	KeyCmds
	codec Codec[T]
}

func (b StringCmds[T]) read(id string, cmd func(key string) ports.Command) *Future[T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[T] {
		return queue(p, named(b.where(id), decodeOne(b.codec)), cmd(b.key(id)))
	})
}

// Get gives id's value; ErrNil when it has none.
func (b StringCmds[T]) Get(id string) *Future[T] {
	return b.read(id, func(key string) ports.Command { return readKey("GET", key) })
}

// GetDel gives id's value and deletes it; ErrNil when it had none.
func (b StringCmds[T]) GetDel(id string) *Future[T] {
	return b.read(id, func(key string) ports.Command { return writeKey("GETDEL", key) })
}

// Set stores v as id's value, with a time to live when expiration > 0
// (KeepTTL keeps the current one). It gives "OK".
func (b StringCmds[T]) Set(id string, v T, expiration time.Duration) *Future[string] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *Pipeline, s string) *Future[string] {
		return p.Set(b.key(id), s, expiration)
	})
}

// SetNX stores v only if id has no value: true if it was stored.
func (b StringCmds[T]) SetNX(id string, v T, expiration time.Duration) *Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *Pipeline, s string) *Future[bool] {
		return p.SetNX(b.key(id), s, expiration)
	})
}

// SetXX stores v only if id has a value: true if it was stored.
func (b StringCmds[T]) SetXX(id string, v T, expiration time.Duration) *Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *Pipeline, s string) *Future[bool] {
		return p.SetXX(b.key(id), s, expiration)
	})
}

// GetSet stores v and gives the value it replaced; ErrNil when there was none.
func (b StringCmds[T]) GetSet(id string, v T) *Future[T] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *Pipeline, s string) *Future[T] {
		return queueKey(p, named(b.where(id), decodeOne(b.codec)), false, "SET", b.key(id), s, "GET")
	})
}

// Incr adds 1 to id's integer value and gives the new value. Counters are
// integers whatever T is; use an Int keyspace to read them back typed.
func (b StringCmds[T]) Incr(id string) *Future[int64] { return b.IncrBy(id, 1) }

// IncrBy adds n to id's integer value and gives the new value.
func (b StringCmds[T]) IncrBy(id string, n int64) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.IncrBy(b.key(id), n) })
}

// Decr subtracts 1 from id's integer value.
func (b StringCmds[T]) Decr(id string) *Future[int64] { return b.IncrBy(id, -1) }

// DecrBy subtracts n from id's integer value.
func (b StringCmds[T]) DecrBy(id string, n int64) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.DecrBy(b.key(id), n) })
}

// IncrByFloat adds f to id's numeric value and gives the new value.
func (b StringCmds[T]) IncrByFloat(id string, f float64) *Future[float64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[float64] { return p.IncrByFloat(b.key(id), f) })
}

// StrLen gives the length in bytes of id's stored text.
func (b StringCmds[T]) StrLen(id string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] {
		return queueKey(p, domain.Int64, true, "STRLEN", b.key(id))
	})
}
