package keyspace

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

func newTestStream(ctx context.Context, p *redpipe.Pipeline) StreamCmds {
	return NewStream("ev", redpipe.Fields{"n": redpipe.Int, "ok": redpipe.Bool}, redpipe.Text).With(ctx, p)
}

// Every Stream command, each option form once: the exact arguments, and
// the keys and read-only flag domain.Describe gives for them.
func TestStreamArguments(t *testing.T) {
	cases := []struct {
		fn   func(b StreamCmds)
		want string
	}{
		{func(b StreamCmds) { b.XAdd("a", map[string]any{"ok": true, "n": 3, "what": "paid"}) }, "XADD ev{a} * n 3 ok 1 what paid"},
		{func(b StreamCmds) {
			b.XAddArgs("a", &redpipe.XAddArgs{NoMkStream: true, MaxLen: 10, Approx: true, Limit: 5, ID: "1-1",
				Values: []HashField{{Field: "what", Value: "x"}, {Field: "n", Value: int64(2)}, {Field: "what", Value: "y"}}})
		}, "XADD ev{a} NOMKSTREAM MAXLEN ~ 10 LIMIT 5 1-1 what x n 2 what y"},
		{func(b StreamCmds) { b.XAddArgs("a", &redpipe.XAddArgs{MinID: "5-0", Values: map[string]any{"n": 1}}) }, "XADD ev{a} MINID = 5-0 * n 1"},
		{func(b StreamCmds) { b.XRange("a", "-", "+") }, "XRANGE ev{a} - +"},
		{func(b StreamCmds) { b.XRangeN("a", "(1-1", "+", 2) }, "XRANGE ev{a} (1-1 + COUNT 2"},
		{func(b StreamCmds) { b.XRevRange("a", "+", "-") }, "XREVRANGE ev{a} + -"},
		{func(b StreamCmds) { b.XRevRangeN("a", "+", "-", 3) }, "XREVRANGE ev{a} + - COUNT 3"},
		{func(b StreamCmds) { b.XLen("a") }, "XLEN ev{a}"},
		{func(b StreamCmds) { b.XDel("a", "1-1", "2-0") }, "XDEL ev{a} 1-1 2-0"},
		{func(b StreamCmds) { b.XTrimMaxLen("a", 10) }, "XTRIM ev{a} MAXLEN = 10"},
		{func(b StreamCmds) { b.XTrimMaxLenApprox("a", 10, 100) }, "XTRIM ev{a} MAXLEN ~ 10 LIMIT 100"},
		{func(b StreamCmds) { b.XTrimMinID("a", "3-0") }, "XTRIM ev{a} MINID = 3-0"},
		{func(b StreamCmds) { b.XTrimMinIDApprox("a", "3-0", redpipe.XTrimLimitDisabled) }, "XTRIM ev{a} MINID ~ 3-0 LIMIT 0"},
		{func(b StreamCmds) {
			b.XRead(&redpipe.XReadArgs{Streams: []string{"a", "b", "0", "1-1"}, Count: 2, Block: -1})
		},
			"XREAD COUNT 2 STREAMS ev{a} ev{b} 0 1-1"},
		{func(b StreamCmds) {
			b.XRead(&redpipe.XReadArgs{Streams: []string{"a", "b"}, ID: "$", MaxCount: 3, MaxSize: 100, Block: time.Second})
		}, "XREAD MAXCOUNT 3 MAXSIZE 100 BLOCK 1000 STREAMS ev{a} ev{b} $ $"},
		{func(b StreamCmds) {
			b.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"a", ">"}, Count: 1, Block: -1})
		}, "XREADGROUP GROUP g c COUNT 1 STREAMS ev{a} >"},
		{func(b StreamCmds) {
			b.XReadGroup(&redpipe.XReadGroupArgs{Group: "streams", Consumer: "block", Streams: []string{"a", "b", "0", ">"}, NoAck: true, Claim: time.Second, Block: 10 * time.Millisecond})
		}, "XREADGROUP GROUP streams block BLOCK 10 NOACK CLAIM 1000 STREAMS ev{a} ev{b} 0 >"},
		{func(b StreamCmds) { b.XGroupCreate("a", "g", "$") }, "XGROUP CREATE ev{a} g $"},
		{func(b StreamCmds) { b.XGroupCreateMkStream("a", "g", "0") }, "XGROUP CREATE ev{a} g 0 MKSTREAM"},
		{func(b StreamCmds) { b.XGroupSetID("a", "g", "0") }, "XGROUP SETID ev{a} g 0"},
		{func(b StreamCmds) { b.XGroupDestroy("a", "g") }, "XGROUP DESTROY ev{a} g"},
		{func(b StreamCmds) { b.XGroupCreateConsumer("a", "g", "c") }, "XGROUP CREATECONSUMER ev{a} g c"},
		{func(b StreamCmds) { b.XGroupDelConsumer("a", "g", "c") }, "XGROUP DELCONSUMER ev{a} g c"},
		{func(b StreamCmds) { b.XAck("a", "g", "1-1", "2-0") }, "XACK ev{a} g 1-1 2-0"},
		{func(b StreamCmds) { b.XPending("a", "g") }, "XPENDING ev{a} g"},
		{func(b StreamCmds) {
			b.XPendingExt("a", &redpipe.XPendingExtArgs{Group: "g", Idle: time.Second, Start: "-", End: "+", Count: 10, Consumer: "c"})
		}, "XPENDING ev{a} g IDLE 1000 - + 10 c"},
		{func(b StreamCmds) {
			b.XClaim("a", &redpipe.XClaimArgs{Group: "g", Consumer: "c", MinIdle: time.Second, Messages: []string{"1-1", "2-0"}})
		}, "XCLAIM ev{a} g c 1000 1-1 2-0"},
		{func(b StreamCmds) {
			b.XClaimJustID("a", &redpipe.XClaimArgs{Group: "g", Consumer: "c", Messages: []string{"1-1"}})
		},
			"XCLAIM ev{a} g c 0 1-1 JUSTID"},
		{func(b StreamCmds) {
			b.XAutoClaim("a", &redpipe.XAutoClaimArgs{Group: "g", Consumer: "c", MinIdle: time.Minute, Start: "0", Count: 5})
		}, "XAUTOCLAIM ev{a} g c 60000 0 COUNT 5"},
		{func(b StreamCmds) {
			b.XAutoClaimJustID("a", &redpipe.XAutoClaimArgs{Group: "g", Consumer: "c", Start: "0-0"})
		},
			"XAUTOCLAIM ev{a} g c 0 0-0 JUSTID"},
	}
	for _, c := range cases {
		e := queued(t, func(ctx context.Context, p *redpipe.Pipeline) { c.fn(newTestStream(ctx, p)) })
		if got := strings.Join(e.cmd.Args, " "); got != c.want || e.err != nil {
			t.Errorf("queued %q (error %v), want %q", got, e.err, c.want)
			continue
		}
		if err := domain.CheckDescribed(e.cmd.Args, e.cmd.Keys, e.cmd.ReadOnly); err != nil {
			t.Error(err)
		}
	}
}

