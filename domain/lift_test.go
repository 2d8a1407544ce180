package domain

import (
	"reflect"
	"strings"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

// Shorthands for building replies as Redis 7.0 sends them.
var (
	b   = ports.BulkReply
	st  = ports.StatusReply
	i64 = ports.IntReply
	dbl = ports.DoubleReply
	nul = ports.NilReply()
)

func arr(es ...ports.Reply) ports.Reply { return ports.ArrayReply(es) }
func mp(kvs ...ports.Reply) ports.Reply { return ports.MapReply(kvs) }
func set(es ...ports.Reply) ports.Reply { return ports.SetReply(es) }

// The RESP2 and RESP3 pairs below are what Redis 7.0.15 sends (checked
// with both protocols); Lift must turn the first into the second and leave
// the second as it is.
var liftCases = []struct {
	cmd          string
	resp2, resp3 ports.Reply
}{
	{"HGETALL h", arr(b("f"), b("v"), b("f2"), b("v2")), mp(b("f"), b("v"), b("f2"), b("v2"))},
	{"hgetall nope", arr(), mp()},
	{"CONFIG GET maxmemory-policy", arr(b("maxmemory-policy"), b("noeviction")), mp(b("maxmemory-policy"), b("noeviction"))},
	{"config get nope", arr(), mp()},
	{"CLIENT TRACKINGINFO",
		arr(b("flags"), arr(b("off")), b("redirect"), i64(-1), b("prefixes"), arr()),
		mp(b("flags"), set(b("off")), b("redirect"), i64(-1), b("prefixes"), arr())},
	{"LCS a b IDX",
		arr(b("matches"), arr(arr(arr(i64(4), i64(7)), arr(i64(5), i64(8)))), b("len"), i64(6)),
		mp(b("matches"), arr(arr(arr(i64(4), i64(7)), arr(i64(5), i64(8)))), b("len"), i64(6))},
	{"MEMORY STATS",
		arr(b("peak.allocated"), i64(3), b("db.0"), arr(b("overhead.hashtable.main"), i64(72)), b("dataset.percentage"), b("99.5")),
		mp(b("peak.allocated"), i64(3), b("db.0"), mp(b("overhead.hashtable.main"), i64(72)), b("dataset.percentage"), dbl(99.5))},
	{"XINFO STREAM st FULL",
		arr(b("length"), i64(1), b("entries"), arr(arr(b("1-1"), arr(b("f"), b("v")))),
			b("groups"), arr(arr(b("name"), b("grp"), b("pending"), arr(),
				b("consumers"), arr(arr(b("name"), b("c1"), b("pel-count"), i64(0)))))),
		mp(b("length"), i64(1), b("entries"), arr(arr(b("1-1"), arr(b("f"), b("v")))),
			b("groups"), arr(mp(b("name"), b("grp"), b("pending"), arr(),
				b("consumers"), arr(mp(b("name"), b("c1"), b("pel-count"), i64(0))))))},
	{"XINFO GROUPS st",
		arr(arr(b("name"), b("grp"), b("consumers"), i64(1))),
		arr(mp(b("name"), b("grp"), b("consumers"), i64(1)))},
	{"XINFO CONSUMERS st grp",
		arr(arr(b("name"), b("c1"), b("pending"), i64(2), b("idle"), i64(2))),
		arr(mp(b("name"), b("c1"), b("pending"), i64(2), b("idle"), i64(2)))},
	{"XREAD COUNT 1 STREAMS st st2 0 0",
		arr(arr(b("st"), arr(arr(b("1-1"), arr(b("f"), b("v"))))), arr(b("st2"), arr())),
		mp(b("st"), arr(arr(b("1-1"), arr(b("f"), b("v")))), b("st2"), arr())},
	{"XREADGROUP GROUP g c STREAMS st >",
		arr(arr(b("st"), arr(arr(b("1-1"), nul)))),
		mp(b("st"), arr(arr(b("1-1"), nul)))},
	{"ACL GETUSER u1",
		arr(b("flags"), arr(b("on")), b("selectors"), arr(arr(b("commands"), b("-@all +set")))),
		mp(b("flags"), set(b("on")), b("selectors"), arr(mp(b("commands"), b("-@all +set"))))},
	{"ACL LOG 1",
		arr(arr(b("count"), i64(1), b("age-seconds"), b("0.5"))),
		arr(mp(b("count"), i64(1), b("age-seconds"), dbl(0.5)))},
	{"FUNCTION STATS",
		arr(b("running_script"), nul, b("engines"), arr(b("LUA"), arr(b("libraries_count"), i64(0)))),
		mp(b("running_script"), nul, b("engines"), mp(b("LUA"), mp(b("libraries_count"), i64(0))))},
	{"FUNCTION LIST",
		arr(arr(b("library_name"), b("mylib"), b("functions"), arr(arr(b("name"), b("f1"), b("flags"), arr(b("no-writes")))))),
		arr(mp(b("library_name"), b("mylib"), b("functions"), arr(mp(b("name"), b("f1"), b("flags"), set(b("no-writes"))))))},
	{"LATENCY HISTOGRAM set",
		arr(b("set"), arr(b("calls"), i64(13), b("histogram_usec"), arr(i64(1), i64(12), i64(4), i64(13)))),
		mp(b("set"), mp(b("calls"), i64(13), b("histogram_usec"), mp(i64(1), i64(12), i64(4), i64(13))))},
	{"CLUSTER SHARDS",
		arr(arr(b("slots"), arr(i64(0), i64(16383)), b("nodes"), arr(arr(b("id"), b("x"), b("port"), i64(1))))),
		arr(mp(b("slots"), arr(i64(0), i64(16383)), b("nodes"), arr(mp(b("id"), b("x"), b("port"), i64(1)))))},
	{"CLUSTER SLOTS",
		arr(arr(i64(0), i64(16383), arr(b(""), i64(16400), b("id"), arr()))),
		arr(arr(i64(0), i64(16383), arr(b(""), i64(16400), b("id"), mp())))},
	{"COMMAND DOCS get",
		arr(b("get"), arr(b("summary"), b("Get"), b("arguments"), arr(arr(b("name"), b("key"), b("arguments"), arr(arr(b("name"), b("x"))))))),
		mp(b("get"), mp(b("summary"), b("Get"), b("arguments"), arr(mp(b("name"), b("key"), b("arguments"), arr(mp(b("name"), b("x")))))))},
	{"COMMAND INFO get",
		arr(arr(b("get"), i64(2), arr(st("readonly")), i64(1), i64(1), i64(1), arr(st("@read")), arr(),
			arr(arr(b("flags"), arr(st("RO")), b("begin_search"), arr(b("type"), b("index"), b("spec"), arr(b("index"), i64(1))))),
			arr())),
		arr(arr(b("get"), i64(2), set(st("readonly")), i64(1), i64(1), i64(1), set(st("@read")), set(),
			set(mp(b("flags"), set(st("RO")), b("begin_search"), mp(b("type"), b("index"), b("spec"), mp(b("index"), i64(1))))),
			set()))},

	{"ZSCORE z a", b("1.5"), dbl(1.5)},
	{"ZINCRBY z 1 a", b("2"), dbl(2)},
	{"ZADD z INCR 1 a", b("3"), dbl(3)},
	{"ZADD z 1 a 2 b", i64(2), i64(2)},
	{"GEODIST g a b", b("166274.1516"), dbl(166274.1516)},
	{"ZMSCORE z a nope b", arr(b("5"), nul, b("2.5")), arr(dbl(5), nul, dbl(2.5))},
	{"ZSCORE z inf", b("inf"), dbl(inf)},
	{"GEOPOS g a nope", arr(arr(b("13.5"), b("38.25")), nul), arr(arr(dbl(13.5), dbl(38.25)), nul)},
	{"GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST WITHHASH WITHCOORD",
		arr(arr(b("Catania"), b("56.4413"), i64(3479447370796909), arr(b("15.5"), b("37.5")))),
		arr(arr(b("Catania"), dbl(56.4413), i64(3479447370796909), arr(dbl(15.5), dbl(37.5))))},
	{"GEORADIUS g 15 37 200 km", arr(b("Catania"), b("Palermo")), arr(b("Catania"), b("Palermo"))},
	{"GEORADIUSBYMEMBER_RO g m 200 km WITHDIST",
		arr(arr(b("m"), b("0.0000"))), arr(arr(b("m"), dbl(0)))},

	{"ZRANGE z 0 -1 WITHSCORES",
		arr(b("b"), b("2.5"), b("c"), b("3")),
		arr(arr(b("b"), dbl(2.5)), arr(b("c"), dbl(3)))},
	{"zrange z (1 +inf byscore rev limit 0 5 withscores", arr(b("c"), b("3")), arr(arr(b("c"), dbl(3)))},
	{"ZRANGE z 0 -1", arr(b("b"), b("2.5")), arr(b("b"), b("2.5"))}, // members named like numbers stay
	{"ZRANGE withscores 0 -1", arr(b("a"), b("b")), arr(b("a"), b("b"))},
	{"ZRANGEBYSCORE z -inf +inf WITHSCORES LIMIT 0 1", arr(b("a"), b("1")), arr(arr(b("a"), dbl(1)))},
	{"ZREVRANGE z 0 0 WITHSCORES", arr(b("a"), b("5")), arr(arr(b("a"), dbl(5)))},
	{"ZREVRANGEBYSCORE z +inf -inf WITHSCORES", arr(b("a"), b("5")), arr(arr(b("a"), dbl(5)))},
	{"ZINTER 2 z z2 WEIGHTS 1 2 WITHSCORES", arr(b("a"), b("3")), arr(arr(b("a"), dbl(3)))},
	{"ZUNION 1 withscores", arr(b("a"), b("b")), arr(b("a"), b("b"))}, // the key is named withscores
	{"ZDIFF 1 z WITHSCORES", arr(b("a"), b("1")), arr(arr(b("a"), dbl(1)))},
	{"ZRANDMEMBER z 1 WITHSCORES", arr(b("a"), b("1.5")), arr(arr(b("a"), dbl(1.5)))},
	{"ZRANDMEMBER z 2", arr(b("a"), b("b")), arr(b("a"), b("b"))},
	{"ZRANDMEMBER z 1 WITHSCORES", arr(), arr()},
	{"ZPOPMIN z", arr(b("a"), b("1")), arr(b("a"), dbl(1))},
	{"ZPOPMIN z 1", arr(b("a"), b("1")), arr(arr(b("a"), dbl(1)))},
	{"ZPOPMAX z 5", arr(b("b"), b("2.5"), b("a"), b("1")), arr(arr(b("b"), dbl(2.5)), arr(b("a"), dbl(1)))},
	{"ZPOPMIN nope 2", arr(), arr()},
	{"BZPOPMIN nope z 1", arr(b("z"), b("a"), b("1")), arr(b("z"), b("a"), dbl(1))},
	{"BZPOPMAX z 1", arr(b("z"), b("b"), b("2.5")), arr(b("z"), b("b"), dbl(2.5))},
	{"ZMPOP 2 nope z MIN COUNT 5",
		arr(b("z"), arr(arr(b("a"), b("1")), arr(b("b"), b("2.5")))),
		arr(b("z"), arr(arr(b("a"), dbl(1)), arr(b("b"), dbl(2.5))))},
	{"BZMPOP 1 1 z MAX", arr(b("z"), arr(arr(b("b"), b("2.5")))), arr(b("z"), arr(arr(b("b"), dbl(2.5))))},
	{"ZRANK z a WITHSCORE", arr(i64(0), b("1.5")), arr(i64(0), dbl(1.5))},
	{"ZRANK z a", i64(0), i64(0)},
	{"HRANDFIELD h 1 WITHVALUES", arr(b("f"), b("v")), arr(arr(b("f"), b("v")))},
	{"HRANDFIELD h -2 WITHVALUES", arr(b("f"), b("v"), b("f"), b("v")), arr(arr(b("f"), b("v")), arr(b("f"), b("v")))},
	{"HRANDFIELD h 2", arr(b("f"), b("v")), arr(b("f"), b("v"))},

	// the same in both protocols
	{"ZSCAN z 0", arr(b("0"), arr(b("a"), b("1"))), arr(b("0"), arr(b("a"), b("1")))},
	{"INCRBYFLOAT x 1.5", b("1.5"), b("1.5")},
	{"GET k", b("1.5"), b("1.5")},
	{"XRANGE st - +", arr(arr(b("1-1"), arr(b("f"), b("v")))), arr(arr(b("1-1"), arr(b("f"), b("v"))))},
}

var inf = func() float64 { f, _ := ParseFloat("inf"); return f }()

// setsAsArrays: Lift never turns an array into a set (both give []any).
func setsAsArrays(r ports.Reply) ports.Reply {
	if r.Kind == ports.KindSet {
		r.Kind = ports.KindArray
	}
	if r.Elems != nil {
		es := make([]ports.Reply, len(r.Elems))
		for i, e := range r.Elems {
			es[i] = setsAsArrays(e)
		}
		r.Elems = es
	}
	return r
}

func TestLiftRESP2ToRESP3(t *testing.T) {
	for _, c := range liftCases {
		args := strings.Fields(c.cmd)
		if got := Lift(args, c.resp2); !reflect.DeepEqual(got, setsAsArrays(c.resp3)) {
			t.Errorf("Lift(%s, RESP2 %s)\n got %s\nwant %s", c.cmd, c.resp2, got, c.resp3)
		}
		if got := Lift(args, c.resp3); !reflect.DeepEqual(got, c.resp3) {
			t.Errorf("Lift(%s, RESP3 %s) changed it to %s", c.cmd, c.resp3, got)
		}
	}
}

func TestLiftGivesTheSameGoValue(t *testing.T) {
	for _, c := range liftCases {
		args := strings.Fields(c.cmd)
		v2, err2 := Any(Lift(args, c.resp2))
		v3, err3 := Any(Lift(args, c.resp3))
		if !reflect.DeepEqual(v2, v3) || err2 != err3 {
			t.Errorf("%s: RESP2 gives %#v, %v; RESP3 %#v, %v", c.cmd, v2, err2, v3, err3)
		}
	}
}

func TestLiftLeavesNilAndErrorsAlone(t *testing.T) {
	e := ports.ErrorReply(ports.NewRedisError("WRONGTYPE Operation against a key holding the wrong kind of value"))
	for _, cmd := range []string{"ZSCORE z a", "HGETALL h", "XREAD STREAMS s 0", "ZPOPMIN z 2", "BZPOPMIN z 0"} {
		args := strings.Fields(cmd)
		if got := Lift(args, nul); !reflect.DeepEqual(got, nul) {
			t.Errorf("Lift(%s, nil) = %s", cmd, got)
		}
		if got := Lift(args, e); !reflect.DeepEqual(got, e) {
			t.Errorf("Lift(%s, error) = %s", cmd, got)
		}
	}
	if got := Lift(nil, b("x")); !reflect.DeepEqual(got, b("x")) {
		t.Errorf("Lift(no args) = %s", got)
	}
}

func TestLiftDoesNotModifyItsInput(t *testing.T) {
	in := arr(b("a"), b("1"), b("b"), b("2"))
	keep := arr(b("a"), b("1"), b("b"), b("2"))
	Lift([]string{"ZRANGE", "z", "0", "-1", "WITHSCORES"}, in)
	Lift([]string{"HGETALL", "h"}, in)
	if !reflect.DeepEqual(in, keep) {
		t.Fatalf("input changed to %s", in)
	}
}
