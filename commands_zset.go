package redpipe

// Sorted sets: ZAdd[NX|XX|GT|LT] ZAddArgs[Incr] ZIncrBy ZCard ZCount ZLexCount
// ZScore ZMScore Z[Rev]Rank[WithScore] ZRange* ZRevRange* ZRangeStore ZRem
// ZRemRangeBy* ZPopMin/Max BZPopMin/Max ZMPop BZMPop ZInter* ZUnion* ZDiff*
// ZRandMember* ZScan — argument structs ZAddArgs, ZRangeArgs, ZRangeBy and
// ZStore beside them.

import (
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// Sorted-set result types; see package domain.
type (
	// Z is a member with its score.
	Z = domain.Z
	// ZWithKey is a member popped by BZPopMin / BZPopMax, with its key.
	ZWithKey = domain.ZWithKey
	// ZSliceWithKey is what ZMPop / BZMPop popped, and from which key.
	ZSliceWithKey = domain.ZSliceWithKey
	// RankScore is ZRankWithScore's reply.
	RankScore = domain.RankScore
)

// BZPopMax queues BZPOPMAX keys... timeout: the highest member of the first
// non-empty set; a timeout gives ErrNil.
func (p *Pipeline) BZPopMax(timeout time.Duration, keys ...string) *Future[ZWithKey] {
	b := domain.NewBuilder(false, nil, "BZPOPMAX").Str(keys...).KeysFrom(1).Str(domain.Timeout(timeout))
	return queueBuilt(p, domain.ZWithKeyReply, b)
}

// BZPopMin queues BZPOPMIN keys... timeout: the lowest member of the first
// non-empty set; a timeout gives ErrNil.
func (p *Pipeline) BZPopMin(timeout time.Duration, keys ...string) *Future[ZWithKey] {
	b := domain.NewBuilder(false, nil, "BZPOPMIN").Str(keys...).KeysFrom(1).Str(domain.Timeout(timeout))
	return queueBuilt(p, domain.ZWithKeyReply, b)
}

// BZMPop queues BZMPOP timeout numkeys keys... order COUNT count (order MIN
// or MAX); a timeout gives ErrNil.
func (p *Pipeline) BZMPop(timeout time.Duration, order string, count int64, keys ...string) *Future[ZSliceWithKey] {
	b := domain.NewBuilder(false, nil, "BZMPOP", domain.Timeout(timeout), itoa(int64(len(keys)))).Str(keys...).KeysFrom(3)
	return queueBuilt(p, domain.ZSliceWithKeyReply, b.Str(strings.ToUpper(order), "COUNT", itoa(count)))
}

// ZMPop queues ZMPOP numkeys keys... order COUNT count (order MIN or MAX);
// all empty gives ErrNil.
func (p *Pipeline) ZMPop(order string, count int64, keys ...string) *Future[ZSliceWithKey] {
	b := domain.NewBuilder(false, nil, "ZMPOP", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	return queueBuilt(p, domain.ZSliceWithKeyReply, b.Str(strings.ToUpper(order), "COUNT", itoa(count)))
}

// ZAddArgs are ZADD's options and members. NX wins over XX, GT over LT
// (NX excludes GT and LT), as in go-redis.
type ZAddArgs struct {
	NX      bool
	XX      bool
	LT      bool
	GT      bool
	Ch      bool
	Members []Z
}

// zaddOptions appends ZADD's options and members to b (ZADD key ...): b
// comes from the caller, so that it stays on the caller's stack.
func zaddOptions(b *domain.Builder, args ZAddArgs, incr bool) *domain.Builder {
	b.AppendZAddFlags(args.NX, args.XX, args.GT, args.LT, args.Ch, incr)
	for _, m := range args.Members {
		b.Str(ftoa(m.Score), m.Member)
	}
	return b
}

// ZAddArgs queues ZADD key [NX|XX] [GT|LT] [CH] score member ...: the
// number of members added (with Ch: added or changed).
func (p *Pipeline) ZAddArgs(key string, args ZAddArgs) *Future[int64] {
	return queueBuilt(p, domain.Int64, zaddOptions(domain.KeyCmd(false, "ZADD", key), args, false))
}

// ZAddArgsIncr queues ZADD key [options] INCR score member: the new score;
// ErrNil when a condition prevented the update.
func (p *Pipeline) ZAddArgsIncr(key string, args ZAddArgs) *Future[float64] {
	return queueBuilt(p, domain.Float64, zaddOptions(domain.KeyCmd(false, "ZADD", key), args, true))
}

// ZAdd queues ZADD key score member ...: the number of members added.
func (p *Pipeline) ZAdd(key string, members ...Z) *Future[int64] {
	return p.ZAddArgs(key, ZAddArgs{Members: members})
}

// ZAddNX queues ZADD key NX score member ...: adds only new members.
func (p *Pipeline) ZAddNX(key string, members ...Z) *Future[int64] {
	return p.ZAddArgs(key, ZAddArgs{NX: true, Members: members})
}

// ZAddXX queues ZADD key XX score member ...: updates only existing members.
func (p *Pipeline) ZAddXX(key string, members ...Z) *Future[int64] {
	return p.ZAddArgs(key, ZAddArgs{XX: true, Members: members})
}

// ZAddGT queues ZADD key GT score member ...: updates only to a higher score.
func (p *Pipeline) ZAddGT(key string, members ...Z) *Future[int64] {
	return p.ZAddArgs(key, ZAddArgs{GT: true, Members: members})
}

// ZAddLT queues ZADD key LT score member ...: updates only to a lower score.
func (p *Pipeline) ZAddLT(key string, members ...Z) *Future[int64] {
	return p.ZAddArgs(key, ZAddArgs{LT: true, Members: members})
}

// ZCard queues ZCARD key.
func (p *Pipeline) ZCard(key string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "ZCARD", key)
}

// ZCount queues ZCOUNT key min max (scores, "(" for exclusive, "-inf", "+inf").
func (p *Pipeline) ZCount(key, min, max string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "ZCOUNT", key, min, max)
}

