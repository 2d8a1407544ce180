package redpipe

import (
	"context"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// SortedSet is a keyspace of sorted sets whose members are T, through
// codec; scores are float64:
//
//	scores := redpipe.NewSortedSet("scores", redpipe.Text)
//	scores.With(ctx, p).ZAdd("game1", redpipe.ZMember[string]{Member: "alice", Score: 10})
type SortedSet[T any] struct {
	Keyspace
	codec Codec[T]
}

// ZMember is a typed sorted-set member with its score.
type ZMember[T any] struct {
	Member T
	Score  float64
}

// NewSortedSet defines a keyspace of sorted sets. opts choose its connection (On).
func NewSortedSet[T any](prefix string, codec Codec[T], opts ...Option) *SortedSet[T] {
	return &SortedSet[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: guardCodec(codec)}
}

// With binds the keyspace to a scope (see String.With).
func (k *SortedSet[T]) With(ctx context.Context, s Scope) SortedSetCmds[T] {
	return SortedSetCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// SortedSetCmds are a SortedSet keyspace's commands, bound to a scope.
type SortedSetCmds[T any] struct {
	KeyCmds
	codec Codec[T]
}

// decodeScored decodes members with scores in every shape Redis sends them.
func decodeScored[T any](c Codec[T]) func(ports.Reply) ([]ZMember[T], error) {
	return func(r ports.Reply) ([]ZMember[T], error) {
		zs, err := domain.ZSlice(r)
		if err != nil {
			return nil, err
		}
		out := make([]ZMember[T], len(zs))
		for i, z := range zs {
			if out[i].Member, err = c.Decode(z.Member); err != nil {
				return nil, err
			}
			out[i].Score = z.Score
		}
		return out, nil
	}
}

// ZAdd adds members or updates their scores, and gives how many were new.
func (b SortedSetCmds[T]) ZAdd(id string, members ...ZMember[T]) *Future[int64] {
	return b.ZAddArgs(id, ZAddArgs{}, members...)
}

// ZIncrBy adds incr to m's score and gives the new score.
func (b SortedSetCmds[T]) ZIncrBy(id string, incr float64, m T) *Future[float64] {
	return withValue(b.KeyCmds, b.codec, "ZINCRBY", id, m, func(p *Pipeline, s string) *Future[float64] {
		return p.ZIncrBy(b.key(id), incr, s)
	})
}

// ZScore gives m's score; ErrNil when m is not a member.
func (b SortedSetCmds[T]) ZScore(id string, m T) *Future[float64] {
	return withValue(b.KeyCmds, b.codec, "ZSCORE", id, m, func(p *Pipeline, s string) *Future[float64] {
		return p.ZScore(b.key(id), s)
	})
}

// ZRem removes members and gives how many were there.
func (b SortedSetCmds[T]) ZRem(id string, members ...T) *Future[int64] {
	return withValues(b.KeyCmds, b.codec, "ZREM", id, members, func(p *Pipeline, ss []string) *Future[int64] {
		return p.ZRem(b.key(id), ss)
	})
}

// ZRank gives m's rank by ascending score; ErrNil when not a member.
func (b SortedSetCmds[T]) ZRank(id string, m T) *Future[int64] {
	return withValue(b.KeyCmds, b.codec, "ZRANK", id, m, func(p *Pipeline, s string) *Future[int64] {
		return p.ZRank(b.key(id), s)
	})
}

// ZRevRank gives m's rank by descending score; ErrNil when not a member.
func (b SortedSetCmds[T]) ZRevRank(id string, m T) *Future[int64] {
	return withValue(b.KeyCmds, b.codec, "ZREVRANK", id, m, func(p *Pipeline, s string) *Future[int64] {
		return p.ZRevRank(b.key(id), s)
	})
}

// ZCard gives the number of members.
func (b SortedSetCmds[T]) ZCard(id string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.ZCard(b.key(id)) })
}

