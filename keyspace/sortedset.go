package keyspace

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// SortedSet is a keyspace of sorted sets whose members are T, through
// codec; scores are float64:
//
//	scores := keyspace.NewSortedSet("scores", redpipe.Text)
//	scores.With(ctx, p).ZAdd("game1", keyspace.ZMember[string]{Member: "alice", Score: 10})
type SortedSet[T any] struct {
	Keyspace
	codec redpipe.Codec[T]
}

// ZMember is a typed sorted-set member with its score.
type ZMember[T any] struct {
	Member T
	Score  float64
}

// NewSortedSet defines a keyspace of sorted sets. opts choose its connection (On).
func NewSortedSet[T any](prefix string, codec redpipe.Codec[T], opts ...redpipe.Option) *SortedSet[T] {
	return &SortedSet[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: redpipe.GuardCodec(codec)}
}

// With binds the keyspace to a scope (see String.With).
func (k *SortedSet[T]) With(ctx context.Context, s redpipe.Scope) SortedSetCmds[T] {
	return SortedSetCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// SortedSetCmds are a SortedSet keyspace's commands, bound to a scope.
type SortedSetCmds[T any] struct {
	KeyCmds
	codec redpipe.Codec[T]
}

// decodeScored decodes members with scores in every shape Redis sends them.
func decodeScored[T any](c redpipe.Codec[T]) func(ports.Reply) ([]ZMember[T], error) {
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
func (b SortedSetCmds[T]) ZAdd(id string, members ...ZMember[T]) *redpipe.Future[int64] {
	return b.ZAddArgs(id, redpipe.ZAddArgs{}, members...)
}

// ZIncrBy adds incr to m's score and gives the new score.
func (b SortedSetCmds[T]) ZIncrBy(id string, incr float64, m T) *redpipe.Future[float64] {
	return withValue(b.KeyCmds, b.codec, "ZINCRBY", id, m, func(p *redpipe.Pipeline, s string) *redpipe.Future[float64] {
		return p.ZIncrBy(b.key(id), incr, s)
	})
}

// ZScore gives m's score; ErrNil when m is not a member.
func (b SortedSetCmds[T]) ZScore(id string, m T) *redpipe.Future[float64] {
	return withValue(b.KeyCmds, b.codec, "ZSCORE", id, m, func(p *redpipe.Pipeline, s string) *redpipe.Future[float64] {
		return p.ZScore(b.key(id), s)
	})
}

// ZRem removes members and gives how many were there.
func (b SortedSetCmds[T]) ZRem(id string, members ...T) *redpipe.Future[int64] {
	return withValues(b.KeyCmds, b.codec, "ZREM", id, members, func(p *redpipe.Pipeline, ss []string) *redpipe.Future[int64] {
		return p.ZRem(b.key(id), ss)
	})
}

// ZRank gives m's rank by ascending score; ErrNil when not a member.
func (b SortedSetCmds[T]) ZRank(id string, m T) *redpipe.Future[int64] {
	return withValue(b.KeyCmds, b.codec, "ZRANK", id, m, func(p *redpipe.Pipeline, s string) *redpipe.Future[int64] {
		return p.ZRank(b.key(id), s)
	})
}

// ZRevRank gives m's rank by descending score; ErrNil when not a member.
func (b SortedSetCmds[T]) ZRevRank(id string, m T) *redpipe.Future[int64] {
	return withValue(b.KeyCmds, b.codec, "ZREVRANK", id, m, func(p *redpipe.Pipeline, s string) *redpipe.Future[int64] {
		return p.ZRevRank(b.key(id), s)
	})
}

// ZCard gives the number of members.
func (b SortedSetCmds[T]) ZCard(id string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZCard(b.key(id)) })
}

// ZCount gives how many scores lie between min and max ("(1", "-inf", ...).
func (b SortedSetCmds[T]) ZCount(id, min, max string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZCount(b.key(id), min, max) })
}

func (b SortedSetCmds[T]) members(id string, cmd *domain.Builder) *redpipe.Future[[]T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]T] {
		return queueBuilt(p, named(b.where(id), decodeEach(b.codec)), cmd)
	})
}

func (b SortedSetCmds[T]) scored(id string, cmd *domain.Builder) *redpipe.Future[[]ZMember[T]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]ZMember[T]] {
		return queueBuilt(p, named(b.where(id), decodeScored(b.codec)), cmd)
	})
}

func (b SortedSetCmds[T]) byRank(name, id string, start, stop int64) *domain.Builder {
	return domain.KeyCmd(true, name, b.key(id)).Str(strconv.FormatInt(start, 10), strconv.FormatInt(stop, 10))
}

// ZRange gives the members ranked start to stop by ascending score.
func (b SortedSetCmds[T]) ZRange(id string, start, stop int64) *redpipe.Future[[]T] {
	return b.members(id, b.byRank("ZRANGE", id, start, stop))
}