// ZLexCount queues ZLEXCOUNT key min max ("[a", "(b", "-", "+").
func (p *Pipeline) ZLexCount(key, min, max string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "ZLEXCOUNT", key, min, max)
}

// ZIncrBy queues ZINCRBY key increment member and gives the new score.
func (p *Pipeline) ZIncrBy(key string, increment float64, member string) *Future[float64] {
	return queueKey(p, domain.Float64, false, "ZINCRBY", key, ftoa(increment), member)
}

// ZStore are the sources of ZINTER / ZUNION and their STORE forms.
type ZStore struct {
	Keys    []string
	Weights []float64
	// Aggregate is "SUM", "MIN" or "MAX"; empty for Redis's default (SUM).
	Aggregate string
}

func (z *ZStore) appendTo(b *domain.Builder) *domain.Builder {
	if z == nil {
		return b.Str("0")
	}
	return b.AppendZStore(z.Keys, z.Weights, z.Aggregate)
}

// zstore queues NAME numkeys keys... [WEIGHTS ...] [AGGREGATE a] [WITHSCORES].
func zstoreBuilder(name string, store *ZStore, withScores bool) *domain.Builder {
	b := store.appendTo(domain.NewBuilder(true, nil, name))
	if withScores {
		b.Str("WITHSCORES")
	}
	return b.Described()
}

// ZInter queues ZINTER numkeys keys... [WEIGHTS ...] [AGGREGATE ...].
func (p *Pipeline) ZInter(store *ZStore) *Future[[]string] {
	return queueBuilt(p, domain.Strings, zstoreBuilder("ZINTER", store, false))
}

// ZInterWithScores queues ZINTER ... WITHSCORES.
func (p *Pipeline) ZInterWithScores(store *ZStore) *Future[[]Z] {
	return queueBuilt(p, domain.ZSlice, zstoreBuilder("ZINTER", store, true))
}

// ZUnion queues ZUNION numkeys keys... [WEIGHTS ...] [AGGREGATE ...].
func (p *Pipeline) ZUnion(store ZStore) *Future[[]string] {
	return queueBuilt(p, domain.Strings, zstoreBuilder("ZUNION", &store, false))
}

// ZUnionWithScores queues ZUNION ... WITHSCORES.
func (p *Pipeline) ZUnionWithScores(store ZStore) *Future[[]Z] {
	return queueBuilt(p, domain.ZSlice, zstoreBuilder("ZUNION", &store, true))
}