// A blocking read is marked as one, so it gets a connection of its own.
func TestStreamBlockingReadBlocks(t *testing.T) {
	e := queued(t, func(ctx context.Context, p *redpipe.Pipeline) {
		newTestStream(ctx, p).XRead(&redpipe.XReadArgs{Streams: []string{"a"}, ID: "$", Block: 0})
	})
	if !domain.Blocks(e.cmd.Args) {
		t.Fatalf("%q does not block", e.cmd.Args)
	}
}

// What cannot be sent fails its own future with ErrInvalidValue, saying
// why, and is never sent.
func TestStreamRefusals(t *testing.T) {
	cases := []struct {
		fn   func(b StreamCmds)
		want string
	}{
		{func(b StreamCmds) { b.XAdd("a", map[string]any{"n": "three"}) }, `keyspace "ev" id "a" field "n": `},
		{func(b StreamCmds) { b.XAddArgs("a", &redpipe.XAddArgs{Values: []HashField{{Field: "ok", Value: 2}}}) }, `field "ok"`},
		{func(b StreamCmds) { b.XAdd("a", map[string]any{}) }, "an entry needs at least one field and value"},
		{func(b StreamCmds) { b.XAddArgs("a", &redpipe.XAddArgs{Values: []string{"n", "1"}}) }, "Values must be map[string]any or []keyspace.HashField"},
		{func(b StreamCmds) {
			b.XAddArgs("a", &redpipe.XAddArgs{Stream: "other", Values: map[string]any{"n": 1}})
		}, `Stream is "other"`},
		{func(b StreamCmds) {
			b.XAddArgs("a", &redpipe.XAddArgs{MaxLen: 1, MinID: "1", Values: map[string]any{"n": 1}})
		}, "MaxLen and MinID exclude each other"},
		{func(b StreamCmds) { b.XAddArgs("a", nil) }, "nil *XAddArgs"},
		{func(b StreamCmds) { b.XRead(nil) }, "nil *XReadArgs"},
		{func(b StreamCmds) { b.XRead(&redpipe.XReadArgs{}) }, "no stream"},
		{func(b StreamCmds) { b.XRead(&redpipe.XReadArgs{Streams: []string{"a", "b", "0"}}) }, "3 Streams"},
		{func(b StreamCmds) {
			b.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"a"}})
		}, "1 Streams"},
		{func(b StreamCmds) { b.XReadGroup(nil) }, "nil *XReadGroupArgs"},
		{func(b StreamCmds) { b.XClaim("a", &redpipe.XClaimArgs{Stream: "ev{a}", Group: "g"}) }, `Stream is "ev{a}"`},
		{func(b StreamCmds) { b.XClaimJustID("a", nil) }, "nil *XClaimArgs"},
		{func(b StreamCmds) { b.XAutoClaim("a", nil) }, "nil *XAutoClaimArgs"},
		{func(b StreamCmds) { b.XAutoClaimJustID("a", &redpipe.XAutoClaimArgs{Stream: "x"}) }, `Stream is "x"`},
		{func(b StreamCmds) { b.XPendingExt("a", &redpipe.XPendingExtArgs{Stream: "x"}) }, `Stream is "x"`},
		{func(b StreamCmds) { b.XPendingExt("a", nil) }, "nil *XPendingExtArgs"},
	}
	for _, c := range cases {
		e := queued(t, func(ctx context.Context, p *redpipe.Pipeline) { c.fn(newTestStream(ctx, p)) })
		if !errors.Is(e.err, redpipe.ErrInvalidValue) || !strings.Contains(e.err.Error(), c.want) {
			t.Errorf("%q: error %v; want ErrInvalidValue containing %q", e.cmd.Args, e.err, c.want)
		}
	}
	rejected := queued(t, func(ctx context.Context, p *redpipe.Pipeline) {
		NewStream("strict", redpipe.Fields{"n": redpipe.Int}, nil).With(ctx, p).XAdd("a", map[string]any{"n": 1, "other": "x"})
	})
	if !errors.Is(rejected.err, redpipe.ErrInvalidValue) || !strings.Contains(rejected.err.Error(), `field "other" is not declared`) {
		t.Errorf("an undeclared field without an undeclared codec: %v", rejected.err)
	}
}

