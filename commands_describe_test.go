package redpipe

import (
	"errors"
	"testing"
	"time"
)

// queueEveryCommand queues one call of every typed command method.
func queueEveryCommand(p *Pipeline) {
	k, k2, k3 := "{t}k", "{t}k2", "{t}k3"
	at := time.Unix(1700000000, 0)
	zr := &ZRangeBy{Min: "-inf", Max: "+inf", Offset: 1, Count: 2}
	// strings
	p.Get(k)
	p.Incr(k)
	p.IncrBy(k, 2)
	p.IncrByFloat(k, 1.5)
	p.Decr(k)
	p.DecrBy(k, 2)
	p.Append(k, "v")
	p.GetRange(k, 0, -1)
	p.GetSet(k, "v")
	p.GetEx(k, time.Second)
	p.GetEx(k, 0)
	p.GetDel(k)
	p.MGet(k, k2)
	p.MSet(k, "a", k2, 2)
	p.MSet([]string{k, "a", k2, "b"})
	p.MSetNX(k, "a", k2, 1.5)
	p.Set(k, "v", 0)
	p.Set(k, "v", 1500*time.Millisecond)
	p.Set(k, "v", KeepTTL)
	p.SetNX(k, "v", time.Minute)
	p.SetXX(k, "v", KeepTTL)
	p.SetEx(k, "v", time.Second)
	p.SetEx(k, "v", 10*time.Millisecond)
	p.SetArgs(k, "v", SetArgs{Mode: "NX", TTL: time.Minute, Get: true})
	p.SetArgs(k, "v", SetArgs{KeepTTL: true, ExpireAt: at})
	p.SetRange(k, 1, "v")
	p.StrLen(k)
	p.LCS(&LCSQuery{Key1: k, Key2: k2, Idx: true, MinMatchLen: 2, WithMatchLen: true})
	// keys
	p.Del(k, k2)
	p.Unlink(k, k2)
	p.Exists(k, k2)
	p.Touch(k)
	p.Dump(k)
	p.Restore(k, 0, "x")
	p.RestoreReplace(k, time.Second, "x")
	p.Expire(k, time.Minute)
	p.Expire(k, time.Millisecond)
	p.ExpireNX(k, time.Minute)
	p.ExpireXX(k, time.Minute)
	p.ExpireGT(k, time.Minute)
	p.ExpireLT(k, time.Minute)
	p.ExpireAt(k, at)
	p.PExpire(k, time.Second)
	p.PExpireAt(k, at)
	p.ExpireTime(k)
	p.PExpireTime(k)
	p.TTL(k)
	p.PTTL(k)
	p.Persist(k)
	p.Keys("{t}*")
	p.Keys("*")
	p.RandomKey()
	p.Rename(k, k2)
	p.RenameNX(k, k2)
	p.Copy(k, k2, 0, true)
	p.Move(k, 1)
	p.Migrate("127.0.0.1", "6379", k, 0, time.Second)
	p.Type(k)
	p.ObjectEncoding(k)
	p.ObjectRefCount(k)
	p.ObjectFreq(k)
	p.ObjectIdleTime(k)
	p.Sort(k, &Sort{By: "w_*", Offset: 0, Count: 2, Get: []string{"#"}, Order: "DESC", Alpha: true})
	p.SortRO(k, nil)
	p.SortStore(k, k2, &Sort{Order: "ASC"})
	p.SortInterfaces(k, &Sort{Get: []string{"o_*"}})
	p.Scan(0, "", 0)
	p.Scan(0, "{t}*", 10)
	p.ScanType(7, "x*", 10, "string")
	// hashes
	p.HGetAll(k)
	p.HGet(k, "f")
	p.HSet(k, "f", "v", "g", 1)
	p.HMSet(k, "f", "v")
	p.HSetNX(k, "f", "v")
	p.HDel(k, "f", "g")
	p.HExists(k, "f")
	p.HIncrBy(k, "f", 1)
	p.HIncrByFloat(k, "f", 1.5)
	p.HKeys(k)
	p.HVals(k)
	p.HLen(k)
	p.HStrLen(k, "f")
	p.HMGet(k, "f", "g")
	p.HRandField(k, 2)
	p.HRandFieldWithValues(k, 2)
	p.HScan(k, 0, "f*", 10)
	p.HScanNoValues(k, 0, "", 0)
	p.HExpire(k, time.Minute, "f")
	p.HExpireWithArgs(k, time.Minute, HExpireArgs{NX: true}, "f")
	p.HPExpire(k, time.Second, "f")
	p.HPExpireWithArgs(k, time.Second, HExpireArgs{GT: true}, "f")
	p.HExpireAt(k, at, "f")
	p.HExpireAtWithArgs(k, at, HExpireArgs{XX: true}, "f")
	p.HPExpireAt(k, at, "f")
	p.HPExpireAtWithArgs(k, at, HExpireArgs{LT: true}, "f")
	p.HPersist(k, "f")
	p.HExpireTime(k, "f")
	p.HPExpireTime(k, "f")
	p.HTTL(k, "f")
	p.HPTTL(k, "f")
	p.HGetDel(k, "f")
	p.HGetEX(k, "f")
	p.HGetEXWithArgs(k, &HGetEXOptions{ExpirationType: HGetEXExpirationEX, ExpirationVal: 10}, "f")
	p.HSetEX(k, "f", "v")
	p.HSetEXWithArgs(k, &HSetEXOptions{Condition: HSetEXFNX, ExpirationType: HSetEXExpirationKEEPTTL}, "f", "v")
	// lists
	p.BLPop(time.Second, k, k2)
	p.BRPop(1500*time.Millisecond, k)
	p.BRPopLPush(k, k2, 0)
	p.BLMove(k, k2, "LEFT", "RIGHT", time.Second)
	p.BLMPop(time.Second, "left", 2, k, k2)
	p.LMPop("right", 2, k, k2)
	p.LIndex(k, 0)
	p.LInsert(k, "BEFORE", "p", "v")
	p.LInsertBefore(k, "p", "v")
	p.LInsertAfter(k, "p", 1)
	p.LLen(k)
	p.LPop(k)
	p.LPopCount(k, 2)
	p.RPop(k)
	p.RPopCount(k, 2)
	p.LPos(k, "v", LPosArgs{Rank: 1, MaxLen: 10})
	p.LPosCount(k, "v", 0, LPosArgs{})
	p.LPush(k, "a", "b")
	p.LPushX(k, "a")
	p.RPush(k, []any{"a", 1})
	p.RPushX(k, "a")
	p.LRange(k, 0, -1)
	p.LRem(k, 0, "v")
	p.LSet(k, 0, "v")
	p.LTrim(k, 0, 1)
	p.RPopLPush(k, k2)
	p.LMove(k, k2, "LEFT", "LEFT")
	// sets
	p.SAdd(k, "a", "b")
	p.SRem(k, "a")
	p.SCard(k)
	p.SIsMember(k, "a")
	p.SMIsMember(k, "a", "b")
	p.SMembers(k)
	p.SMembersMap(k)
	p.SMove(k, k2, "a")
	p.SPop(k)
	p.SPopN(k, 2)
	p.SRandMember(k)
	p.SRandMemberN(k, 2)
	p.SDiff(k, k2)
	p.SInter(k, k2)
	p.SUnion(k, k2)
	p.SDiffStore(k3, k, k2)
	p.SInterStore(k3, k, k2)
	p.SUnionStore(k3, k, k2)
	p.SInterCard(1, k, k2)
	p.SScan(k, 0, "a*", 10)
	// sorted sets
	p.BZPopMax(time.Second, k, k2)
	p.BZPopMin(0, k)
	p.BZMPop(time.Second, "min", 2, k, k2)
	p.ZMPop("max", 2, k, k2)
	p.ZAdd(k, Z{Score: 1, Member: "a"}, Z{Score: 2.5, Member: "b"})
	p.ZAddNX(k, Z{Score: 1, Member: "a"})
	p.ZAddXX(k, Z{Score: 1, Member: "a"})
	p.ZAddGT(k, Z{Score: 1, Member: "a"})
	p.ZAddLT(k, Z{Score: 1, Member: "a"})
	p.ZAddArgs(k, ZAddArgs{XX: true, GT: true, Ch: true, Members: []Z{{Score: 1, Member: "a"}}})
	p.ZAddArgsIncr(k, ZAddArgs{NX: true, Members: []Z{{Score: 1, Member: "a"}}})
	p.ZCard(k)
	p.ZCount(k, "-inf", "+inf")
	p.ZLexCount(k, "-", "+")
	p.ZIncrBy(k, 1.5, "a")
	p.ZInter(&ZStore{Keys: []string{k, k2}, Weights: []float64{1, 2}, Aggregate: "MAX"})
	p.ZInterWithScores(&ZStore{Keys: []string{k, k2}})
	p.ZUnion(ZStore{Keys: []string{k, k2}})
	p.ZUnionWithScores(ZStore{Keys: []string{k, k2}, Aggregate: "MIN"})
	p.ZInterStore(k3, &ZStore{Keys: []string{k, k2}})
	p.ZUnionStore(k3, &ZStore{Keys: []string{k, k2}, Weights: []float64{2, 3}})
	p.ZInterCard(0, k, k2)
	p.ZDiff(k, k2)
	p.ZDiffWithScores(k, k2)
	p.ZDiffStore(k3, k, k2)
	p.ZMScore(k, "a", "b")
	p.ZPopMax(k)
	p.ZPopMin(k, 2)
	p.ZRange(k, 0, -1)
	p.ZRangeWithScores(k, 0, -1)
	p.ZRangeArgs(ZRangeArgs{Key: k, Start: "(1", Stop: "+inf", ByScore: true, Rev: true, Offset: 1, Count: 2})
	p.ZRangeArgsWithScores(ZRangeArgs{Key: k, Start: 0, Stop: -1})
	p.ZRangeStore(k2, ZRangeArgs{Key: k, Start: "[a", Stop: "+", ByLex: true})
	p.ZRangeByScore(k, zr)
	p.ZRangeByLex(k, &ZRangeBy{Min: "-", Max: "+"})
	p.ZRangeByScoreWithScores(k, zr)
	p.ZRevRange(k, 0, -1)
	p.ZRevRangeWithScores(k, 0, -1)
	p.ZRevRangeByScore(k, zr)
	p.ZRevRangeByLex(k, &ZRangeBy{Min: "-", Max: "+"})
	p.ZRevRangeByScoreWithScores(k, zr)
	p.ZRank(k, "a")
	p.ZRankWithScore(k, "a")
	p.ZRevRank(k, "a")
	p.ZRevRankWithScore(k, "a")
	p.ZRem(k, "a", "b")
	p.ZRemRangeByRank(k, 0, 1)
	p.ZRemRangeByScore(k, "0", "1")
	p.ZRemRangeByLex(k, "-", "+")
	p.ZScore(k, "a")
	p.ZRandMember(k, 2)
	p.ZRandMemberWithScores(k, 2)
	p.ZScan(k, 0, "", 5)
	// HyperLogLog
	p.PFAdd(k, "a", "b")
	p.PFCount(k, k2)
	p.PFMerge(k3, k, k2)
}