// ZInterStore queues ZINTERSTORE destination numkeys keys... [WEIGHTS ...]
// [AGGREGATE ...] and gives the size of the result.
func (p *Pipeline) ZInterStore(destination string, store *ZStore) *Future[int64] {
	return queueBuilt(p, domain.Int64, store.appendTo(domain.NewBuilder(false, nil, "ZINTERSTORE", destination)).Described())
}

// ZUnionStore queues ZUNIONSTORE dest numkeys keys... [WEIGHTS ...]
// [AGGREGATE ...] and gives the size of the result.
func (p *Pipeline) ZUnionStore(dest string, store *ZStore) *Future[int64] {
	return queueBuilt(p, domain.Int64, store.appendTo(domain.NewBuilder(false, nil, "ZUNIONSTORE", dest)).Described())
}

// ZInterCard queues ZINTERCARD numkeys keys... LIMIT limit (0: no limit).
func (p *Pipeline) ZInterCard(limit int64, keys ...string) *Future[int64] {
	b := domain.NewBuilder(true, nil, "ZINTERCARD", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	return queueBuilt(p, domain.Int64, b.Str("LIMIT", itoa(limit)))
}

// ZDiff queues ZDIFF numkeys keys...
func (p *Pipeline) ZDiff(keys ...string) *Future[[]string] {
	b := domain.NewBuilder(true, nil, "ZDIFF", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	return queueBuilt(p, domain.Strings, b)
}

// ZDiffWithScores queues ZDIFF numkeys keys... WITHSCORES.
func (p *Pipeline) ZDiffWithScores(keys ...string) *Future[[]Z] {
	b := domain.NewBuilder(true, nil, "ZDIFF", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	return queueBuilt(p, domain.ZSlice, b.Str("WITHSCORES"))
}

// ZDiffStore queues ZDIFFSTORE destination numkeys keys... and gives the size of the result.
func (p *Pipeline) ZDiffStore(destination string, keys ...string) *Future[int64] {
	b := domain.NewBuilder(false, nil, "ZDIFFSTORE", destination, itoa(int64(len(keys)))).Str(keys...)
	return queueBuilt(p, domain.Int64, b.Described())
}

// ZMScore queues ZMSCORE key members...: one score per member, 0 for a
// missing one (as go-redis gives it).
func (p *Pipeline) ZMScore(key string, members ...string) *Future[[]float64] {
	return queueBuilt(p, domain.Float64sOrZero, domain.KeyCmd(true, "ZMSCORE", key).Str(members...))
}

// zpop queues ZPOPMIN / ZPOPMAX key [count].
func (p *Pipeline) zpop(name, key string, count []int64) *Future[[]Z] {
	switch len(count) {
	case 0:
		return queueKey(p, domain.ZSlice, false, name, key)
	case 1:
		return queueKey(p, domain.ZSlice, false, name, key, itoa(count[0]))
	}
	return refuse[[]Z](p, name, "too many arguments (at most one count)")
}

// ZPopMax queues ZPOPMAX key [count]: the highest members, highest first.
func (p *Pipeline) ZPopMax(key string, count ...int64) *Future[[]Z] {
	return p.zpop("ZPOPMAX", key, count)
}

// ZPopMin queues ZPOPMIN key [count]: the lowest members, lowest first.
func (p *Pipeline) ZPopMin(key string, count ...int64) *Future[[]Z] {
	return p.zpop("ZPOPMIN", key, count)
}

// ZRangeArgs are ZRANGE's arguments. Start and Stop are ranks (ints), or
// scores / lex bounds with ByScore / ByLex ("(1", "-inf", "[a", "+"). As in
// Redis, with Rev and ByScore / ByLex, Start is the higher bound
// (ZRANGE key max min BYSCORE REV).
type ZRangeArgs struct {
	Key string

	Start any
	Stop  any

	ByScore bool
	ByLex   bool

	Rev bool

	// LIMIT offset count, when either is not 0 (ByScore or ByLex only).
	Offset int64
	Count  int64
}

func (z ZRangeArgs) appendTo(b *domain.Builder) *domain.Builder {
	b.Str(z.Key).Val(z.Start, z.Stop)
	if z.ByScore {
		b.Str("BYSCORE")
	} else if z.ByLex {
		b.Str("BYLEX")
	}
	if z.Rev {
		b.Str("REV")
	}
	if z.Offset != 0 || z.Count != 0 {
		b.Str("LIMIT", itoa(z.Offset), itoa(z.Count))
	}
	return b
}

// ZRangeArgs queues ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count].
func (p *Pipeline) ZRangeArgs(z ZRangeArgs) *Future[[]string] {
	return queueBuilt(p, domain.Strings, z.appendTo(domain.NewBuilder(true, domain.FirstKey, "ZRANGE")))
}

// ZRangeArgsWithScores queues ZRANGE ... WITHSCORES.
func (p *Pipeline) ZRangeArgsWithScores(z ZRangeArgs) *Future[[]Z] {
	return queueBuilt(p, domain.ZSlice, z.appendTo(domain.NewBuilder(true, domain.FirstKey, "ZRANGE")).Str("WITHSCORES"))
}

// ZRange queues ZRANGE key start stop (by rank).
func (p *Pipeline) ZRange(key string, start, stop int64) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "ZRANGE", key, itoa(start), itoa(stop))
}

// ZRangeWithScores queues ZRANGE key start stop WITHSCORES.
func (p *Pipeline) ZRangeWithScores(key string, start, stop int64) *Future[[]Z] {
	return queueKey(p, domain.ZSlice, true, "ZRANGE", key, itoa(start), itoa(stop), "WITHSCORES")
}

// ZRangeStore queues ZRANGESTORE dst key start stop [options] and gives the
// number of members stored.
func (p *Pipeline) ZRangeStore(dst string, z ZRangeArgs) *Future[int64] {
	return queueBuilt(p, domain.Int64, z.appendTo(domain.NewBuilder(false, domain.KeysFrom(1, 3), "ZRANGESTORE", dst)))
}

// ZRangeBy are the bounds and LIMIT of ZRANGEBYSCORE / ZRANGEBYLEX and
// their REV forms: scores ("1", "(1", "-inf") or lex bounds ("[a", "(b", "-", "+").
type ZRangeBy struct {
	Min, Max      string
	Offset, Count int64
}

// zrangeBy queues NAME key first second [WITHSCORES] [LIMIT offset count].
func zrangeBy(name, key string, opt *ZRangeBy, rev, withScores bool) *domain.Builder {
	if opt == nil {
		opt = &ZRangeBy{}
	}
	return domain.KeyCmd(true, name, key).AppendRangeBy(opt.Min, opt.Max, opt.Offset, opt.Count, rev, withScores)
}

// ZRangeByScore queues ZRANGEBYSCORE key min max [LIMIT offset count].
func (p *Pipeline) ZRangeByScore(key string, opt *ZRangeBy) *Future[[]string] {
	return queueBuilt(p, domain.Strings, zrangeBy("ZRANGEBYSCORE", key, opt, false, false))
}

// ZRangeByLex queues ZRANGEBYLEX key min max [LIMIT offset count].
func (p *Pipeline) ZRangeByLex(key string, opt *ZRangeBy) *Future[[]string] {
	return queueBuilt(p, domain.Strings, zrangeBy("ZRANGEBYLEX", key, opt, false, false))
}

// ZRangeByScoreWithScores queues ZRANGEBYSCORE key min max WITHSCORES [LIMIT offset count].
func (p *Pipeline) ZRangeByScoreWithScores(key string, opt *ZRangeBy) *Future[[]Z] {
	return queueBuilt(p, domain.ZSlice, zrangeBy("ZRANGEBYSCORE", key, opt, false, true))
}

// ZRevRange queues ZREVRANGE key start stop.
func (p *Pipeline) ZRevRange(key string, start, stop int64) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "ZREVRANGE", key, itoa(start), itoa(stop))
}

