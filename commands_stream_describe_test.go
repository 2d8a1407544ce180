package redpipe

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// queueEveryStreamCommand queues one call of every stream method, and of
// the option forms whose keys move (XREAD's and XREADGROUP's STREAMS).
func queueEveryStreamCommand(p *Pipeline) {
	s, s2 := "{t}s", "{t}s2"
	retry := uint64(3)
	p.XAdd(&XAddArgs{Stream: s, Values: []string{"f", "v"}})
	p.XAdd(&XAddArgs{Stream: s, NoMkStream: true, MaxLen: 10, Approx: true, Limit: 5, ID: "1-1", Values: map[string]any{"f": 1}})
	p.XAdd(&XAddArgs{Stream: s, Mode: "KEEPREF", ProducerID: "p", IdempotentAuto: true, MinID: "1-0", Values: XValues{{Key: "f", Value: "v"}}})
	p.XAckDel(s, "g", "ACKED", "1-1")
	p.XDel(s, "1-1", "2-0")
	p.XDelEx(s, "DELREF", "1-1")
	p.XLen(s)
	p.XRange(s, "-", "+")
	p.XRangeN(s, "-", "+", 2)
	p.XRevRange(s, "+", "-")
	p.XRevRangeN(s, "+", "-", 2)
	p.XRead(&XReadArgs{Streams: []string{s, s2, "0", "0"}, Count: 2, Block: -1})
	p.XRead(&XReadArgs{Streams: []string{s, s2}, ID: "$", MaxCount: 3, MaxSize: 100, Block: time.Second})
	p.XReadStreams(s, "0")
	p.XGroupCreate(s, "g", "$")
	p.XGroupCreateMkStream(s, "g", "0")
	p.XGroupSetID(s, "g", "0")
	p.XGroupDestroy(s, "g")
	p.XGroupCreateConsumer(s, "g", "c")
	p.XGroupDelConsumer(s, "g", "c")
	p.XReadGroup(&XReadGroupArgs{Group: "streams", Consumer: "block", Streams: []string{s, s2, ">", ">"}, Count: 1, Block: -1})
	p.XReadGroup(&XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{s, "0"}, NoAck: true, Claim: time.Second, Block: 10 * time.Millisecond})
	p.XAck(s, "g", "1-1", "2-0")
	p.XNack(&XNackArgs{Stream: s, Group: "g", Mode: XNackModeFail, IDs: []string{"1-1"}, RetryCount: &retry, Force: true})
	p.XPending(s, "g")
	p.XPendingExt(&XPendingExtArgs{Stream: s, Group: "g", Idle: time.Second, Start: "-", End: "+", Count: 10, Consumer: "c"})
	p.XClaim(&XClaimArgs{Stream: s, Group: "g", Consumer: "c", MinIdle: time.Second, Messages: []string{"1-1"}})
	p.XClaimJustID(&XClaimArgs{Stream: s, Group: "g", Consumer: "c", Messages: []string{"1-1"}})
	p.XAutoClaim(&XAutoClaimArgs{Stream: s, Group: "g", Consumer: "c", Start: "0", Count: 5})
	p.XAutoClaimWithDeleted(&XAutoClaimArgs{Stream: s, Group: "g", Consumer: "c", Start: "0"})
	p.XAutoClaimJustID(&XAutoClaimArgs{Stream: s, Group: "g", Consumer: "c", Start: "0"})
	p.XTrimMaxLen(s, 10)
	p.XTrimMaxLenApprox(s, 10, 100)
	p.XTrimMaxLenMode(s, 10, "KEEPREF")
	p.XTrimMaxLenApproxMode(s, 10, 0, "ACKED")
	p.XTrimMinID(s, "1-0")
	p.XTrimMinIDApprox(s, "1-0", XTrimLimitDisabled)
	p.XTrimMinIDMode(s, "1-0", "DELREF")
	p.XTrimMinIDApproxMode(s, "1-0", 5, "KEEPREF")
	p.XInfoGroups(s)
	p.XInfoStream(s)
	p.XInfoStreamFull(s, 0)
	p.XInfoStreamFull(s, 5)
	p.XInfoConsumers(s, "g")
	p.XCfgSet(&XCfgSetArgs{Stream: s, Duration: 60, MaxSize: 100})
}