// Every typed command's key positions and read-only flag are the ones
// Describe gives for the same arguments (Describe is checked against the
// server's COMMAND INFO / COMMAND GETKEYS).
func TestTypedCommandsAgreeWithDescribe(t *testing.T) {
	p := New().Pipeline()
	queueEveryCommand(p)
	if len(p.tree.queued()) < 200 {
		t.Fatalf("only %d commands queued", len(p.tree.queued()))
	}
	for _, e := range p.tree.queued() {
		checkDescribed(t, e)
	}
}

// The exact arguments of the commands whose options are built.
func TestTypedCommandArguments(t *testing.T) {
	at := time.Unix(1700000000, 0)
	cases := []argCase{
		{func(p *Pipeline) { p.Set("k", "v", 0) }, "SET k v"},
		{func(p *Pipeline) { p.Set("k", 1, 90*time.Second) }, "SET k 1 EX 90"},
		{func(p *Pipeline) { p.Set("k", "v", 1500*time.Millisecond) }, "SET k v PX 1500"},
		{func(p *Pipeline) { p.Set("k", "v", 500*time.Microsecond) }, "SET k v PX 1"},
		{func(p *Pipeline) { p.Set("k", "v", KeepTTL) }, "SET k v KEEPTTL"},
		{func(p *Pipeline) { p.SetNX("k", "v", time.Minute) }, "SET k v EX 60 NX"},
		{func(p *Pipeline) { p.SetXX("k", "v", KeepTTL) }, "SET k v KEEPTTL XX"},
		{func(p *Pipeline) { p.SetEx("k", "v", time.Minute) }, "SETEX k 60 v"},
		{func(p *Pipeline) { p.SetEx("k", "v", 250*time.Millisecond) }, "PSETEX k 250 v"},
		{func(p *Pipeline) { p.SetArgs("k", "v", SetArgs{Mode: "NX", TTL: time.Minute, Get: true}) }, "SET k v EX 60 NX GET"},
		{func(p *Pipeline) { p.SetArgs("k", "v", SetArgs{KeepTTL: true, ExpireAt: at}) }, "SET k v KEEPTTL EXAT 1700000000"},
		{func(p *Pipeline) { p.SetArgs("k", "v", SetArgs{ExpireAt: at.Add(5 * time.Millisecond)}) }, "SET k v PXAT 1700000000005"},
		{func(p *Pipeline) { p.GetEx("k", 0) }, "GETEX k PERSIST"},
		{func(p *Pipeline) { p.GetEx("k", -1) }, "GETEX k"},
		{func(p *Pipeline) { p.GetEx("k", 2*time.Second) }, "GETEX k EX 2"},
		{func(p *Pipeline) { p.MSet([]string{"a", "1", "b", "2"}) }, "MSET a 1 b 2"},
		{func(p *Pipeline) { p.MSet("a", 1, "b", 2.5, "c", true) }, "MSET a 1 b 2.5 c 1"},
		{func(p *Pipeline) { p.Expire("k", time.Minute) }, "EXPIRE k 60"},
		{func(p *Pipeline) { p.Expire("k", 1500*time.Millisecond) }, "PEXPIRE k 1500"},
		{func(p *Pipeline) { p.ExpireNX("k", time.Minute) }, "EXPIRE k 60 NX"},
		{func(p *Pipeline) { p.ExpireLT("k", 10*time.Millisecond) }, "PEXPIRE k 10 LT"},
		{func(p *Pipeline) { p.Scan(0, "", 0) }, "SCAN 0"},
		{func(p *Pipeline) { p.ScanType(12, "a*", 100, "hash") }, "SCAN 12 MATCH a* COUNT 100 TYPE hash"},
		{func(p *Pipeline) { p.HScanNoValues("k", 3, "f*", 0) }, "HSCAN k 3 MATCH f* NOVALUES"},
		{func(p *Pipeline) {
			p.Sort("k", &Sort{By: "w_*", Count: 2, Get: []string{"#", "o_*"}, Order: "DESC", Alpha: true})
		},
			"SORT k BY w_* LIMIT 0 2 GET # GET o_* DESC ALPHA"},
		{func(p *Pipeline) { p.SortStore("k", "d", nil) }, "SORT k STORE d"},
		{func(p *Pipeline) { p.Copy("a", "b", 2, true) }, "COPY a b DB 2 REPLACE"},
		{func(p *Pipeline) { p.BLPop(time.Second, "a", "b") }, "BLPOP a b 1"},
		{func(p *Pipeline) { p.BLPop(100*time.Millisecond, "a") }, "BLPOP a 0.1"},
		{func(p *Pipeline) { p.BZMPop(2500*time.Millisecond, "min", 3, "a", "b") }, "BZMPOP 2.5 2 a b MIN COUNT 3"},
		{func(p *Pipeline) { p.LMPop("left", 2, "a") }, "LMPOP 1 a LEFT COUNT 2"},
		{func(p *Pipeline) { p.LPos("k", "v", LPosArgs{Rank: -1, MaxLen: 5}) }, "LPOS k v RANK -1 MAXLEN 5"},
		{func(p *Pipeline) { p.LPosCount("k", "v", 0, LPosArgs{}) }, "LPOS k v COUNT 0"},
		{func(p *Pipeline) { p.SInterCard(3, "a", "b") }, "SINTERCARD 2 a b LIMIT 3"},
		{func(p *Pipeline) { p.ZAdd("k", Z{Score: 1.5, Member: "a"}, Z{Score: -2, Member: "b"}) }, "ZADD k 1.5 a -2 b"},
		{func(p *Pipeline) {
			p.ZAddArgs("k", ZAddArgs{NX: true, GT: true, Ch: true, Members: []Z{{Score: 1, Member: "a"}}})
		}, "ZADD k NX CH 1 a"},
		{func(p *Pipeline) {
			p.ZAddArgsIncr("k", ZAddArgs{XX: true, LT: true, Members: []Z{{Score: 1, Member: "a"}}})
		}, "ZADD k XX LT INCR 1 a"},
		{func(p *Pipeline) { p.ZAddGT("k", Z{Score: 5, Member: "a"}) }, "ZADD k GT 5 a"},
		{func(p *Pipeline) {
			p.ZRangeArgs(ZRangeArgs{Key: "k", Start: "(1", Stop: "+inf", ByScore: true, Rev: true, Offset: 1, Count: 2})
		}, "ZRANGE k (1 +inf BYSCORE REV LIMIT 1 2"},
		{func(p *Pipeline) { p.ZRangeArgsWithScores(ZRangeArgs{Key: "k", Start: "[a", Stop: "(c", ByLex: true}) },
			"ZRANGE k [a (c BYLEX WITHSCORES"},
		{func(p *Pipeline) { p.ZRangeByScoreWithScores("k", &ZRangeBy{Min: "1", Max: "2", Count: 5}) },
			"ZRANGEBYSCORE k 1 2 WITHSCORES LIMIT 0 5"},
		{func(p *Pipeline) { p.ZRevRangeByScore("k", &ZRangeBy{Min: "1", Max: "2"}) }, "ZREVRANGEBYSCORE k 2 1"},
		{func(p *Pipeline) { p.ZRevRangeByLex("k", &ZRangeBy{Min: "-", Max: "+"}) }, "ZREVRANGEBYLEX k + -"},
		{func(p *Pipeline) { p.ZRangeStore("d", ZRangeArgs{Key: "k", Start: 0, Stop: -1}) }, "ZRANGESTORE d k 0 -1"},
		{func(p *Pipeline) {
			p.ZUnionStore("d", &ZStore{Keys: []string{"a", "b"}, Weights: []float64{1, 2.5}, Aggregate: "MAX"})
		}, "ZUNIONSTORE d 2 a b WEIGHTS 1 2.5 AGGREGATE MAX"},
		{func(p *Pipeline) { p.ZInterWithScores(&ZStore{Keys: []string{"a"}}) }, "ZINTER 1 a WITHSCORES"},
		{func(p *Pipeline) { p.ZDiffStore("d", "a", "b") }, "ZDIFFSTORE d 2 a b"},
		{func(p *Pipeline) { p.ZPopMin("k", 2) }, "ZPOPMIN k 2"},
		{func(p *Pipeline) { p.HExpireWithArgs("k", time.Minute, HExpireArgs{NX: true, XX: true}, "a", "b") },
			"HEXPIRE k 60 NX FIELDS 2 a b"},
		{func(p *Pipeline) {
			p.HSetEXWithArgs("k", &HSetEXOptions{Condition: HSetEXFXX, ExpirationType: HSetEXExpirationPX, ExpirationVal: 100}, "f", "v")
		}, "HSETEX k FXX PX 100 FIELDS 1 f v"},
		{func(p *Pipeline) { p.LCS(&LCSQuery{Key1: "a", Key2: "b", Len: true}) }, "LCS a b LEN"},
	}
	checkArguments(t, cases)
}

// A value that cannot be sent fails that command at queue time.
func TestTypedCommandsRejectBadValues(t *testing.T) {
	p := New().Pipeline()
	p.Set("k", nil, 0)
	p.SAdd("k", "a", map[string]string{"x": "y"})
	p.HSet("k", "f", struct{}{})
	p.ZPopMin("k", 1, 2)
	p.LCS(nil)
	p.ZRangeArgs(ZRangeArgs{Key: "k"})
	p.MSet(map[string]any{"a": 1})
	for _, e := range p.tree.queued() {
		if !errors.Is(e.err, ErrInvalidValue) {
			t.Errorf("%q: err %v, want ErrInvalidValue", e.cmd.Args, e.err)
		}
	}
}