// ZRangeWithScores is ZRange with each member's score.
func (b SortedSetCmds[T]) ZRangeWithScores(id string, start, stop int64) *redpipe.Future[[]ZMember[T]] {
	return b.scored(id, b.byRank("ZRANGE", id, start, stop).Str("WITHSCORES"))
}

// ZRevRange gives the members ranked start to stop by descending score.
func (b SortedSetCmds[T]) ZRevRange(id string, start, stop int64) *redpipe.Future[[]T] {
	return b.members(id, b.byRank("ZREVRANGE", id, start, stop))
}

// ZRevRangeWithScores is ZRevRange with each member's score.
func (b SortedSetCmds[T]) ZRevRangeWithScores(id string, start, stop int64) *redpipe.Future[[]ZMember[T]] {
	return b.scored(id, b.byRank("ZREVRANGE", id, start, stop).Str("WITHSCORES"))
}

// ZRangeByScore gives the members whose scores lie in opt's bounds, ascending.
func (b SortedSetCmds[T]) ZRangeByScore(id string, opt *redpipe.ZRangeBy) *redpipe.Future[[]T] {
	return b.members(id, rangeBy("ZRANGEBYSCORE", b.key(id), opt, false, false))
}

// ZRangeByScoreWithScores is ZRangeByScore with each member's score.
func (b SortedSetCmds[T]) ZRangeByScoreWithScores(id string, opt *redpipe.ZRangeBy) *redpipe.Future[[]ZMember[T]] {
	return b.scored(id, rangeBy("ZRANGEBYSCORE", b.key(id), opt, false, true))
}

// ZRevRangeByScore gives the members whose scores lie in opt's bounds, descending.
func (b SortedSetCmds[T]) ZRevRangeByScore(id string, opt *redpipe.ZRangeBy) *redpipe.Future[[]T] {
	return b.members(id, rangeBy("ZREVRANGEBYSCORE", b.key(id), opt, true, false))
}

// ZPopMin removes and gives the count lowest members.
func (b SortedSetCmds[T]) ZPopMin(id string, count int64) *redpipe.Future[[]ZMember[T]] {
	return b.scored(id, domain.KeyCmd(false, "ZPOPMIN", b.key(id)).Str(strconv.FormatInt(count, 10)))
}

// ZPopMax removes and gives the count highest members.
func (b SortedSetCmds[T]) ZPopMax(id string, count int64) *redpipe.Future[[]ZMember[T]] {
	return b.scored(id, domain.KeyCmd(false, "ZPOPMAX", b.key(id)).Str(strconv.FormatInt(count, 10)))
}

// ZRemRangeByRank removes the members ranked start to stop and gives how many.
func (b SortedSetCmds[T]) ZRemRangeByRank(id string, start, stop int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZRemRangeByRank(b.key(id), start, stop) })
}

// ZRemRangeByScore removes the members scored between min and max.
func (b SortedSetCmds[T]) ZRemRangeByScore(id, min, max string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZRemRangeByScore(b.key(id), min, max) })
}

// zadd queues ZADD with args' flags and members encoded by the codec.
// args.Members are plain-text members: a typed keyspace takes its members
// as ZMember[T] only, so giving both is refused rather than guessed at.
func zadd[T, R any](b SortedSetCmds[T], id string, args redpipe.ZAddArgs, members []ZMember[T], incr bool, decode func(ports.Reply) (R, error)) *redpipe.Future[R] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[R] {
		if len(args.Members) > 0 {
			err := fmt.Errorf("%w: ZAddArgs.Members is for plain keys; give a keyspace's members as ZMember values", redpipe.ErrInvalidValue)
			return reject[R](p, "ZADD", valueError(b.where(id), err))
		}
		args.Members = make([]redpipe.Z, len(members))
		for i, m := range members {
			s, err := b.codec.Encode(m.Member)
			if err != nil {
				return reject[R](p, "ZADD", valueError(b.where(id), err))
			}
			args.Members[i] = redpipe.Z{Member: s, Score: m.Score}
		}
		zadd := domain.KeyCmd(false, "ZADD", b.key(id)).AppendZAddFlags(args.NX, args.XX, args.GT, args.LT, args.Ch, incr)
		for _, m := range args.Members {
			zadd.Str(domain.FormatFloat(m.Score), m.Member)
		}
		return queueBuilt(p, decode, zadd)
	})
}

// ZAddArgs is ZAdd with NX, XX, GT, LT and CH from args (whose Members
// must be empty): how many members were added, or with Ch added or changed.
func (b SortedSetCmds[T]) ZAddArgs(id string, args redpipe.ZAddArgs, members ...ZMember[T]) *redpipe.Future[int64] {
	return zadd(b, id, args, members, false, domain.Int64)
}

// ZAddArgsIncr adds m.Score to m's score under args' conditions (ZADD ...
// INCR) and gives the new score; ErrNil when a condition prevented it.
func (b SortedSetCmds[T]) ZAddArgsIncr(id string, args redpipe.ZAddArgs, m ZMember[T]) *redpipe.Future[float64] {
	return zadd(b, id, args, []ZMember[T]{m}, true, domain.Float64)
}

