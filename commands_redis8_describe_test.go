package redpipe

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// queueEveryRedis8Command queues one call of every typed method the
// strings, hashes, lists and sets families gained from Redis 8 (compare-
// and-set, DELEX, DIGEST, MSETEX, INCREX, HIMPORT, LMOVEM, SDIFFCARD,
// SUNIONCARD), each option shape once.
func queueEveryRedis8Command(p *Pipeline) {
	k, k2, k3 := "{t}k", "{t}k2", "{t}k3"
	p.DelExArgs(k, DelExArgs{})
	p.DelExArgs(k, DelExArgs{Mode: "IFEQ", MatchValue: "v"})
	p.DelExArgs(k, DelExArgs{Mode: "IFDNE", MatchDigest: 7})
	p.Digest(k)
	p.SetIFEQ(k, "v", "old", 0)
	p.SetIFEQGet(k, "v", "old", time.Second)
	p.SetIFNE(k, "v", "old", KeepTTL)
	p.SetIFNEGet(k, "v", "old", 0)
	p.SetIFDEQ(k, "v", 1, 0)
	p.SetIFDEQGet(k, "v", 1, 0)
	p.SetIFDNE(k, "v", 1, 0)
	p.SetIFDNEGet(k, "v", 1, 0)
	p.SetArgs(k, "v", SetArgs{Mode: "IFDEQ", MatchDigest: 0xabc})
	p.MSetEX(MSetEXArgs{}, k, "a", k2, "b")
	p.MSetEX(MSetEXArgs{Condition: NX, Expiration: &ExpirationOption{Mode: EX, Value: 5}}, []string{k3, "c"})
	p.IncrEXInt(k, IncrEXIntArgs{})
	p.IncrEXInt(k, IncrEXIntArgs{By: 2, HasBy: true, UBound: 9, HasUBound: true, Saturate: true})
	p.IncrEXFloat(k, IncrEXFloatArgs{By: 0.5, Expiration: &ExpirationOption{Mode: PERSIST}})
	p.HImportPrepare("fs", "a", "b")
	p.HImportSet(k, "fs", "1", 2)
	p.HImportDiscard("fs")
	p.HImportDiscardAll()
	p.LMoveM(k, k2, "LEFT", "RIGHT", LMoveMArgs{})
	p.LMoveM(k, k2, "LEFT", "RIGHT", LMoveMArgs{Count: 3})
	p.BLMoveM(k, k2, "RIGHT", "LEFT", time.Second, LMoveMArgs{Mode: LMoveMExactly, Count: 2, Order: LMoveMOBO})
	p.SDiffCard(nil, k, k2)
	p.SDiffCard(&SDiffCardOptions{Limit: 3}, k)
	p.SUnionCard(nil, k, k2, k3)
	p.SUnionCard(&SUnionCardOptions{Approx: true, Limit: 10}, k)
}

// Every command of these families is routed as Do would route the same
// arguments (Describe agrees with the server's COMMAND INFO).
func TestRedis8CommandsAgreeWithDescribe(t *testing.T) {
	p := New().Pipeline()
	queueEveryRedis8Command(p)
	if n := len(p.tree.queued()); n != 29 {
		t.Fatalf("%d commands queued, want 29", n)
	}
	for _, e := range p.tree.queued() {
		checkDescribed(t, e)
	}
}