// ZRevRangeWithScores queues ZREVRANGE key start stop WITHSCORES.
func (p *Pipeline) ZRevRangeWithScores(key string, start, stop int64) *Future[[]Z] {
	return queueKey(p, domain.ZSlice, true, "ZREVRANGE", key, itoa(start), itoa(stop), "WITHSCORES")
}

// ZRevRangeByScore queues ZREVRANGEBYSCORE key max min [LIMIT offset count].
func (p *Pipeline) ZRevRangeByScore(key string, opt *ZRangeBy) *Future[[]string] {
	return queueBuilt(p, domain.Strings, zrangeBy("ZREVRANGEBYSCORE", key, opt, true, false))
}

// ZRevRangeByLex queues ZREVRANGEBYLEX key max min [LIMIT offset count].
func (p *Pipeline) ZRevRangeByLex(key string, opt *ZRangeBy) *Future[[]string] {
	return queueBuilt(p, domain.Strings, zrangeBy("ZREVRANGEBYLEX", key, opt, true, false))
}

// ZRevRangeByScoreWithScores queues ZREVRANGEBYSCORE key max min WITHSCORES [LIMIT offset count].
func (p *Pipeline) ZRevRangeByScoreWithScores(key string, opt *ZRangeBy) *Future[[]Z] {
	return queueBuilt(p, domain.ZSlice, zrangeBy("ZREVRANGEBYSCORE", key, opt, true, true))
}

