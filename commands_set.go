package redpipe

// Sets: SAdd SRem SCard SIsMember SMIsMember SMembers SMembersMap SMove SPop[N]
// SRandMember[N] SDiff SInter SUnion (and their Store forms) SInterCard SScan,
// SDiffCard SUnionCard (Redis 8.8+) — argument structs SDiffCardOptions,
// SUnionCardOptions beside them.

import "github.com/redpipe-go/redpipe/domain"

// SAdd queues SADD key members... and gives the number added. The members
// may also be given as one []string or []any.
func (p *Pipeline) SAdd(key string, members ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "SADD", key), members))
}

// SRem queues SREM key members... and gives the number removed.
func (p *Pipeline) SRem(key string, members ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "SREM", key), members))
}

// SCard queues SCARD key.
func (p *Pipeline) SCard(key string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "SCARD", key)
}

// SIsMember queues SISMEMBER key member.
func (p *Pipeline) SIsMember(key string, member any) *Future[bool] {
	return queueBuilt(p, domain.Bool, domain.KeyCmd(true, "SISMEMBER", key).Val(member))
}

// SMIsMember queues SMISMEMBER key members...: one bool per member.
func (p *Pipeline) SMIsMember(key string, members ...any) *Future[[]bool] {
	return queueBuilt(p, domain.Bools, appendValues(domain.KeyCmd(true, "SMISMEMBER", key), members))
}

// SMembers queues SMEMBERS key (in no particular order).
func (p *Pipeline) SMembers(key string) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "SMEMBERS", key)
}

// SMembersMap queues SMEMBERS key, as a set.
func (p *Pipeline) SMembersMap(key string) *Future[map[string]struct{}] {
	return queueKey(p, domain.StringSet, true, "SMEMBERS", key)
}

// SMove queues SMOVE source destination member: false when member was not in source.
func (p *Pipeline) SMove(source, destination string, member any) *Future[bool] {
	return queueBuilt(p, domain.Bool, domain.NewBuilder(false, domain.KeysFrom(1, 3), "SMOVE", source, destination).Val(member))
}

// SPop queues SPOP key. An empty set gives ErrNil.
func (p *Pipeline) SPop(key string) *Future[string] {
	return queueKey(p, domain.String, false, "SPOP", key)
}

// SPopN queues SPOP key count.
func (p *Pipeline) SPopN(key string, count int64) *Future[[]string] {
	return queueKey(p, domain.Strings, false, "SPOP", key, itoa(count))
}

// SRandMember queues SRANDMEMBER key. An empty set gives ErrNil.
func (p *Pipeline) SRandMember(key string) *Future[string] {
	return queueKey(p, domain.String, true, "SRANDMEMBER", key)
}

// SRandMemberN queues SRANDMEMBER key count (negative: with repeats).
func (p *Pipeline) SRandMemberN(key string, count int64) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "SRANDMEMBER", key, itoa(count))
}

// setOp queues NAME keys... (SDIFF, SINTER, SUNION).
func (p *Pipeline) setOp(name string, keys []string) *Future[[]string] {
	return queueBuilt(p, domain.Strings, domain.NewBuilder(true, nil, name).Str(keys...).KeysFrom(1))
}

// setStore queues NAME destination keys... (SDIFFSTORE, ...) and gives the size of the result.
func (p *Pipeline) setStore(name, destination string, keys []string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, name, destination).Str(keys...).KeysFrom(1))
}

// SDiff queues SDIFF keys...
func (p *Pipeline) SDiff(keys ...string) *Future[[]string] { return p.setOp("SDIFF", keys) }

// SInter queues SINTER keys...
func (p *Pipeline) SInter(keys ...string) *Future[[]string] { return p.setOp("SINTER", keys) }

// SUnion queues SUNION keys...
func (p *Pipeline) SUnion(keys ...string) *Future[[]string] { return p.setOp("SUNION", keys) }

// SDiffStore queues SDIFFSTORE destination keys...
func (p *Pipeline) SDiffStore(destination string, keys ...string) *Future[int64] {
	return p.setStore("SDIFFSTORE", destination, keys)
}

// SInterStore queues SINTERSTORE destination keys...
func (p *Pipeline) SInterStore(destination string, keys ...string) *Future[int64] {
	return p.setStore("SINTERSTORE", destination, keys)
}

// SUnionStore queues SUNIONSTORE destination keys...
func (p *Pipeline) SUnionStore(destination string, keys ...string) *Future[int64] {
	return p.setStore("SUNIONSTORE", destination, keys)
}

// SInterCard queues SINTERCARD numkeys keys... LIMIT limit (0: no limit).
func (p *Pipeline) SInterCard(limit int64, keys ...string) *Future[int64] {
	b := domain.NewBuilder(true, nil, "SINTERCARD", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	return queueBuilt(p, domain.Int64, b.Str("LIMIT", itoa(limit)))
}

// SDiffCardOptions are SDIFFCARD's options.
type SDiffCardOptions struct {
	// Limit caps the count (0: no limit).
	Limit int64
}

// SDiffCard queues SDIFFCARD numkeys keys... LIMIT limit: the size of the
// first set minus the others (a missing key is an empty set). A nil opts
// is no limit. LIMIT is always sent, as go-redis sends it.
func (p *Pipeline) SDiffCard(opts *SDiffCardOptions, keys ...string) *Future[int64] {
	var limit int64
	if opts != nil {
		limit = opts.Limit
	}
	b := domain.NewBuilder(true, nil, "SDIFFCARD", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	return queueBuilt(p, domain.Int64, b.Str("LIMIT", itoa(limit)))
}

// SUnionCardOptions are SUNIONCARD's options.
type SUnionCardOptions struct {
	// Approx counts with a HyperLogLog estimate (APPROX).
	Approx bool
	// Limit caps the count (0: no limit).
	Limit int64
}

// SUnionCard queues SUNIONCARD numkeys keys... [APPROX] LIMIT limit: the
// size of the union of the sets. A nil opts is an exact count, no limit.
func (p *Pipeline) SUnionCard(opts *SUnionCardOptions, keys ...string) *Future[int64] {
	var o SUnionCardOptions
	if opts != nil {
		o = *opts
	}
	b := domain.NewBuilder(true, nil, "SUNIONCARD", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	if o.Approx {
		b.Str("APPROX")
	}
	return queueBuilt(p, domain.Int64, b.Str("LIMIT", itoa(o.Limit)))
}

// SScan queues SSCAN key cursor [MATCH match] [COUNT count].
func (p *Pipeline) SScan(key string, cursor uint64, match string, count int64) *Future[ScanResult] {
	return queueBuilt(p, domain.Scan, domain.KeyCmd(true, "SSCAN", key).Str(utoa(cursor)).AppendScan(match, count))
}