// Entries decode through each field's codec in both protocols' shapes,
// order and repeats kept; a deleted pending entry has no values.
func TestStreamEntriesDecode(t *testing.T) {
	b := newTestStream(context.Background(), nil)
	entry := func(id string, kv ...string) ports.Reply {
		fields := make([]ports.Reply, len(kv))
		for i, s := range kv {
			fields[i] = ports.BulkReply(s)
		}
		return ports.ArrayReply([]ports.Reply{ports.BulkReply(id), ports.ArrayReply(fields)})
	}
	reply := ports.ArrayReply([]ports.Reply{
		entry("1-1", "what", "x", "n", "7", "what", "y"),
		ports.ArrayReply([]ports.Reply{ports.BulkReply("2-0"), ports.NilReply()}),
	})
	got, err := b.decodeEntries("a")(reply)
	if err != nil {
		t.Fatal(err)
	}
	want := []StreamEntry{
		{ID: "1-1", Values: []HashField{{Field: "what", Value: "x"}, {Field: "n", Value: int64(7)}, {Field: "what", Value: "y"}}},
		{ID: "2-0"},
	}
	if len(got) != 2 || got[0].ID != want[0].ID || len(got[0].Values) != 3 || got[0].Values[1] != want[0].Values[1] ||
		got[0].Values[2] != want[0].Values[2] || got[1].ID != "2-0" || got[1].Values != nil {
		t.Fatalf("got %#v", got)
	}
	if v, ok := got[0].Get("what"); v != "y" || !ok {
		t.Errorf("Get(what) = %v, %v: the last value wins", v, ok)
	}
	if _, ok := got[0].Get("nope"); ok {
		t.Error("Get(nope) found a field")
	}
	_, err = b.decodeEntries("a")(ports.ArrayReply([]ports.Reply{entry("3-0", "n", "seven")}))
	if !errors.Is(err, redpipe.ErrUnexpectedReply) || !strings.Contains(err.Error(), `entry 3-0: keyspace "ev" id "a" field "n"`) {
		t.Errorf("undecodable value: %v", err)
	}
}
