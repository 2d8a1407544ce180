package redpipe

import (
	"errors"
	"strings"
	"testing"
)

// queueEveryArrayCommand queues one call of every typed method of the
// array family, each option shape once.
func queueEveryArrayCommand(p *Pipeline) {
	k := "{t}a"
	p.ARSet(k, 0, "x", "y")
	p.ARGet(k, 1)
	p.ARGetRange(k, 0, 9)
	p.ARMGet(k, 1, 5)
	p.ARMSet(k, AREntry{Index: 3, Value: "c"})
	p.ARInsert(k, "v")
	p.ARDel(k, 1)
	p.ARDelRange(k, ARRange{Start: 0, End: 2})
	p.ARLen(k)
	p.ARCount(k)
	p.ARNext(k)
	p.ARSeek(k, 4)
	p.ARInfo(k)
	p.ARInfoFull(k)
	p.ARScan(k, 0, 9, nil)
	p.ARScan(k, 0, 9, &ARScanArgs{Limit: 2})
	p.AROpSum(k, 0, 9)
	p.AROpMin(k, 0, 9)
	p.AROpMax(k, 0, 9)
	p.AROpAnd(k, 0, 9)
	p.AROpOr(k, 0, 9)
	p.AROpXor(k, 0, 9)
	p.AROpMatch(k, 0, 9, "x")
	p.AROpUsed(k, 0, 9)
	p.ARGrep(k, "-", "+", nil)
	p.ARGrepWithValues(k, "0", "9", &ARGrepArgs{Predicates: []ARGrepPredicate{{Type: ARGrepGlob, Value: "a*"}}})
	p.ARRing(k, 3, "a", "b")
	p.ARLastItems(k, 2, false)
	p.ARLastItems(k, 2, true)
}

// Every array command is routed as Do would route the same arguments.
func TestArrayCommandsAgreeWithDescribe(t *testing.T) {
	p := New().Pipeline()
	queueEveryArrayCommand(p)
	if n := len(p.tree.queued()); n != 29 {
		t.Fatalf("%d commands queued, want 29", n)
	}
	for _, e := range p.tree.queued() {
		checkDescribed(t, e)
	}
}

