package keyspace

import (
	"context"
	"strconv"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

// Set is a keyspace of sets whose members are T, through codec:
//
//	tags := keyspace.NewSet("tags", redpipe.Text)
//	tags.With(ctx, p).SAdd("post1", "go", "redis")
type Set[T any] struct {
	Keyspace
	codec redpipe.Codec[T]
}

// NewSet defines a keyspace of sets. opts choose its connection (On).
func NewSet[T any](prefix string, codec redpipe.Codec[T], opts ...redpipe.Option) *Set[T] {
	return &Set[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: redpipe.GuardCodec(codec)}
}

// With binds the keyspace to a scope (see String.With).
func (k *Set[T]) With(ctx context.Context, s redpipe.Scope) SetCmds[T] {
	return SetCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// SetCmds are a Set keyspace's commands, bound to a scope.
type SetCmds[T any] struct {
	KeyCmds
	codec redpipe.Codec[T]
}

// SAdd adds members and gives how many were new.
func (b SetCmds[T]) SAdd(id string, members ...T) *redpipe.Future[int64] {
	return withValues(b.KeyCmds, b.codec, "SADD", id, members, func(p *redpipe.Pipeline, ss []string) *redpipe.Future[int64] {
		return p.SAdd(b.key(id), ss)
	})
}

// SRem removes members and gives how many were there.
func (b SetCmds[T]) SRem(id string, members ...T) *redpipe.Future[int64] {
	return withValues(b.KeyCmds, b.codec, "SREM", id, members, func(p *redpipe.Pipeline, ss []string) *redpipe.Future[int64] {
		return p.SRem(b.key(id), ss)
	})
}

// SIsMember reports whether m is a member.
func (b SetCmds[T]) SIsMember(id string, m T) *redpipe.Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SISMEMBER", id, m, func(p *redpipe.Pipeline, s string) *redpipe.Future[bool] {
		return p.SIsMember(b.key(id), s)
	})
}

// SMIsMember reports, for each of members in order, whether it is one.
func (b SetCmds[T]) SMIsMember(id string, members ...T) *redpipe.Future[[]bool] {
	return withValues(b.KeyCmds, b.codec, "SMISMEMBER", id, members, func(p *redpipe.Pipeline, ss []string) *redpipe.Future[[]bool] {
		return p.SMIsMember(b.key(id), ss)
	})
}

// SCard gives the number of members.
func (b SetCmds[T]) SCard(id string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.SCard(b.key(id)) })
}

func (b SetCmds[T]) many(id, name string, readOnly bool, args ...string) *redpipe.Future[[]T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]T] {
		return queueBuilt(p, named(b.where(id), decodeEach(b.codec)), domain.KeyCmd(readOnly, name, b.key(id)).Str(args...))
	})
}

func (b SetCmds[T]) one(id, name string, readOnly bool) *redpipe.Future[T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[T] {
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), domain.KeyCmd(readOnly, name, b.key(id)))
	})
}

// SMembers gives every member, in no particular order.
func (b SetCmds[T]) SMembers(id string) *redpipe.Future[[]T] { return b.many(id, "SMEMBERS", true) }

// SPop removes and gives a random member; ErrNil when the set is empty.
func (b SetCmds[T]) SPop(id string) *redpipe.Future[T] { return b.one(id, "SPOP", false) }

// SPopN removes and gives up to n random members.
func (b SetCmds[T]) SPopN(id string, n int64) *redpipe.Future[[]T] {
	return b.many(id, "SPOP", false, strconv.FormatInt(n, 10))
}

// SRandMember gives a random member; ErrNil when the set is empty.
func (b SetCmds[T]) SRandMember(id string) *redpipe.Future[T] { return b.one(id, "SRANDMEMBER", true) }

// SRandMemberN gives n random members (distinct when n > 0, as Redis does).
func (b SetCmds[T]) SRandMemberN(id string, n int64) *redpipe.Future[[]T] {
	return b.many(id, "SRANDMEMBER", true, strconv.FormatInt(n, 10))
}

// SMove moves m from id's set to destID's: true if it was moved.
func (b SetCmds[T]) SMove(id, destID string, m T) *redpipe.Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SMOVE", id, m, func(p *redpipe.Pipeline, s string) *redpipe.Future[bool] {
		return p.SMove(b.key(id), b.key(destID), s)
	})
}

func (b SetCmds[T]) op(name string, ids []string) *redpipe.Future[[]T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]T] {
		cmd := domain.NewBuilder(true, nil, name).Str(b.keys(ids)...).KeysFrom(1)
		return queueBuilt(p, named(b.whereIDs(ids), decodeEach(b.codec)), cmd)
	})
}

// SInter gives the members every set of ids has (one slot on a cluster).
func (b SetCmds[T]) SInter(ids ...string) *redpipe.Future[[]T] { return b.op("SINTER", ids) }

// SUnion gives the members of any set of ids (one slot on a cluster).
func (b SetCmds[T]) SUnion(ids ...string) *redpipe.Future[[]T] { return b.op("SUNION", ids) }

// SDiff gives the members of the first id's set no other has.
func (b SetCmds[T]) SDiff(ids ...string) *redpipe.Future[[]T] { return b.op("SDIFF", ids) }

// SScan gives one page of the set's members, decoded, whose stored text
// matches match (a Redis glob; "" for all).
func (b SetCmds[T]) SScan(id string, cursor uint64, match string, count int64) *redpipe.Future[ScanPage[T]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[ScanPage[T]] {
		decode := scanPage(1, func(g []string) (T, error) { return b.codec.Decode(g[0]) })
		return queueBuilt(p, named(b.where(id), decode), scanCmd("SSCAN", b.key(id), cursor, match, count))
	})
}
