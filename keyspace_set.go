package redpipe

import "context"

// Set is a keyspace of sets whose members are T, through codec:
//
//	tags := redpipe.NewSet("tags", redpipe.Text)
//	tags.With(ctx, p).SAdd("post1", "go", "redis")
type Set[T any] struct {
	Keyspace
	codec Codec[T]
}

// NewSet defines a keyspace of sets. opts choose its connection (On).
func NewSet[T any](prefix string, codec Codec[T], opts ...Option) *Set[T] {
	return &Set[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: guardCodec(codec)}
}

// With binds the keyspace to a scope (see String.With).
func (k *Set[T]) With(ctx context.Context, s Scope) SetCmds[T] {
	return SetCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// SetCmds are a Set keyspace's commands, bound to a scope.
type SetCmds[T any] struct {
	KeyCmds
	codec Codec[T]
}

// SAdd adds members and gives how many were new.
func (b SetCmds[T]) SAdd(id string, members ...T) *Future[int64] {
	return withValues(b.KeyCmds, b.codec, "SADD", id, members, func(p *Pipeline, ss []string) *Future[int64] {
		return p.SAdd(b.key(id), ss)
	})
}

// SRem removes members and gives how many were there.
func (b SetCmds[T]) SRem(id string, members ...T) *Future[int64] {
	return withValues(b.KeyCmds, b.codec, "SREM", id, members, func(p *Pipeline, ss []string) *Future[int64] {
		return p.SRem(b.key(id), ss)
	})
}

// SIsMember reports whether m is a member.
func (b SetCmds[T]) SIsMember(id string, m T) *Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SISMEMBER", id, m, func(p *Pipeline, s string) *Future[bool] {
		return p.SIsMember(b.key(id), s)
	})
}

// SMIsMember reports, for each of members in order, whether it is one.
func (b SetCmds[T]) SMIsMember(id string, members ...T) *Future[[]bool] {
	return withValues(b.KeyCmds, b.codec, "SMISMEMBER", id, members, func(p *Pipeline, ss []string) *Future[[]bool] {
		return p.SMIsMember(b.key(id), ss)
	})
}

// SCard gives the number of members.
func (b SetCmds[T]) SCard(id string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.SCard(b.key(id)) })
}

func (b SetCmds[T]) many(id, name string, readOnly bool, args ...string) *Future[[]T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]T] {
		return queueBuilt(p, named(b.where(id), decodeEach(b.codec)), keyCmd(readOnly, name, b.key(id)).str(args...))
	})
}

func (b SetCmds[T]) one(id, name string, readOnly bool) *Future[T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[T] {
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), keyCmd(readOnly, name, b.key(id)))
	})
}

// SMembers gives every member, in no particular order.
func (b SetCmds[T]) SMembers(id string) *Future[[]T] { return b.many(id, "SMEMBERS", true) }

// SPop removes and gives a random member; ErrNil when the set is empty.
func (b SetCmds[T]) SPop(id string) *Future[T] { return b.one(id, "SPOP", false) }

// SPopN removes and gives up to n random members.
func (b SetCmds[T]) SPopN(id string, n int64) *Future[[]T] {
	return b.many(id, "SPOP", false, itoa(n))
}

// SRandMember gives a random member; ErrNil when the set is empty.
func (b SetCmds[T]) SRandMember(id string) *Future[T] { return b.one(id, "SRANDMEMBER", true) }

// SRandMemberN gives n random members (distinct when n > 0, as Redis does).
func (b SetCmds[T]) SRandMemberN(id string, n int64) *Future[[]T] {
	return b.many(id, "SRANDMEMBER", true, itoa(n))
}

// SMove moves m from id's set to destID's: true if it was moved.
func (b SetCmds[T]) SMove(id, destID string, m T) *Future[bool] {
	return withValue(b.KeyCmds, b.codec, "SMOVE", id, m, func(p *Pipeline, s string) *Future[bool] {
		return p.SMove(b.key(id), b.key(destID), s)
	})
}

func (b SetCmds[T]) op(name string, ids []string) *Future[[]T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]T] {
		cmd := newBuilder(true, nil, name).str(b.keys(ids)...).keysFrom(1)
		return queueBuilt(p, named(b.whereIDs(ids), decodeEach(b.codec)), cmd)
	})
}

// SInter gives the members every set of ids has (one slot on a cluster).
func (b SetCmds[T]) SInter(ids ...string) *Future[[]T] { return b.op("SINTER", ids) }

// SUnion gives the members of any set of ids (one slot on a cluster).
func (b SetCmds[T]) SUnion(ids ...string) *Future[[]T] { return b.op("SUNION", ids) }

// SDiff gives the members of the first id's set no other has.
func (b SetCmds[T]) SDiff(ids ...string) *Future[[]T] { return b.op("SDIFF", ids) }
