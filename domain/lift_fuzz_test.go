package domain

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

// liftDecoders: for a command whose reply Lift reshapes, the typed decoder
// its Pipeline method uses. That decoder reads both shapes, so it must give
// the same value for a reply and for the reply lifted.
var liftDecoders = map[string]func(ports.Reply) (any, error){
	"HGETALL": erase(StringMap), "CONFIG": erase(StringMap),
	"HRANDFIELD": erase(KeyValueSlice),
	"ZRANGE":     erase(ZSlice), "ZRANGEBYSCORE": erase(ZSlice), "ZREVRANGE": erase(ZSlice),
	"ZREVRANGEBYSCORE": erase(ZSlice), "ZINTER": erase(ZSlice), "ZUNION": erase(ZSlice),
	"ZDIFF": erase(ZSlice), "ZRANDMEMBER": erase(ZSlice), "ZPOPMIN": erase(ZSlice), "ZPOPMAX": erase(ZSlice),
	"ZSCORE": erase(Float64), "ZINCRBY": erase(Float64), "ZADD": erase(Float64), "GEODIST": erase(Float64),
	"ZMSCORE":  erase(Float64sOrZero),
	"BZPOPMIN": erase(ZWithKeyReply), "BZPOPMAX": erase(ZWithKeyReply),
	"ZMPOP": erase(ZSliceWithKeyReply), "BZMPOP": erase(ZSliceWithKeyReply),
	"ZRANK": erase(RankScoreReply), "ZREVRANK": erase(RankScoreReply),
	"LCS": erase(LCS),
}

func cloneReply(r ports.Reply) ports.Reply {
	if r.Elems != nil {
		es := make([]ports.Reply, len(r.Elems))
		for i, e := range r.Elems {
			es[i] = cloneReply(e)
		}
		r.Elems = es
	}
	return r
}

// FuzzLift lifts an arbitrary reply tree under arbitrary arguments (the
// command line is split on spaces, so empty arguments occur too). Lift
// must not panic, must leave nil and error replies and its input alone,
// must be idempotent (a reply already in the RESP3 shape is returned as it
// is, and a lifted reply is in that shape), and the command's typed decoder
// must read the lifted reply as it reads the original one whenever it can
// read both.
func FuzzLift(f *testing.F) {
	for _, c := range liftCases {
		f.Add(treeBytes(c.resp2), c.cmd)
		f.Add(treeBytes(c.resp3), c.cmd)
	}
	f.Add(treeBytes(arr(b("a"), b("1"))), "ZINTER 2 a b WITHSCORES")
	f.Add(treeBytes(arr(b("a"), b("1"))), "ZUNION -1 a WITHSCORES")
	f.Add(treeBytes(arr(b("a"), b("1"))), "ZDIFF 9223372036854775807 a WITHSCORES")
	f.Add(treeBytes(arr(arr(b("a")), b("1"))), "ZRANGE z 0 -1 WITHSCORES")
	f.Add(treeBytes(arr(b("st"), arr())), "XREAD STREAMS st 0")
	f.Add(treeBytes(arr(arr(b("st")))), "XREAD STREAMS st 0")
	f.Add(treeBytes(mp(b("get"), arr(b("arguments"), arr(arr(b("arguments"), arr(arr())))))), "COMMAND DOCS")
	f.Add([]byte{}, "")
	f.Fuzz(func(t *testing.T, data []byte, cmd string) {
		r := replyFromBytes(data)
		args := strings.Split(cmd, " ")
		keep := cloneReply(r)
		lifted := Lift(args, r)
		if !sameReply(r, keep) {
			t.Fatalf("Lift(%q) changed its input from %s to %s", args, keep, r)
		}
		if (r.Kind == ports.KindNil || r.Kind == ports.KindError) && !sameReply(lifted, r) {
			t.Fatalf("Lift(%q, %s) = %s; nil and errors must stay as they are", args, r, lifted)
		}
		if got := Lift(nil, r); !sameReply(got, r) {
			t.Fatalf("Lift(no args, %s) = %s", r, got)
		}
		if again := Lift(args, lifted); !sameReply(again, lifted) {
			t.Fatalf("Lift(%q) is not idempotent:\n   reply %s\n  lifted %s\n   again %s", args, r, lifted, again)
		}
		if _, err := Any(lifted); err != nil && r.Kind != ports.KindNil && r.Kind != ports.KindError {
			t.Fatalf("Any(Lift(%q, %s)) = %v", args, r, err)
		}
		dec, ok := liftDecoders[strings.ToUpper(args[0])]
		if !ok {
			return
		}
		v1, err1 := dec(r)
		v2, err2 := dec(lifted)
		// %#v prints NaN as NaN and -0 as -0, where == and DeepEqual would
		// call two NaN scores different.
		if err1 == nil && err2 == nil && fmt.Sprintf("%#v", v1) != fmt.Sprintf("%#v", v2) {
			t.Fatalf("%q: the decoder reads\n   %s as %#v\n   but its lifted %s as %#v", args, r, v1, lifted, v2)
		}
	})
}