// ZRank queues ZRANK key member. A missing member gives ErrNil.
func (p *Pipeline) ZRank(key, member string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "ZRANK", key, member)
}

// ZRankWithScore queues ZRANK key member WITHSCORE (Redis 7.2+).
func (p *Pipeline) ZRankWithScore(key, member string) *Future[RankScore] {
	return queueKey(p, domain.RankScoreReply, true, "ZRANK", key, member, "WITHSCORE")
}

// ZRevRank queues ZREVRANK key member. A missing member gives ErrNil.
func (p *Pipeline) ZRevRank(key, member string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "ZREVRANK", key, member)
}

// ZRevRankWithScore queues ZREVRANK key member WITHSCORE (Redis 7.2+).
func (p *Pipeline) ZRevRankWithScore(key, member string) *Future[RankScore] {
	return queueKey(p, domain.RankScoreReply, true, "ZREVRANK", key, member, "WITHSCORE")
}

// ZRem queues ZREM key members... and gives the number removed.
func (p *Pipeline) ZRem(key string, members ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "ZREM", key), members))
}

// ZRemRangeByRank queues ZREMRANGEBYRANK key start stop.
func (p *Pipeline) ZRemRangeByRank(key string, start, stop int64) *Future[int64] {
	return queueKey(p, domain.Int64, false, "ZREMRANGEBYRANK", key, itoa(start), itoa(stop))
}

// ZRemRangeByScore queues ZREMRANGEBYSCORE key min max.
func (p *Pipeline) ZRemRangeByScore(key, min, max string) *Future[int64] {
	return queueKey(p, domain.Int64, false, "ZREMRANGEBYSCORE", key, min, max)
}

// ZRemRangeByLex queues ZREMRANGEBYLEX key min max.
func (p *Pipeline) ZRemRangeByLex(key, min, max string) *Future[int64] {
	return queueKey(p, domain.Int64, false, "ZREMRANGEBYLEX", key, min, max)
}

// ZScore queues ZSCORE key member. A missing member gives ErrNil.
func (p *Pipeline) ZScore(key, member string) *Future[float64] {
	return queueKey(p, domain.Float64, true, "ZSCORE", key, member)
}

// ZRandMember queues ZRANDMEMBER key count (negative: with repeats).
func (p *Pipeline) ZRandMember(key string, count int) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "ZRANDMEMBER", key, itoa(int64(count)))
}

// ZRandMemberWithScores queues ZRANDMEMBER key count WITHSCORES.
func (p *Pipeline) ZRandMemberWithScores(key string, count int) *Future[[]Z] {
	return queueKey(p, domain.ZSlice, true, "ZRANDMEMBER", key, itoa(int64(count)), "WITHSCORES")
}

// ZScan queues ZSCAN key cursor [MATCH match] [COUNT count]: Keys holds
// members and scores in turn.
func (p *Pipeline) ZScan(key string, cursor uint64, match string, count int64) *Future[ScanResult] {
	return queueBuilt(p, domain.Scan, domain.KeyCmd(true, "ZSCAN", key).Str(utoa(cursor)).AppendScan(match, count))
}