// The exact arguments of every option combination: the server here
// (Redis 7.0) has no arrays, so this is their only proof.
func TestArrayCommandArguments(t *testing.T) {
	cases := []argCase{
		{func(p *Pipeline) { p.ARSet("k", 0, "x") }, "ARSET k 0 x"},
		{func(p *Pipeline) { p.ARSet("k", 1<<64-2, "x", "y") }, "ARSET k 18446744073709551614 x y"},
		{func(p *Pipeline) { p.ARGet("k", 7) }, "ARGET k 7"},
		{func(p *Pipeline) { p.ARGetRange("k", 2, 5) }, "ARGETRANGE k 2 5"},
		{func(p *Pipeline) { p.ARMGet("k", 1, 3, 5) }, "ARMGET k 1 3 5"},
		{func(p *Pipeline) { p.ARMSet("k", AREntry{Index: 1, Value: "a"}, AREntry{Index: 9, Value: "b"}) }, "ARMSET k 1 a 9 b"},
		{func(p *Pipeline) { p.ARInsert("k", "a", "b") }, "ARINSERT k a b"},
		{func(p *Pipeline) { p.ARDel("k", 4) }, "ARDEL k 4"},
		{func(p *Pipeline) { p.ARDelRange("k", ARRange{Start: 0, End: 2}, ARRange{Start: 5, End: 5}) }, "ARDELRANGE k 0 2 5 5"},
		{func(p *Pipeline) { p.ARLen("k") }, "ARLEN k"},
		{func(p *Pipeline) { p.ARCount("k") }, "ARCOUNT k"},
		{func(p *Pipeline) { p.ARNext("k") }, "ARNEXT k"},
		{func(p *Pipeline) { p.ARSeek("k", 10) }, "ARSEEK k 10"},
		{func(p *Pipeline) { p.ARInfo("k") }, "ARINFO k"},
		{func(p *Pipeline) { p.ARInfoFull("k") }, "ARINFO k FULL"},
		{func(p *Pipeline) { p.ARScan("k", 0, 100, nil) }, "ARSCAN k 0 100"},
		{func(p *Pipeline) { p.ARScan("k", 0, 100, &ARScanArgs{}) }, "ARSCAN k 0 100"},
		{func(p *Pipeline) { p.ARScan("k", 3, 4, &ARScanArgs{Limit: 10}) }, "ARSCAN k 3 4 LIMIT 10"},
		{func(p *Pipeline) { p.AROpSum("k", 0, 9) }, "AROP k 0 9 SUM"},
		{func(p *Pipeline) { p.AROpMin("k", 0, 9) }, "AROP k 0 9 MIN"},
		{func(p *Pipeline) { p.AROpMax("k", 0, 9) }, "AROP k 0 9 MAX"},
		{func(p *Pipeline) { p.AROpAnd("k", 1, 2) }, "AROP k 1 2 AND"},
		{func(p *Pipeline) { p.AROpOr("k", 1, 2) }, "AROP k 1 2 OR"},
		{func(p *Pipeline) { p.AROpXor("k", 1, 2) }, "AROP k 1 2 XOR"},
		{func(p *Pipeline) { p.AROpMatch("k", 0, 5, "hit") }, "AROP k 0 5 MATCH hit"},
		{func(p *Pipeline) { p.AROpUsed("k", 0, 5) }, "AROP k 0 5 USED"},
		{func(p *Pipeline) { p.ARGrep("k", "-", "+", nil) }, "ARGREP k - +"},
		{func(p *Pipeline) {
			p.ARGrep("k", "0", "99", &ARGrepArgs{Predicates: []ARGrepPredicate{{Type: ARGrepExact, Value: "a"}, {Type: ARGrepRegex, Value: "^b"}}})
		}, "ARGREP k 0 99 EXACT a RE ^b"},
		{func(p *Pipeline) {
			p.ARGrep("k", "-", "+", &ARGrepArgs{Predicates: []ARGrepPredicate{{Type: ARGrepMatch, Value: "x"}, {Type: ARGrepGlob, Value: "y*"}},
				CombineAnd: true, Limit: 3, NoCase: true})
		}, "ARGREP k - + MATCH x GLOB y* AND LIMIT 3 NOCASE"},
		{func(p *Pipeline) { p.ARGrepWithValues("k", "-", "+", nil) }, "ARGREP k - + WITHVALUES"},
		{func(p *Pipeline) {
			p.ARGrepWithValues("k", "1", "2", &ARGrepArgs{Predicates: []ARGrepPredicate{{Type: ARGrepExact, Value: "a"}}, NoCase: true})
		}, "ARGREP k 1 2 EXACT a NOCASE WITHVALUES"},
		{func(p *Pipeline) { p.ARRing("k", 3, "a", "b") }, "ARRING k 3 a b"},
		{func(p *Pipeline) { p.ARLastItems("k", 5, false) }, "ARLASTITEMS k 5"},
		{func(p *Pipeline) { p.ARLastItems("k", 5, true) }, "ARLASTITEMS k 5 REV"},
	}
	checkArguments(t, cases)
}

// A predicate without a type fails its own future, nothing sent.
func TestArrayCommandsRejectBadValues(t *testing.T) {
	p := New().Pipeline()
	p.ARGrep("k", "-", "+", &ARGrepArgs{Predicates: []ARGrepPredicate{{Value: "x"}}})
	e := p.tree.queued()[0]
	if want := "ARGREP: redpipe: invalid value: predicate 0 has no type"; !errors.Is(e.err, ErrInvalidValue) || !strings.Contains(e.err.Error(), want) {
		t.Errorf("err %v, want ErrInvalidValue with %q", e.err, want)
	}
}
