package keyspace

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// queueEveryKeyspaceCommand queues each keyspace method once on p.
func queueEveryKeyspaceCommand(ctx context.Context, p *redpipe.Pipeline) {
	str := NewString("s", redpipe.Int).With(ctx, p)
	str.Get("a")
	str.GetDel("a")
	str.Set("a", 1, time.Minute)
	str.SetNX("a", 1, 0)
	str.SetXX("a", 1, 0)
	str.GetSet("a", 2)
	str.Incr("a")
	str.DecrBy("a", 2)
	str.IncrByFloat("a", 0.5)
	str.StrLen("a")
	str.Del("a", "b")
	str.Exists("a")
	str.Expire("a", time.Second)
	str.PExpire("a", time.Millisecond)
	str.ExpireAt("a", time.Unix(1700000000, 0))
	str.TTL("a")
	str.PTTL("a")
	str.Persist("a")
	str.Rename("a", "b")
	str.RenameNX("a", "b")
	str.Type("a")
	str.Dump("a")
	str.Restore("a", 0, "x")
	str.SortRaw("a", &redpipe.Sort{Alpha: true})
	str.Scan(0, "*", 10)
	str.SetEx("a", 1, time.Second)
	str.SetArgs("a", 1, redpipe.SetArgs{Mode: "NX", TTL: time.Second})
	str.GetEx("a", time.Second)
	str.GetEx("a", 0)
	str.Append("a", 1)
	str.GetRange("a", 0, -1)
	str.SetRange("a", 1, "2")
	str.MGet("a", "b")
	str.MSet(map[string]int64{"a": 1, "b": 2})
	str.MSetNX(map[string]int64{"a": 1})
	str.PExpireAt("a", time.Unix(1700000000, 0))
	str.Touch("a", "b")
	str.Unlink("a", "b")
	str.ObjectEncoding("a")
	str.ObjectIdleTime("a")
	str.ExpireNX("a", time.Second)
	str.ExpireXX("a", time.Second)
	str.ExpireGT("a", time.Second)
	str.ExpireLT("a", time.Second)
	str.ExpireTime("a")
	str.PExpireTime("a")
	str.Copy("a", "b", true)

	set := NewSet("t", redpipe.Text).With(ctx, p)
	set.SAdd("a", "x", "y")
	set.SRem("a", "x")
	set.SIsMember("a", "x")
	set.SMIsMember("a", "x", "y")
	set.SCard("a")
	set.SMembers("a")
	set.SPop("a")
	set.SPopN("a", 2)
	set.SRandMember("a")
	set.SRandMemberN("a", 2)
	set.SMove("a", "b", "x")
	set.SInter("a", "b")
	set.SUnion("a", "b")
	set.SDiff("a", "b")
	set.SInterStore("c", "a", "b")
	set.SUnionStore("c", "a", "b")
	set.SDiffStore("c", "a", "b")
	set.SInterCard(0, "a", "b")
	set.SScan("a", 0, "x*", 10)
	set.Sort("a", &redpipe.Sort{Alpha: true})

	list := NewList("l", redpipe.Float).With(ctx, p)
	list.LPush("a", 1.5)
	list.RPush("a", 2)
	list.LPushX("a", 3)
	list.RPushX("a", 4)
	list.LPop("a")
	list.RPop("a")
	list.LIndex("a", -1)
	list.LRange("a", 0, -1)
	list.LLen("a")
	list.LRem("a", 0, 1.5)
	list.LSet("a", 0, 9)
	list.LTrim("a", 0, 1)
	list.RPopLPush("a", "b")
	list.LInsert("a", "BEFORE", 1, 2)
	list.LInsertAfter("a", 1, 2)
	list.LPos("a", 1, redpipe.LPosArgs{Rank: -1})
	list.LPosCount("a", 1, 0, redpipe.LPosArgs{})
	list.LPopCount("a", 2)
	list.RPopCount("a", 2)
	list.LMove("a", "b", "LEFT", "RIGHT")
	list.BLMove("a", "b", "LEFT", "RIGHT", time.Second)
	list.BLPop(time.Second, "a", "b")
	list.BRPop(time.Second, "a")
	list.Sort("a", nil)
	list.SortStore("a", "b", nil)
	list.LMPop("left", 2, "a", "b")
	list.BLMPop(time.Second, "RIGHT", 1, "a")

	z := NewSortedSet("z", redpipe.Text).With(ctx, p)
	z.ZAdd("a", ZMember[string]{Member: "x", Score: 1})
	z.ZIncrBy("a", 2, "x")
	z.ZScore("a", "x")
	z.ZRem("a", "x")
	z.ZRank("a", "x")
	z.ZRevRank("a", "x")
	z.ZCard("a")
	z.ZCount("a", "-inf", "+inf")
	z.ZRange("a", 0, -1)
	z.ZRangeWithScores("a", 0, -1)
	z.ZRevRange("a", 0, -1)
	z.ZRevRangeWithScores("a", 0, -1)
	z.ZRangeByScore("a", &redpipe.ZRangeBy{Min: "1", Max: "2"})
	z.ZRangeByScoreWithScores("a", &redpipe.ZRangeBy{Min: "1", Max: "2"})
	z.ZRevRangeByScore("a", &redpipe.ZRangeBy{Min: "1", Max: "2"})
	z.ZPopMin("a", 1)
	z.ZPopMax("a", 1)
	z.ZRemRangeByRank("a", 0, 1)
	z.ZRemRangeByScore("a", "1", "2")
	z.ZAddArgs("a", redpipe.ZAddArgs{GT: true, Ch: true}, ZMember[string]{Member: "x", Score: 1})
	z.ZAddArgsIncr("a", redpipe.ZAddArgs{XX: true}, ZMember[string]{Member: "x", Score: 1})
	z.ZAddNX("a", ZMember[string]{Member: "x", Score: 1})
	z.ZMScore("a", "x", "y")
	z.ZRevRangeByScoreWithScores("a", &redpipe.ZRangeBy{Min: "1", Max: "2"})
	z.ZRangeByLex("a", &redpipe.ZRangeBy{Min: "-", Max: "+"})
	z.ZRevRangeByLex("a", &redpipe.ZRangeBy{Min: "-", Max: "+"})
	z.ZLexCount("a", "-", "+")
	z.ZRemRangeByLex("a", "[a", "[b")
	z.ZRandMember("a", 2)
	z.ZRandMemberWithScores("a", 2)
	z.ZScan("a", 0, "", 0)
	z.Sort("a", &redpipe.Sort{Alpha: true})
	z.ZInter(&redpipe.ZStore{Keys: []string{"a", "b"}, Weights: []float64{1, 2}})
	z.ZInterWithScores(&redpipe.ZStore{Keys: []string{"a", "b"}, Aggregate: "MAX"})
	z.ZUnion(&redpipe.ZStore{Keys: []string{"a", "b"}})
	z.ZUnionWithScores(&redpipe.ZStore{Keys: []string{"a"}})
	z.ZDiff("a", "b")
	z.ZDiffWithScores("a", "b")
	z.ZInterStore("c", &redpipe.ZStore{Keys: []string{"a", "b"}})
	z.ZUnionStore("c", &redpipe.ZStore{Keys: []string{"a", "b"}})
	z.ZDiffStore("c", "a", "b")
	z.ZInterCard(1, "a", "b")
	z.BZPopMin(time.Second, "a", "b")
	z.BZPopMax(0, "a")

	h := NewHash("h", redpipe.Fields{"n": redpipe.Int}, redpipe.Text).With(ctx, p)
	h.HGet("a", "n")
	h.HSet("a", map[string]any{"n": 1, "name": "x"})
	h.HSetNX("a", "n", 2)
	h.HGetAll("a")
	h.HMGet("a", "n", "name")
	h.HDel("a", "n")
	h.HExists("a", "n")
	h.HLen("a")
	h.HKeys("a")
	h.HStrLen("a", "n")
	h.HIncrBy("a", "n", 1)
	h.HIncrByFloat("a", "n", 1.5)
	h.HVals("a")
	h.HScan("a", 0, "n*", 0)
	h.HRandField("a", 2)
	h.HRandFieldWithValues("a", -2)

	hll := NewHyperLogLog("p").With(ctx, p)
	hll.PFAdd("a", "x")
	hll.PFCount("a", "b")
	hll.PFMerge("c", "a", "b")

	geo := NewGeo("g").With(ctx, p)
	geo.GeoAdd("a", &redpipe.GeoLocation{Name: "x", Longitude: 13.361389, Latitude: 38.115556})
	geo.GeoPos("a", "x")
	geo.GeoDist("a", "x", "y", "m")
	geo.GeoHash("a", "x")
	geo.GeoSearch("a", &redpipe.GeoSearchQuery{Member: "x", Radius: 10})
	geo.GeoSearchLocation("a", &redpipe.GeoSearchLocationQuery{GeoSearchQuery: redpipe.GeoSearchQuery{Member: "x", Radius: 10}, WithDist: true})

	hs := NewHashedString("hs", 8, redpipe.Text).With(ctx, p)
	hs.Get("a")
	hs.Set("a", "v")
	hs.SetNX("a", "v")
	hs.Del("a")
	hs.Exists("a")
	hs.StrLen("a")
	hs.IncrBy("a", 1)
	hs.IncrByFloat("a", 1)
}