// Every stream command's keys and read-only flag are the ones Describe
// gives for the same arguments, and it blocks exactly when it says BLOCK.
func TestStreamCommandsAgreeWithDescribe(t *testing.T) {
	p := New().Pipeline()
	queueEveryStreamCommand(p)
	if n := len(p.tree.queued()); n < 45 {
		t.Fatalf("only %d commands queued", n)
	}
	for _, e := range p.tree.queued() {
		if !checkDescribed(t, e) {
			continue
		}
		hasBlock := false
		for _, a := range e.cmd.Args {
			hasBlock = hasBlock || a == "BLOCK"
		}
		if domain.Blocks(e.cmd.Args) != hasBlock {
			t.Errorf("%q: Blocks = %v", e.cmd.Args, !hasBlock)
		}
	}
}

// The keys of the commands whose keys are not at position 1.
func TestStreamCommandKeys(t *testing.T) {
	for _, c := range []struct {
		queue func(p *Pipeline)
		keys  []int
		ro    bool
	}{
		{func(p *Pipeline) { p.XRead(&XReadArgs{Streams: []string{"a", "b", "0", "0"}, Count: 1, Block: -1}) }, []int{4, 5}, true},
		{func(p *Pipeline) { p.XRead(&XReadArgs{Streams: []string{"a", "b"}, ID: "$", Block: 0}) }, []int{4, 5}, true},
		{func(p *Pipeline) {
			p.XReadGroup(&XReadGroupArgs{Group: "streams", Consumer: "c", Streams: []string{"a", ">"}, Block: -1})
		}, []int{5}, false},
		{func(p *Pipeline) { p.XGroupCreate("a", "g", "$") }, []int{2}, false},
		{func(p *Pipeline) { p.XInfoStreamFull("a", 3) }, []int{2}, true},
		{func(p *Pipeline) { p.XInfoConsumers("a", "g") }, []int{2}, true},
	} {
		p := New().Pipeline()
		c.queue(p)
		e := p.tree.queued()[0]
		if !slices.Equal(e.cmd.Keys, c.keys) || e.cmd.ReadOnly != c.ro {
			t.Errorf("%q: keys %v read-only %v, want %v %v", e.cmd.Args, e.cmd.Keys, e.cmd.ReadOnly, c.keys, c.ro)
		}
	}
}