// ZAddNX adds only members that are not there yet.
func (b SortedSetCmds[T]) ZAddNX(id string, members ...ZMember[T]) *redpipe.Future[int64] {
	return b.ZAddArgs(id, redpipe.ZAddArgs{NX: true}, members...)
}

// ZAddXX only updates the scores of members already there; it gives 0
// (no member is added).
func (b SortedSetCmds[T]) ZAddXX(id string, members ...ZMember[T]) *redpipe.Future[int64] {
	return b.ZAddArgs(id, redpipe.ZAddArgs{XX: true}, members...)
}

// ZAddGT adds new members and raises existing members' scores, never lowers them.
func (b SortedSetCmds[T]) ZAddGT(id string, members ...ZMember[T]) *redpipe.Future[int64] {
	return b.ZAddArgs(id, redpipe.ZAddArgs{GT: true}, members...)
}

// ZAddLT adds new members and lowers existing members' scores, never raises them.
func (b SortedSetCmds[T]) ZAddLT(id string, members ...ZMember[T]) *redpipe.Future[int64] {
	return b.ZAddArgs(id, redpipe.ZAddArgs{LT: true}, members...)
}

// ZMScore gives the score of each of members in order, 0 for one that is
// not there (as go-redis gives it).
func (b SortedSetCmds[T]) ZMScore(id string, members ...T) *redpipe.Future[[]float64] {
	return withValues(b.KeyCmds, b.codec, "ZMSCORE", id, members, func(p *redpipe.Pipeline, ss []string) *redpipe.Future[[]float64] {
		return p.ZMScore(b.key(id), ss...)
	})
}

// ZRevRangeByScoreWithScores is ZRevRangeByScore with each member's score.
func (b SortedSetCmds[T]) ZRevRangeByScoreWithScores(id string, opt *redpipe.ZRangeBy) *redpipe.Future[[]ZMember[T]] {
	return b.scored(id, rangeBy("ZREVRANGEBYSCORE", b.key(id), opt, true, true))
}

// The lex commands compare members' stored text, so their bounds are
// encoded members after "[" (inclusive) or "(" (exclusive), or "-" and
// "+"; they are meaningful only when every member has the same score.

// ZRangeByLex gives the members between opt's lex bounds, ascending.
func (b SortedSetCmds[T]) ZRangeByLex(id string, opt *redpipe.ZRangeBy) *redpipe.Future[[]T] {
	return b.members(id, rangeBy("ZRANGEBYLEX", b.key(id), opt, false, false))
}

// ZRevRangeByLex gives the members between opt's lex bounds, descending.
func (b SortedSetCmds[T]) ZRevRangeByLex(id string, opt *redpipe.ZRangeBy) *redpipe.Future[[]T] {
	return b.members(id, rangeBy("ZREVRANGEBYLEX", b.key(id), opt, true, false))
}

// ZLexCount gives how many members lie between the lex bounds min and max.
func (b SortedSetCmds[T]) ZLexCount(id, min, max string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZLexCount(b.key(id), min, max) })
}

// ZRemRangeByLex removes the members between the lex bounds and gives how many.
func (b SortedSetCmds[T]) ZRemRangeByLex(id, min, max string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZRemRangeByLex(b.key(id), min, max) })
}

// ZRandMember gives up to count distinct random members, or |count| with
// repeats when count is negative.
func (b SortedSetCmds[T]) ZRandMember(id string, count int) *redpipe.Future[[]T] {
	return b.members(id, domain.KeyCmd(true, "ZRANDMEMBER", b.key(id)).Str(strconv.FormatInt(int64(count), 10)))
}

// ZRandMemberWithScores is ZRandMember with each member's score.
func (b SortedSetCmds[T]) ZRandMemberWithScores(id string, count int) *redpipe.Future[[]ZMember[T]] {
	return b.scored(id, domain.KeyCmd(true, "ZRANDMEMBER", b.key(id)).Str(strconv.FormatInt(int64(count), 10), "WITHSCORES"))
}

// ZScan gives one page of members, decoded, with their scores; match is a
// Redis glob over the members' stored text ("" for all).
func (b SortedSetCmds[T]) ZScan(id string, cursor uint64, match string, count int64) *redpipe.Future[ScanPage[ZMember[T]]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[ScanPage[ZMember[T]]] {
		page := scanPage(2, func(g []string) (ZMember[T], error) {
			m, err := b.codec.Decode(g[0])
			if err != nil {
				return ZMember[T]{}, err
			}
			score, err := domain.ParseFloat(g[1])
			return ZMember[T]{Member: m, Score: score}, err
		})
		return queueBuilt(p, named(b.where(id), page), scanCmd("ZSCAN", b.key(id), cursor, match, count))
	})
}