// Every keyspace command is queued with the keys and read-only flag
// Describe gives for its arguments, so it is routed right on a cluster.
func TestKeyspaceCommandsAgreeWithDescribe(t *testing.T) {
	all := sent(t, queueEveryKeyspaceCommand)
	if len(all) != 171 {
		t.Fatalf("%d commands sent", len(all))
	}
	for _, e := range all {
		if e.err != nil {
			t.Errorf("%q: queue error %v", e.cmd.Args, e.err)
			continue
		}
		if err := domain.CheckDescribed(e.cmd.Args, e.cmd.Keys, e.cmd.ReadOnly); err != nil {
			t.Error(err)
		}
	}
}

// recorder is a backend that answers every command with a nil reply and
// keeps what it was sent: these tests check the commands a keyspace
// builds, not what a server makes of them.
type recorder struct {
	mu   sync.Mutex
	cmds []ports.Command
}

func (r *recorder) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, c := range cmds {
		r.cmds = append(r.cmds, ports.Command{Args: slices.Clone(c.Args), Keys: slices.Clone(c.Keys), ReadOnly: c.ReadOnly})
		out[i] = ports.Result{Reply: ports.NilReply()}
	}
}

// queuedCmd is a command fn queued: sent, or refused before sending (err).
type queuedCmd struct {
	cmd ports.Command
	err error
}