// ZCount gives how many scores lie between min and max ("(1", "-inf", ...).
func (b SortedSetCmds[T]) ZCount(id, min, max string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.ZCount(b.key(id), min, max) })
}

func (b SortedSetCmds[T]) members(id string, cmd *builder) *Future[[]T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]T] {
		return queueBuilt(p, named(b.where(id), decodeEach(b.codec)), cmd)
	})
}

func (b SortedSetCmds[T]) scored(id string, cmd *builder) *Future[[]ZMember[T]] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]ZMember[T]] {
		return queueBuilt(p, named(b.where(id), decodeScored(b.codec)), cmd)
	})
}

func (b SortedSetCmds[T]) byRank(name, id string, start, stop int64) *builder {
	return keyCmd(true, name, b.key(id)).str(itoa(start), itoa(stop))
}

// ZRange gives the members ranked start to stop by ascending score.
func (b SortedSetCmds[T]) ZRange(id string, start, stop int64) *Future[[]T] {
	return b.members(id, b.byRank("ZRANGE", id, start, stop))
}

// ZRangeWithScores is ZRange with each member's score.
func (b SortedSetCmds[T]) ZRangeWithScores(id string, start, stop int64) *Future[[]ZMember[T]] {
	return b.scored(id, b.byRank("ZRANGE", id, start, stop).str("WITHSCORES"))
}

// ZRevRange gives the members ranked start to stop by descending score.
func (b SortedSetCmds[T]) ZRevRange(id string, start, stop int64) *Future[[]T] {
	return b.members(id, b.byRank("ZREVRANGE", id, start, stop))
}

// ZRevRangeWithScores is ZRevRange with each member's score.
func (b SortedSetCmds[T]) ZRevRangeWithScores(id string, start, stop int64) *Future[[]ZMember[T]] {
	return b.scored(id, b.byRank("ZREVRANGE", id, start, stop).str("WITHSCORES"))
}

// ZRangeByScore gives the members whose scores lie in opt's bounds, ascending.
func (b SortedSetCmds[T]) ZRangeByScore(id string, opt *ZRangeBy) *Future[[]T] {
	return b.members(id, zrangeBy("ZRANGEBYSCORE", b.key(id), opt, false, false))
}

// ZRangeByScoreWithScores is ZRangeByScore with each member's score.
func (b SortedSetCmds[T]) ZRangeByScoreWithScores(id string, opt *ZRangeBy) *Future[[]ZMember[T]] {
	return b.scored(id, zrangeBy("ZRANGEBYSCORE", b.key(id), opt, false, true))
}

// ZRevRangeByScore gives the members whose scores lie in opt's bounds, descending.
func (b SortedSetCmds[T]) ZRevRangeByScore(id string, opt *ZRangeBy) *Future[[]T] {
	return b.members(id, zrangeBy("ZREVRANGEBYSCORE", b.key(id), opt, true, false))
}

// ZPopMin removes and gives the count lowest members.
func (b SortedSetCmds[T]) ZPopMin(id string, count int64) *Future[[]ZMember[T]] {
	return b.scored(id, keyCmd(false, "ZPOPMIN", b.key(id)).str(itoa(count)))
}

// ZPopMax removes and gives the count highest members.
func (b SortedSetCmds[T]) ZPopMax(id string, count int64) *Future[[]ZMember[T]] {
	return b.scored(id, keyCmd(false, "ZPOPMAX", b.key(id)).str(itoa(count)))
}

// ZRemRangeByRank removes the members ranked start to stop and gives how many.
func (b SortedSetCmds[T]) ZRemRangeByRank(id string, start, stop int64) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.ZRemRangeByRank(b.key(id), start, stop) })
}

// ZRemRangeByScore removes the members scored between min and max.
func (b SortedSetCmds[T]) ZRemRangeByScore(id, min, max string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.ZRemRangeByScore(b.key(id), min, max) })
}