// The exact arguments of every option combination.
func TestStreamCommandArguments(t *testing.T) {
	retry := uint64(7)
	cases := []argCase{
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Values: []string{"a", "1", "b", "2"}}) }, "XADD s * a 1 b 2"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", ID: "1-1", Values: []any{"a", 1, "b", 2.5}}) }, "XADD s 1-1 a 1 b 2.5"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", Values: map[string]any{"z": 1, "a": "x", "m": true}})
		}, "XADD s * a x m 1 z 1"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Values: map[string]string{"b": "2", "a": "1"}}) }, "XADD s * a 1 b 2"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", Values: XValues{{Key: "b", Value: "2"}, {Key: "a", Value: "1"}, {Key: "b", Value: "3"}}})
		}, "XADD s * b 2 a 1 b 3"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Values: []KeyValue{{Key: "k", Value: "v"}}}) }, "XADD s * k v"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", NoMkStream: true, MaxLen: 5, Values: []string{"a", "1"}})
		},
			"XADD s NOMKSTREAM MAXLEN = 5 * a 1"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", MaxLen: 5, Approx: true, Limit: 10, Values: []string{"a", "1"}})
		},
			"XADD s MAXLEN ~ 5 LIMIT 10 * a 1"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", MinID: "3-0", Approx: true, Limit: XTrimLimitDisabled, Values: []string{"a", "1"}})
		}, "XADD s MINID ~ 3-0 LIMIT 0 * a 1"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", MinID: "3-0", Values: []string{"a", "1"}}) }, "XADD s MINID = 3-0 * a 1"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", Mode: "ACKED", MaxLen: 1, Values: []string{"a", "1"}})
		},
			"XADD s ACKED MAXLEN = 1 * a 1"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", ProducerID: "p1", IdempotentID: "i1", Values: []string{"a", "1"}})
		}, "XADD s IDMP p1 i1 * a 1"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", NoMkStream: true, Mode: "DELREF", ProducerID: "p1", IdempotentAuto: true, ID: "*", Values: []string{"a", "1"}})
		}, "XADD s NOMKSTREAM DELREF IDMPAUTO p1 * a 1"},
		{func(p *Pipeline) { p.XAckDel("s", "g", "", "1-1") }, "XACKDEL s g IDS 1 1-1"},
		{func(p *Pipeline) { p.XAckDel("s", "g", "ACKED", "1-1", "2-0") }, "XACKDEL s g ACKED IDS 2 1-1 2-0"},
		{func(p *Pipeline) { p.XDel("s", "1-1", "2-0") }, "XDEL s 1-1 2-0"},
		{func(p *Pipeline) { p.XDelEx("s", "KEEPREF", "1-1") }, "XDELEX s KEEPREF IDS 1 1-1"},
		{func(p *Pipeline) { p.XDelEx("s", "", "1-1", "2-2") }, "XDELEX s IDS 2 1-1 2-2"},
		{func(p *Pipeline) { p.XLen("s") }, "XLEN s"},
		{func(p *Pipeline) { p.XRange("s", "-", "+") }, "XRANGE s - +"},
		{func(p *Pipeline) { p.XRangeN("s", "(1-1", "+", 3) }, "XRANGE s (1-1 + COUNT 3"},
		{func(p *Pipeline) { p.XRevRange("s", "+", "-") }, "XREVRANGE s + -"},
		{func(p *Pipeline) { p.XRevRangeN("s", "+", "-", 1) }, "XREVRANGE s + - COUNT 1"},
		{func(p *Pipeline) { p.XRead(&XReadArgs{Streams: []string{"a", "0"}}) }, "XREAD BLOCK 0 STREAMS a 0"},
		{func(p *Pipeline) { p.XRead(&XReadArgs{Streams: []string{"a", "b", "0", "1-1"}, Block: -1}) }, "XREAD STREAMS a b 0 1-1"},
		{func(p *Pipeline) {
			p.XRead(&XReadArgs{Streams: []string{"a", "b"}, ID: "$", Count: 2, MaxCount: 3, MaxSize: 4, Block: 1500 * time.Millisecond})
		}, "XREAD COUNT 2 MAXCOUNT 3 MAXSIZE 4 BLOCK 1500 STREAMS a b $ $"},
		{func(p *Pipeline) { p.XRead(&XReadArgs{Streams: []string{"a", "0"}, Block: 100 * time.Microsecond}) },
			"XREAD BLOCK 1 STREAMS a 0"},
		{func(p *Pipeline) { p.XReadStreams("a", "b", "0", "0") }, "XREAD STREAMS a b 0 0"},
		{func(p *Pipeline) { p.XGroupCreate("s", "g", "$") }, "XGROUP CREATE s g $"},
		{func(p *Pipeline) { p.XGroupCreateMkStream("s", "g", "0") }, "XGROUP CREATE s g 0 MKSTREAM"},
		{func(p *Pipeline) { p.XGroupSetID("s", "g", "1-1") }, "XGROUP SETID s g 1-1"},
		{func(p *Pipeline) { p.XGroupDestroy("s", "g") }, "XGROUP DESTROY s g"},
		{func(p *Pipeline) { p.XGroupCreateConsumer("s", "g", "c") }, "XGROUP CREATECONSUMER s g c"},
		{func(p *Pipeline) { p.XGroupDelConsumer("s", "g", "c") }, "XGROUP DELCONSUMER s g c"},
		{func(p *Pipeline) {
			p.XReadGroup(&XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"s", ">"}})
		},
			"XREADGROUP GROUP g c BLOCK 0 STREAMS s >"},
		{func(p *Pipeline) {
			p.XReadGroup(&XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"s", "t", ">", "0"}, Count: 1, MaxCount: 2, MaxSize: 3, Block: 2 * time.Second, NoAck: true, Claim: time.Minute})
		}, "XREADGROUP GROUP g c COUNT 1 MAXCOUNT 2 MAXSIZE 3 BLOCK 2000 NOACK CLAIM 60000 STREAMS s t > 0"},
		{func(p *Pipeline) {
			p.XReadGroup(&XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"s", ">"}, Block: -1, Claim: 10 * time.Microsecond})
		}, "XREADGROUP GROUP g c CLAIM 1 STREAMS s >"},
		{func(p *Pipeline) { p.XAck("s", "g", "1-1", "2-0") }, "XACK s g 1-1 2-0"},
		{func(p *Pipeline) {
			p.XNack(&XNackArgs{Stream: "s", Group: "g", Mode: XNackModeSilent, IDs: []string{"1-1", "2-0"}})
		},
			"XNACK s g SILENT IDS 2 1-1 2-0"},
		{func(p *Pipeline) {
			p.XNack(&XNackArgs{Stream: "s", Group: "g", Mode: XNackModeFatal, IDs: []string{"1-1"}, RetryCount: &retry, Force: true})
		}, "XNACK s g FATAL IDS 1 1-1 RETRYCOUNT 7 FORCE"},
		{func(p *Pipeline) { p.XPending("s", "g") }, "XPENDING s g"},
		{func(p *Pipeline) {
			p.XPendingExt(&XPendingExtArgs{Stream: "s", Group: "g", Start: "-", End: "+", Count: 10})
		},
			"XPENDING s g - + 10"},
		{func(p *Pipeline) {
			p.XPendingExt(&XPendingExtArgs{Stream: "s", Group: "g", Idle: 1500 * time.Millisecond, Start: "-", End: "+", Count: 1, Consumer: "c"})
		}, "XPENDING s g IDLE 1500 - + 1 c"},
		{func(p *Pipeline) {
			p.XClaim(&XClaimArgs{Stream: "s", Group: "g", Consumer: "c", MinIdle: time.Second, Messages: []string{"1-1", "2-0"}})
		}, "XCLAIM s g c 1000 1-1 2-0"},
		{func(p *Pipeline) {
			p.XClaimJustID(&XClaimArgs{Stream: "s", Group: "g", Consumer: "c", Messages: []string{"1-1"}})
		},
			"XCLAIM s g c 0 1-1 JUSTID"},
		{func(p *Pipeline) {
			p.XAutoClaim(&XAutoClaimArgs{Stream: "s", Group: "g", Consumer: "c", MinIdle: time.Minute, Start: "0-0"})
		}, "XAUTOCLAIM s g c 60000 0-0"},
		{func(p *Pipeline) {
			p.XAutoClaimWithDeleted(&XAutoClaimArgs{Stream: "s", Group: "g", Consumer: "c", Start: "0", Count: 2})
		}, "XAUTOCLAIM s g c 0 0 COUNT 2"},
		{func(p *Pipeline) {
			p.XAutoClaimJustID(&XAutoClaimArgs{Stream: "s", Group: "g", Consumer: "c", Start: "0", Count: 2})
		}, "XAUTOCLAIM s g c 0 0 COUNT 2 JUSTID"},
		{func(p *Pipeline) { p.XTrimMaxLen("s", 0) }, "XTRIM s MAXLEN = 0"},
		{func(p *Pipeline) { p.XTrimMaxLenApprox("s", 5, 0) }, "XTRIM s MAXLEN ~ 5"},
		{func(p *Pipeline) { p.XTrimMaxLenApprox("s", 5, 100) }, "XTRIM s MAXLEN ~ 5 LIMIT 100"},
		{func(p *Pipeline) { p.XTrimMaxLenApprox("s", 5, XTrimLimitDisabled) }, "XTRIM s MAXLEN ~ 5 LIMIT 0"},
		{func(p *Pipeline) { p.XTrimMaxLenMode("s", 5, "KEEPREF") }, "XTRIM s MAXLEN = 5 KEEPREF"},
		{func(p *Pipeline) { p.XTrimMaxLenApproxMode("s", 5, 9, "ACKED") }, "XTRIM s MAXLEN ~ 5 LIMIT 9 ACKED"},
		{func(p *Pipeline) { p.XTrimMinID("s", "2-0") }, "XTRIM s MINID = 2-0"},
		{func(p *Pipeline) { p.XTrimMinIDApprox("s", "2-0", 3) }, "XTRIM s MINID ~ 2-0 LIMIT 3"},
		{func(p *Pipeline) { p.XTrimMinIDMode("s", "2-0", "DELREF") }, "XTRIM s MINID = 2-0 DELREF"},
		{func(p *Pipeline) { p.XTrimMinIDApproxMode("s", "2-0", 0, "KEEPREF") }, "XTRIM s MINID ~ 2-0 KEEPREF"},
		{func(p *Pipeline) { p.XInfoGroups("s") }, "XINFO GROUPS s"},
		{func(p *Pipeline) { p.XInfoStream("s") }, "XINFO STREAM s"},
		{func(p *Pipeline) { p.XInfoStreamFull("s", 0) }, "XINFO STREAM s FULL"},
		{func(p *Pipeline) { p.XInfoStreamFull("s", 2) }, "XINFO STREAM s FULL COUNT 2"},
		{func(p *Pipeline) { p.XInfoConsumers("s", "g") }, "XINFO CONSUMERS s g"},
		{func(p *Pipeline) { p.XCfgSet(&XCfgSetArgs{Stream: "s"}) }, "XCFGSET s"},
		{func(p *Pipeline) { p.XCfgSet(&XCfgSetArgs{Stream: "s", Duration: 30, MaxSize: 50}) }, "XCFGSET s IDMP-DURATION 30 IDMP-MAXSIZE 50"},
	}
	checkArguments(t, cases)
}