// sent runs fn on a root pipeline over a recorder and gives what reached
// it, followed by the commands refused with ErrInvalidValue.
func sent(t *testing.T, fn func(ctx context.Context, p *redpipe.Pipeline)) []queuedCmd {
	t.Helper()
	rec := &recorder{}
	c := redpipe.New()
	if err := c.Connect(redpipe.DefaultConn, rec); err != nil {
		t.Fatal(err)
	}
	p := c.Pipeline()
	fn(context.Background(), p)
	err := p.Exec(context.Background())
	var out []queuedCmd
	for _, cmd := range rec.cmds {
		out = append(out, queuedCmd{cmd: cmd})
	}
	var ee *redpipe.ExecError
	if errors.As(err, &ee) {
		for _, ce := range ee.Errors {
			if errors.Is(ce, redpipe.ErrInvalidValue) {
				out = append(out, queuedCmd{cmd: ports.Command{Args: []string{ce.Command}}, err: ce.Err})
			}
		}
	}
	return out
}

func queued(t *testing.T, fn func(ctx context.Context, p *redpipe.Pipeline)) queuedCmd {
	t.Helper()
	all := sent(t, fn)
	if len(all) != 1 {
		t.Fatalf("%d commands queued, want 1: %v", len(all), all)
	}
	return all[0]
}