// The exact arguments of every option combination: the server here
// (Redis 7.0) has none of these commands, so this is their only proof.
func TestRedis8CommandArguments(t *testing.T) {
	cases := []argCase{
		{func(p *Pipeline) { p.DelExArgs("k", DelExArgs{}) }, "DELEX k"},
		{func(p *Pipeline) { p.DelExArgs("k", DelExArgs{Mode: "IFEQ", MatchValue: "v"}) }, "DELEX k IFEQ v"},
		{func(p *Pipeline) { p.DelExArgs("k", DelExArgs{Mode: "ifne", MatchValue: 3}) }, "DELEX k ifne 3"},
		{func(p *Pipeline) { p.DelExArgs("k", DelExArgs{Mode: "IFDEQ", MatchDigest: 0xabc}) }, "DELEX k IFDEQ 0000000000000abc"},
		{func(p *Pipeline) { p.DelExArgs("k", DelExArgs{Mode: "IFDNE"}) }, "DELEX k IFDNE 0000000000000000"},
		{func(p *Pipeline) { p.DelExArgs("k", DelExArgs{Mode: "IFDNE", MatchDigest: 1<<64 - 1}) }, "DELEX k IFDNE ffffffffffffffff"},
		{func(p *Pipeline) { p.Digest("k") }, "DIGEST k"},
		{func(p *Pipeline) { p.SetIFEQ("k", "v", "old", 0) }, "SET k v IFEQ old"},
		{func(p *Pipeline) { p.SetIFEQ("k", "v", "old", 90*time.Second) }, "SET k v EX 90 IFEQ old"},
		{func(p *Pipeline) { p.SetIFEQGet("k", "v", "old", 1500*time.Millisecond) }, "SET k v PX 1500 IFEQ old GET"},
		{func(p *Pipeline) { p.SetIFNE("k", 1, 2, KeepTTL) }, "SET k 1 KEEPTTL IFNE 2"},
		{func(p *Pipeline) { p.SetIFNEGet("k", "v", "old", 0) }, "SET k v IFNE old GET"},
		{func(p *Pipeline) { p.SetIFDEQ("k", "v", 0x1234, 0) }, "SET k v IFDEQ 0000000000001234"},
		{func(p *Pipeline) { p.SetIFDEQGet("k", "v", 0x1234, time.Minute) }, "SET k v EX 60 IFDEQ 0000000000001234 GET"},
		{func(p *Pipeline) { p.SetIFDNE("k", "v", 0, 0) }, "SET k v IFDNE 0000000000000000"},
		{func(p *Pipeline) { p.SetIFDNEGet("k", "v", 10, KeepTTL) }, "SET k v KEEPTTL IFDNE 000000000000000a GET"},
		{func(p *Pipeline) { p.SetArgs("k", "v", SetArgs{Mode: "IFEQ", MatchValue: "old", Get: true}) }, "SET k v IFEQ old GET"},
		{func(p *Pipeline) { p.SetArgs("k", "v", SetArgs{Mode: "IFDNE", MatchDigest: 255}) }, "SET k v IFDNE 00000000000000ff"},
		{func(p *Pipeline) { p.SetArgs("k", "v", SetArgs{Mode: "XX", MatchValue: "ignored"}) }, "SET k v XX"},
		{func(p *Pipeline) { p.MSetEX(MSetEXArgs{}, "a", "1", "b", "2") }, "MSETEX 2 a 1 b 2"},
		{func(p *Pipeline) { p.MSetEX(MSetEXArgs{Condition: NX}, []string{"a", "1"}) }, "MSETEX 1 a 1 NX"},
		{func(p *Pipeline) {
			p.MSetEX(MSetEXArgs{Condition: XX, Expiration: &ExpirationOption{Mode: EX, Value: 5}}, "a", 1)
		},
			"MSETEX 1 a 1 XX EX 5"},
		{func(p *Pipeline) {
			p.MSetEX(MSetEXArgs{Expiration: &ExpirationOption{Mode: PX, Value: 1500}}, []any{"a", 1, "b", 2.5})
		},
			"MSETEX 2 a 1 b 2.5 PX 1500"},
		{func(p *Pipeline) {
			p.MSetEX(MSetEXArgs{Expiration: &ExpirationOption{Mode: EXAT, Value: 1700000000}}, "a", "1")
		},
			"MSETEX 1 a 1 EXAT 1700000000"},
		{func(p *Pipeline) {
			p.MSetEX(MSetEXArgs{Expiration: &ExpirationOption{Mode: PXAT, Value: 1700000000123}}, "a", "1")
		},
			"MSETEX 1 a 1 PXAT 1700000000123"},
		{func(p *Pipeline) { p.MSetEX(MSetEXArgs{Expiration: &ExpirationOption{Mode: KEEPTTL}}, "a", "1") }, "MSETEX 1 a 1 KEEPTTL"},
		{func(p *Pipeline) { p.IncrEXInt("k", IncrEXIntArgs{}) }, "INCREX k"},
		{func(p *Pipeline) { p.IncrEXInt("k", IncrEXIntArgs{HasBy: true}) }, "INCREX k BYINT 0"},
		{func(p *Pipeline) {
			p.IncrEXInt("k", IncrEXIntArgs{By: -3, HasBy: true, HasLBound: true, UBound: 10, HasUBound: true})
		},
			"INCREX k BYINT -3 LBOUND 0 UBOUND 10"},
		{func(p *Pipeline) { p.IncrEXInt("k", IncrEXIntArgs{By: 5, UBound: 5, Saturate: true}) }, "INCREX k SATURATE"},
		{func(p *Pipeline) {
			p.IncrEXInt("k", IncrEXIntArgs{By: 1, HasBy: true, Expiration: &ExpirationOption{Mode: EX, Value: 10}, ENX: true})
		}, "INCREX k BYINT 1 EX 10 ENX"},
		{func(p *Pipeline) {
			p.IncrEXInt("k", IncrEXIntArgs{Expiration: &ExpirationOption{Mode: PXAT, Value: 99}})
		}, "INCREX k PXAT 99"},
		{func(p *Pipeline) { p.IncrEXInt("k", IncrEXIntArgs{Expiration: &ExpirationOption{Mode: PERSIST}}) }, "INCREX k PERSIST"},
		{func(p *Pipeline) { p.IncrEXFloat("k", IncrEXFloatArgs{}) }, "INCREX k BYFLOAT 0"},
		{func(p *Pipeline) {
			p.IncrEXFloat("k", IncrEXFloatArgs{By: 0.5, LBound: -1.5, HasLBound: true, Saturate: true})
		},
			"INCREX k BYFLOAT 0.5 LBOUND -1.5 SATURATE"},
		{func(p *Pipeline) {
			p.IncrEXFloat("k", IncrEXFloatArgs{By: 2, UBound: 3.25, HasUBound: true, Expiration: &ExpirationOption{Mode: PX, Value: 250}, ENX: true})
		}, "INCREX k BYFLOAT 2 UBOUND 3.25 PX 250 ENX"},
		{func(p *Pipeline) {
			p.IncrEXFloat("k", IncrEXFloatArgs{By: 1, Expiration: &ExpirationOption{Mode: EXAT, Value: 7}})
		},
			"INCREX k BYFLOAT 1 EXAT 7"},
		{func(p *Pipeline) { p.HImportPrepare("fs", "name", "age") }, "HIMPORT PREPARE fs name age"},
		{func(p *Pipeline) { p.HImportSet("k", "fs", "ann", 31) }, "HIMPORT SET k fs ann 31"},
		{func(p *Pipeline) { p.HImportSet("k", "fs", []string{"ann", "31"}) }, "HIMPORT SET k fs ann 31"},
		{func(p *Pipeline) { p.HImportDiscard("fs") }, "HIMPORT DISCARD fs"},
		{func(p *Pipeline) { p.HImportDiscardAll() }, "HIMPORT DISCARDALL"},
		{func(p *Pipeline) { p.LMoveM("a", "b", "LEFT", "RIGHT", LMoveMArgs{}) }, "LMOVEM a b LEFT RIGHT"},
		{func(p *Pipeline) {
			p.LMoveM("a", "b", "LEFT", "RIGHT", LMoveMArgs{Mode: LMoveMExactly, Order: LMoveMOBO})
		}, "LMOVEM a b LEFT RIGHT"},
		{func(p *Pipeline) { p.LMoveM("a", "b", "LEFT", "RIGHT", LMoveMArgs{Count: 3}) }, "LMOVEM a b LEFT RIGHT COUNT 3 BULK"},
		{func(p *Pipeline) {
			p.LMoveM("a", "b", "RIGHT", "LEFT", LMoveMArgs{Mode: LMoveMExactly, Count: 2, Order: LMoveMOBO})
		},
			"LMOVEM a b RIGHT LEFT EXACTLY 2 OBO"},
		{func(p *Pipeline) { p.BLMoveM("a", "b", "LEFT", "LEFT", 0, LMoveMArgs{}) }, "BLMOVEM a b LEFT LEFT 0"},
		{func(p *Pipeline) {
			p.BLMoveM("a", "b", "LEFT", "LEFT", 1500*time.Millisecond, LMoveMArgs{Count: 4, Order: LMoveMOBO})
		},
			"BLMOVEM a b LEFT LEFT 1.5 COUNT 4 OBO"},
		{func(p *Pipeline) { p.SDiffCard(nil, "a", "b") }, "SDIFFCARD 2 a b LIMIT 0"},
		{func(p *Pipeline) { p.SDiffCard(&SDiffCardOptions{Limit: 3}, "a") }, "SDIFFCARD 1 a LIMIT 3"},
		{func(p *Pipeline) { p.SUnionCard(nil, "a", "b") }, "SUNIONCARD 2 a b LIMIT 0"},
		{func(p *Pipeline) { p.SUnionCard(&SUnionCardOptions{Approx: true}, "a") }, "SUNIONCARD 1 a APPROX LIMIT 0"},
		{func(p *Pipeline) { p.SUnionCard(&SUnionCardOptions{Approx: true, Limit: 7}, "a", "b", "c") }, "SUNIONCARD 3 a b c APPROX LIMIT 7"},
		{func(p *Pipeline) { p.SUnionCard(&SUnionCardOptions{Limit: 2}, "a") }, "SUNIONCARD 1 a LIMIT 2"},
	}
	checkArguments(t, cases)
}