// What go-redis would send for Redis to refuse, or quietly drop, fails
// that command at queue time with ErrInvalidValue and a reason.
func TestStreamCommandsRejectBadInput(t *testing.T) {
	v := []string{"f", "v"}
	cases := []struct {
		queue func(p *Pipeline)
		why   string
	}{
		{func(p *Pipeline) { p.XAdd(nil) }, "nil *XAddArgs"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s"}) }, "Values must be"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Values: []string{}}) }, "at least one field"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Values: []any{"f", "v", "g"}}) }, "3 values"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Values: []any{"f", nil}}) }, "nil is not a Redis value"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Values: struct{ F string }{"v"}}) }, "not struct"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", MaxLen: 1, MinID: "1-0", Values: v}) }, "exclude each other"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", MaxLen: 1, Limit: 10, Values: v}) }, "Limit needs Approx"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", Approx: true, Limit: 10, Values: v}) }, "Limit without MaxLen or MinID"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", IdempotentID: "i", Values: v}) }, "needs a ProducerID"},
		{func(p *Pipeline) { p.XAdd(&XAddArgs{Stream: "s", ProducerID: "p", Values: v}) }, "needs IdempotentID or IdempotentAuto"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", ProducerID: "p", IdempotentID: "i", IdempotentAuto: true, Values: v})
		}, "exclude each other"},
		{func(p *Pipeline) {
			p.XAdd(&XAddArgs{Stream: "s", ProducerID: "p", IdempotentAuto: true, ID: "1-1", Values: v})
		}, `needs ID "*"`},
		{func(p *Pipeline) { p.xTrim("s", "MAXLEN", "1", false, 5, "") }, "Limit needs Approx"},
		{func(p *Pipeline) { p.XRead(nil) }, "nil *XReadArgs"},
		{func(p *Pipeline) { p.XRead(&XReadArgs{Block: -1}) }, "no stream"},
		{func(p *Pipeline) { p.XRead(&XReadArgs{Streams: []string{"a", "b", "0"}, Block: -1}) }, "3 Streams"},
		{func(p *Pipeline) { p.XReadStreams("a") }, "1 Streams"},
		{func(p *Pipeline) { p.XReadGroup(nil) }, "nil *XReadGroupArgs"},
		{func(p *Pipeline) { p.XReadGroup(&XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"a"}}) }, "1 Streams"},
		{func(p *Pipeline) { p.XReadGroup(&XReadGroupArgs{Group: "g", Consumer: "c"}) }, "0 Streams"},
		{func(p *Pipeline) { p.XNack(nil) }, "nil *XNackArgs"},
		{func(p *Pipeline) { p.XNack(&XNackArgs{Stream: "s", Group: "g", IDs: []string{"1-1"}}) }, "no Mode"},
		{func(p *Pipeline) { p.XPendingExt(nil) }, "nil *XPendingExtArgs"},
		{func(p *Pipeline) { p.XClaim(nil) }, "nil *XClaimArgs"},
		{func(p *Pipeline) { p.XClaimJustID(nil) }, "nil *XClaimArgs"},
		{func(p *Pipeline) { p.XAutoClaim(nil) }, "nil *XAutoClaimArgs"},
		{func(p *Pipeline) { p.XAutoClaimWithDeleted(nil) }, "nil *XAutoClaimArgs"},
		{func(p *Pipeline) { p.XAutoClaimJustID(nil) }, "nil *XAutoClaimArgs"},
		{func(p *Pipeline) { p.XCfgSet(nil) }, "nil *XCfgSetArgs"},
	}
	for _, c := range cases {
		p := New().Pipeline()
		c.queue(p)
		q := p.tree.queued()
		e := q[len(q)-1]
		if !errors.Is(e.err, ErrInvalidValue) || !strings.Contains(e.err.Error(), c.why) {
			t.Errorf("%q: err %v, want ErrInvalidValue saying %q", e.cmd.Args, e.err, c.why)
		}
	}
}
