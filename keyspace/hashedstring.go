package keyspace

import (
	"context"
	"fmt"
	"hash/crc32"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
)

// HashedString stores string values by id in a fixed number of hashes
// (shards) instead of one key per id, which costs Redis far less memory
// for many small values. The shard of id is crc32(id) mod shards, a stable
// choice: the same id lands in the same shard in every process and
// release. Shard n's key is Prefix{n}.
//
//	tokens := keyspace.NewHashedString("tokens", 64, redpipe.ASCII)
//	tokens.With(ctx, p).Set("alice", "s3cret")
type HashedString[T any] struct {
	ks     Keyspace // not embedded: an id here is a field, not a key
	shards int
	codec  redpipe.Codec[T]
}

// NewHashedString defines a sharded string store with shards hashes
// (at least 1). opts choose its connection (On).
func NewHashedString[T any](prefix string, shards int, codec redpipe.Codec[T], opts ...redpipe.Option) *HashedString[T] {
	ks := newCodecKeyspace(prefix, opts, codec)
	if shards < 1 && ks.err == nil {
		ks.err = fmt.Errorf("%w: HashedString %q needs at least one shard, got %d", redpipe.ErrInvalidValue, prefix, shards)
	}
	return &HashedString[T]{ks: ks, shards: max(shards, 1), codec: redpipe.GuardCodec(codec)}
}

// Prefix is the store's name, the part of every shard's key before the shard number.
func (h *HashedString[T]) Prefix() string { return h.ks.prefix }

// Shards is the number of hashes the values are spread over.
func (h *HashedString[T]) Shards() int { return h.shards }

// Shard is the shard id holds its value in.
func (h *HashedString[T]) Shard(id string) int {
	return int(crc32.ChecksumIEEE([]byte(id)) % uint32(h.shards))
}

// ShardKey is the Redis key of shard n.
func (h *HashedString[T]) ShardKey(n int) string {
	return domain.KeyspaceKey(h.ks.prefix, strconv.Itoa(n))
}

// With binds the store to a scope (see String.With).
func (h *HashedString[T]) With(ctx context.Context, s redpipe.Scope) HashedStringCmds[T] {
	return HashedStringCmds[T]{b: h.ks.bind(ctx, s), h: h}
}

// HashedStringCmds are a HashedString's commands, bound to a scope. They
// have no generic key commands: an id is a field, not a key.
type HashedStringCmds[T any] struct {
	b KeyCmds
	h *HashedString[T]
}

func (c HashedStringCmds[T]) shardKey(id string) string { return c.h.ShardKey(c.h.Shard(id)) }

// Get gives id's value; ErrNil when it has none.
func (c HashedStringCmds[T]) Get(id string) *redpipe.Future[T] {
	return run(c.b, func(p *redpipe.Pipeline) *redpipe.Future[T] {
		return queueKey(p, named(c.b.where(id), decodeOne(c.h.codec)), true, "HGET", c.shardKey(id), id)
	})
}

// Set stores v as id's value: true if id had none before.
func (c HashedStringCmds[T]) Set(id string, v T) *redpipe.Future[bool] {
	return withValue(c.b, c.h.codec, "HSET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[bool] {
		return queueKey(p, domain.Bool, false, "HSET", c.shardKey(id), id, s)
	})
}

// SetNX stores v only if id has no value: true if it was stored.
func (c HashedStringCmds[T]) SetNX(id string, v T) *redpipe.Future[bool] {
	return withValue(c.b, c.h.codec, "HSETNX", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[bool] {
		return p.HSetNX(c.shardKey(id), id, s)
	})
}

// Del deletes id's value: true if it had one.
func (c HashedStringCmds[T]) Del(id string) *redpipe.Future[bool] {
	return run(c.b, func(p *redpipe.Pipeline) *redpipe.Future[bool] {
		return queueKey(p, domain.Bool, false, "HDEL", c.shardKey(id), id)
	})
}

// Exists reports whether id has a value.
func (c HashedStringCmds[T]) Exists(id string) *redpipe.Future[bool] {
	return run(c.b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.HExists(c.shardKey(id), id) })
}

// StrLen gives the length in bytes of id's stored text (0 when none).
func (c HashedStringCmds[T]) StrLen(id string) *redpipe.Future[int64] {
	return run(c.b, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.HStrLen(c.shardKey(id), id) })
}

// IncrBy adds n to id's integer value and gives the new value.
func (c HashedStringCmds[T]) IncrBy(id string, n int64) *redpipe.Future[int64] {
	return run(c.b, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.HIncrBy(c.shardKey(id), id, n) })
}

// IncrByFloat adds f to id's numeric value and gives the new value.
func (c HashedStringCmds[T]) IncrByFloat(id string, f float64) *redpipe.Future[float64] {
	return run(c.b, func(p *redpipe.Pipeline) *redpipe.Future[float64] { return p.HIncrByFloat(c.shardKey(id), id, f) })
}