func TestKeyspaceArguments(t *testing.T) {
	cases := []struct {
		fn   func(ctx context.Context, p *redpipe.Pipeline)
		want string
	}{
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("visits", redpipe.Int).With(ctx, p).IncrBy("alice", 2)
		}, "INCRBY visits{alice} 2"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("n", redpipe.Float).With(ctx, p).Set("a", 0.1, 0)
		}, "SET n{a} 0.1"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("b", redpipe.Bool).With(ctx, p).GetSet("a", true)
		}, "SET b{a} 1 GET"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSet("t", redpipe.StringList).With(ctx, p).SAdd("a", []string{"x", "y"})
		}, "SADD t{a} x,y"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSet("t", redpipe.Text).With(ctx, p).SInter("a", "b")
		}, "SINTER t{a} t{b}"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSortedSet("z", redpipe.Int).With(ctx, p).ZAdd("a", ZMember[int64]{Member: 7, Score: 1.5})
		}, "ZADD z{a} 1.5 7"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewHash("h", redpipe.Fields{"n": redpipe.Int, "b": redpipe.Bool}, nil).With(ctx, p).HSet("a", map[string]any{"n": int8(3), "b": false})
		}, "HSET h{a} b 0 n 3"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("s", redpipe.Text).With(ctx, p).Scan(5, "a*", 10)
		}, `SCAN 5 MATCH s\{a*\} COUNT 10`},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewGeo("g").With(ctx, p).GeoSearchLocation("a", &redpipe.GeoSearchLocationQuery{
				GeoSearchQuery: redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, BoxWidth: 400, BoxHeight: 300, Sort: "ASC", Count: 2, CountAny: true},
				WithCoord:      true, WithDist: true, WithHash: true,
			})
		}, "GEOSEARCH g{a} FROMLONLAT 15 37 BYBOX 400 300 km ASC COUNT 2 ANY WITHCOORD WITHDIST WITHHASH"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewHashedString("hs", 4, redpipe.Int).With(ctx, p).Set("alice", 5)
		}, "HSET hs{3} alice 5"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSortedSet("z", redpipe.Int).With(ctx, p).ZAddArgs("a", redpipe.ZAddArgs{XX: true, GT: true, Ch: true}, ZMember[int64]{Member: 7, Score: 2})
		}, "ZADD z{a} XX GT CH 2 7"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("s", redpipe.Int).With(ctx, p).GetEx("a", 1500*time.Millisecond)
		}, "GETEX s{a} PX 1500"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("s", redpipe.Int).With(ctx, p).MSet(map[string]int64{"b": 2, "a": 1})
		}, "MSET s{a} 1 s{b} 2"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewList("l", redpipe.Int).With(ctx, p).BLPop(time.Second, "a", "b")
		}, "BLPOP l{a} l{b} 1"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSortedSet("z", redpipe.Int).With(ctx, p).ZUnionStore("c", &redpipe.ZStore{Keys: []string{"a", "b"}, Weights: []float64{2, 0.5}, Aggregate: "MIN"})
		}, "ZUNIONSTORE z{c} 2 z{a} z{b} WEIGHTS 2 0.5 AGGREGATE MIN"},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewList("l", redpipe.Int).With(ctx, p).LInsertBefore("a", 1, 2)
		}, "LINSERT l{a} BEFORE 1 2"},
	}
	for _, c := range cases {
		e := queued(t, c.fn)
		if got := strings.Join(e.cmd.Args, " "); got != c.want || e.err != nil {
			t.Errorf("queued %q (error %v), want %q", got, e.err, c.want)
		}
	}
}