// Impossible options and values that cannot be encoded fail their own
// future with ErrInvalidValue, naming the command, and nothing is sent.
func TestRedis8CommandsRejectBadValues(t *testing.T) {
	cases := []struct {
		queue func(p *Pipeline)
		want  string
	}{
		{func(p *Pipeline) { p.DelExArgs("k", DelExArgs{Mode: "IFEQ"}) }, "DELEX argument 3: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.SetIFEQ("k", "v", nil, 0) }, "SET argument 4: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.SetIFNEGet("k", nil, "x", 0) }, "SET argument 2: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.SetArgs("k", "v", SetArgs{Mode: "IFNE"}) }, "SET argument 4: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.MSetEX(MSetEXArgs{}, "a", "1", "b") }, "MSETEX: redpipe: invalid value: 3 values, not key value pairs"},
		{func(p *Pipeline) { p.MSetEX(MSetEXArgs{}, "a", nil) }, "MSETEX argument 2: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.MSetEX(MSetEXArgs{Expiration: &ExpirationOption{Mode: PERSIST}}, "a", "1") },
			`MSETEX: redpipe: invalid value: expiration mode "PERSIST" is none of [EX PX EXAT PXAT KEEPTTL]`},
		{func(p *Pipeline) { p.IncrEXInt("k", IncrEXIntArgs{Expiration: &ExpirationOption{Mode: KEEPTTL}}) },
			`INCREX: redpipe: invalid value: expiration mode "KEEPTTL" is none of [EX PX EXAT PXAT PERSIST]`},
		{func(p *Pipeline) { p.IncrEXFloat("k", IncrEXFloatArgs{Expiration: &ExpirationOption{Mode: "ex"}}) },
			`INCREX: redpipe: invalid value: expiration mode "ex"`},
		{func(p *Pipeline) { p.HImportSet("k", "fs", struct{}{}) }, "HIMPORT argument 4: redpipe: invalid value: struct"},
	}
	for _, c := range cases {
		p := New().Pipeline()
		c.queue(p)
		e := p.tree.queued()[0]
		if !errors.Is(e.err, ErrInvalidValue) || !strings.Contains(e.err.Error(), c.want) {
			t.Errorf("%q: err %v, want ErrInvalidValue with %q", e.cmd.Args, e.err, c.want)
		}
	}
}
