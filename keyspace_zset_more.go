package redpipe

import (
	"fmt"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// zadd queues ZADD with args' flags and members encoded by the codec.
// args.Members are plain-text members: a typed keyspace takes its members
// as ZMember[T] only, so giving both is refused rather than guessed at.
func zadd[T, R any](b SortedSetCmds[T], id string, args ZAddArgs, members []ZMember[T], incr bool, decode func(ports.Reply) (R, error)) *Future[R] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[R] {
		if len(args.Members) > 0 {
			err := fmt.Errorf("%w: ZAddArgs.Members is for plain keys; give a keyspace's members as ZMember values", ErrInvalidValue)
			return reject[R](p, "ZADD", valueError(b.where(id), err))
		}
		args.Members = make([]Z, len(members))
		for i, m := range members {
			s, err := b.codec.Encode(m.Member)
			if err != nil {
				return reject[R](p, "ZADD", valueError(b.where(id), err))
			}
			args.Members[i] = Z{Member: s, Score: m.Score}
		}
		return queueBuilt(p, decode, zaddOptions(keyCmd(false, "ZADD", b.key(id)), args, incr))
	})
}

// ZAddArgs is ZAdd with NX, XX, GT, LT and CH from args (whose Members
// must be empty): how many members were added, or with Ch added or changed.
func (b SortedSetCmds[T]) ZAddArgs(id string, args ZAddArgs, members ...ZMember[T]) *Future[int64] {
	return zadd(b, id, args, members, false, domain.Int64)
}

// ZAddArgsIncr adds m.Score to m's score under args' conditions (ZADD ...
// INCR) and gives the new score; ErrNil when a condition prevented it.
func (b SortedSetCmds[T]) ZAddArgsIncr(id string, args ZAddArgs, m ZMember[T]) *Future[float64] {
	return zadd(b, id, args, []ZMember[T]{m}, true, domain.Float64)
}

// ZAddNX adds only members that are not there yet.
func (b SortedSetCmds[T]) ZAddNX(id string, members ...ZMember[T]) *Future[int64] {
	return b.ZAddArgs(id, ZAddArgs{NX: true}, members...)
}

// ZAddXX only updates the scores of members already there; it gives 0
// (no member is added).
func (b SortedSetCmds[T]) ZAddXX(id string, members ...ZMember[T]) *Future[int64] {
	return b.ZAddArgs(id, ZAddArgs{XX: true}, members...)
}

// ZAddGT adds new members and raises existing members' scores, never lowers them.
func (b SortedSetCmds[T]) ZAddGT(id string, members ...ZMember[T]) *Future[int64] {
	return b.ZAddArgs(id, ZAddArgs{GT: true}, members...)
}

// ZAddLT adds new members and lowers existing members' scores, never raises them.
func (b SortedSetCmds[T]) ZAddLT(id string, members ...ZMember[T]) *Future[int64] {
	return b.ZAddArgs(id, ZAddArgs{LT: true}, members...)
}

// ZMScore gives the score of each of members in order, 0 for one that is
// not there (as go-redis gives it).
func (b SortedSetCmds[T]) ZMScore(id string, members ...T) *Future[[]float64] {
	return withValues(b.KeyCmds, b.codec, "ZMSCORE", id, members, func(p *Pipeline, ss []string) *Future[[]float64] {
		return p.ZMScore(b.key(id), ss...)
	})
}

// ZRevRangeByScoreWithScores is ZRevRangeByScore with each member's score.
func (b SortedSetCmds[T]) ZRevRangeByScoreWithScores(id string, opt *ZRangeBy) *Future[[]ZMember[T]] {
	return b.scored(id, zrangeBy("ZREVRANGEBYSCORE", b.key(id), opt, true, true))
}

// The lex commands compare members' stored text, so their bounds are
// encoded members after "[" (inclusive) or "(" (exclusive), or "-" and
// "+"; they are meaningful only when every member has the same score.

// ZRangeByLex gives the members between opt's lex bounds, ascending.
func (b SortedSetCmds[T]) ZRangeByLex(id string, opt *ZRangeBy) *Future[[]T] {
	return b.members(id, zrangeBy("ZRANGEBYLEX", b.key(id), opt, false, false))
}

// ZRevRangeByLex gives the members between opt's lex bounds, descending.
func (b SortedSetCmds[T]) ZRevRangeByLex(id string, opt *ZRangeBy) *Future[[]T] {
	return b.members(id, zrangeBy("ZREVRANGEBYLEX", b.key(id), opt, true, false))
}

// ZLexCount gives how many members lie between the lex bounds min and max.
func (b SortedSetCmds[T]) ZLexCount(id, min, max string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.ZLexCount(b.key(id), min, max) })
}

// ZRemRangeByLex removes the members between the lex bounds and gives how many.
func (b SortedSetCmds[T]) ZRemRangeByLex(id, min, max string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.ZRemRangeByLex(b.key(id), min, max) })
}

// ZRandMember gives up to count distinct random members, or |count| with
// repeats when count is negative.
func (b SortedSetCmds[T]) ZRandMember(id string, count int) *Future[[]T] {
	return b.members(id, keyCmd(true, "ZRANDMEMBER", b.key(id)).str(itoa(int64(count))))
}

// ZRandMemberWithScores is ZRandMember with each member's score.
func (b SortedSetCmds[T]) ZRandMemberWithScores(id string, count int) *Future[[]ZMember[T]] {
	return b.scored(id, keyCmd(true, "ZRANDMEMBER", b.key(id)).str(itoa(int64(count)), "WITHSCORES"))
}

// ZScan gives one page of members, decoded, with their scores; match is a
// Redis glob over the members' stored text ("" for all).
func (b SortedSetCmds[T]) ZScan(id string, cursor uint64, match string, count int64) *Future[ScanPage[ZMember[T]]] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[ScanPage[ZMember[T]]] {
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