func TestKeyspaceRejectsValuesNamingKeyspaceAndID(t *testing.T) {
	cases := []struct {
		fn   func(ctx context.Context, p *redpipe.Pipeline)
		want string
	}{
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("names", redpipe.Text).With(ctx, p).Set("bob", "a\xff", 0)
		}, `keyspace "names" id "bob": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSet("tags", redpipe.ASCII).With(ctx, p).SAdd("post", "ok", "é")
		}, `keyspace "tags" id "post": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewList("l", redpipe.StringList).With(ctx, p).RPush("a", []string{"x,y"})
		}, `keyspace "l" id "a": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSortedSet("z", redpipe.Text).With(ctx, p).ZAdd("a", ZMember[string]{Member: "\xff"})
		}, `keyspace "z" id "a": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewHash("user", redpipe.Fields{"age": redpipe.Int}, redpipe.Text).With(ctx, p).HSet("alice", map[string]any{"age": "thirty"})
		}, `keyspace "user" id "alice" field "age": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewHash("user", redpipe.Fields{"age": redpipe.Int}, nil).With(ctx, p).HSetNX("alice", "nick", "al")
		}, `keyspace "user" id "alice" field "nick": `},
		{func(ctx context.Context, p *redpipe.Pipeline) { NewString("bad{", redpipe.Int).With(ctx, p).Get("a") }, `keyspace prefix "bad{"`},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString("names", redpipe.Text).With(ctx, p).MSet(map[string]string{"a": "ok", "b": "\xff"})
		}, `keyspace "names" id "b": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSortedSet("z", redpipe.Text).With(ctx, p).ZAddArgs("a", redpipe.ZAddArgs{Members: []redpipe.Z{{Member: "x"}}})
		}, `keyspace "z" id "a": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewList("l", redpipe.ASCII).With(ctx, p).LInsertAfter("a", "ok", "é")
		}, `keyspace "l" id "a": `},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewHashedString("hs", 0, redpipe.Int).With(ctx, p).Get("a")
		}, `needs at least one shard`},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewString[int64]("nocodec", nil).With(ctx, p).Set("a", 1, 0)
		}, `keyspace "nocodec" has no codec`},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSet[string]("nocodec", nil).With(ctx, p).SMembers("a")
		}, `keyspace "nocodec" has no codec`},
		{func(ctx context.Context, p *redpipe.Pipeline) { NewList[string]("nocodec", nil).With(ctx, p).LPop("a") }, `keyspace "nocodec" has no codec`},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewSortedSet[string]("nocodec", nil).With(ctx, p).ZCard("a")
		}, `keyspace "nocodec" has no codec`},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewHashedString[string]("nocodec", 2, nil).With(ctx, p).Get("a")
		}, `keyspace "nocodec" has no codec`},
		{func(ctx context.Context, p *redpipe.Pipeline) {
			NewHash("nocodec", redpipe.Fields{"age": nil}, redpipe.Text).With(ctx, p).HGet("a", "age")
		}, `keyspace "nocodec": field "age" has no codec`},
	}
	for _, c := range cases {
		e := queued(t, c.fn)
		if !errors.Is(e.err, redpipe.ErrInvalidValue) || !strings.Contains(e.err.Error(), c.want) {
			t.Errorf("queue error %v; want ErrInvalidValue containing %q", e.err, c.want)
		}
	}
}

func TestKeyspaceWithoutScopeFails(t *testing.T) {
	f := NewString("s", redpipe.Int).With(context.Background(), nil).Get("a")
	if !errors.Is(f.Err(), redpipe.ErrInvalidPipeline) {
		t.Fatalf("error %v", f.Err())
	}
	var zero StringCmds[int64]
	if err := zero.Incr("a").Err(); !errors.Is(err, redpipe.ErrInvalidPipeline) {
		t.Fatalf("zero value: error %v", err)
	}
	for _, err := range NewString("s", redpipe.Int).IDs(context.Background(), nil, "*") {
		if !errors.Is(err, redpipe.ErrInvalidPipeline) {
			t.Fatalf("IDs over a nil client: %v", err)
		}
	}
}

func TestHashedStringShardsAreStable(t *testing.T) {
	h := NewHashedString("hs", 4, redpipe.Text)
	// crc32 IEEE: "alice" 0x278ebc47, "bob" 0xf5cbb140: fixed forever.
	if got := []int{h.Shard("alice"), h.Shard("bob")}; !reflect.DeepEqual(got, []int{3, 0}) {
		t.Fatalf("shards %v", got)
	}
	if h.ShardKey(3) != "hs{3}" {
		t.Fatalf("shard key %q", h.ShardKey(3))
	}
}

// A zero-value binding fails every command, those over several ids
// included, with ErrInvalidPipeline instead of panicking.
func TestKeyspaceZeroValuesFailWithoutPanic(t *testing.T) {
	var (
		str  StringCmds[int64]
		set  SetCmds[string]
		list ListCmds[int64]
		z    SortedSetCmds[string]
		h    HashCmds
	)
	store := &redpipe.ZStore{Keys: []string{"a", "b"}}
	errs := []error{
		str.MGet("a", "b").Err(), str.MSet(map[string]int64{"a": 1}).Err(), str.GetEx("a", 0).Err(),
		str.Touch("a").Err(), str.Copy("a", "b", false).Err(),
		set.SScan("a", 0, "", 0).Err(), set.SInterStore("c", "a").Err(), set.Sort("a", nil).Err(),
		list.LMPop("LEFT", 1, "a").Err(), list.BLMPop(0, "LEFT", 1, "a").Err(), list.BLPop(0, "a").Err(),
		list.LMove("a", "b", "LEFT", "LEFT").Err(), list.LInsertBefore("a", 1, 2).Err(),
		z.ZInter(store).Err(), z.ZUnionWithScores(store).Err(), z.ZInterStore("c", store).Err(),
		z.ZUnionStore("c", store).Err(), z.ZDiff("a").Err(), z.BZPopMin(0, "a").Err(),
		z.ZScan("a", 0, "", 0).Err(), z.ZAddNX("a", ZMember[string]{Member: "x"}).Err(),
		h.HScan("a", 0, "", 0).Err(), h.HVals("a").Err(), h.HRandFieldWithValues("a", 1).Err(),
	}
	for i, err := range errs {
		if !errors.Is(err, redpipe.ErrInvalidPipeline) {
			t.Errorf("command %d: error %v", i, err)
		}
	}
}
