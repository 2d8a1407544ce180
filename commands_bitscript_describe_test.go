package redpipe

import (
	"errors"
	"strings"
	"testing"
)

// queueEveryBitScriptCommand queues one call of every typed method of the
// bitmap, scripting, function and publish families, each option shape once.
func queueEveryBitScriptCommand(p *Pipeline) {
	k, k2, k3 := "{t}k", "{t}k2", "{t}k3"
	// bitmaps
	p.GetBit(k, 7)
	p.SetBit(k, 7, 1)
	p.BitCount(k, nil)
	p.BitCount(k, &BitCount{Start: 0, End: -1})
	p.BitCount(k, &BitCount{Start: 1, End: 5, Unit: BitCountIndexBit})
	p.BitOpAnd(k3, k, k2)
	p.BitOpOr(k3, k, k2)
	p.BitOpXor(k3, k, k2)
	p.BitOpNot(k3, k)
	p.BitOpDiff(k3, k, k2)
	p.BitOpDiff1(k3, k, k2)
	p.BitOpAndOr(k3, k, k2)
	p.BitOpOne(k3, k, k2)
	p.BitPos(k, 1)
	p.BitPos(k, 0, 2)
	p.BitPos(k, 1, 2, -1)
	p.BitPosSpan(k, 1, 3, 9, "bit")
	p.BitField(k, "SET", "u8", 0, 255, "GET", "u4", 0)
	p.BitField(k, []string{"INCRBY", "i5", "100", "1"})
	p.BitFieldRO(k, "u8", 0, "i4", "#1")
	// scripting
	p.Eval("return 1", nil)
	p.Eval("return KEYS[1]", []string{k, k2}, "a", 1)
	p.EvalSha("0123456789abcdef0123456789abcdef01234567", []string{k}, "a")
	p.EvalRO("return 1", []string{k})
	p.EvalShaRO("0123456789abcdef0123456789abcdef01234567", nil, 2)
	p.ScriptExists("a", "b")
	p.ScriptFlush()
	p.ScriptKill()
	p.ScriptLoad("return 1")
	// functions
	p.FCall("f", []string{k, k2}, "x")
	p.FCall("f", nil)
	p.FCallRO("f", []string{k})
	p.FCallRo("f", nil, 1)
	p.FunctionLoad("#!lua name=l\n")
	p.FunctionLoadReplace("#!lua name=l\n")
	p.FunctionDelete("l")
	p.FunctionFlush()
	p.FunctionFlushAsync()
	p.FunctionKill()
	p.FunctionList(FunctionListQuery{})
	p.FunctionList(FunctionListQuery{LibraryNamePattern: "l*", WithCode: true})
	p.FunctionDump()
	p.FunctionRestore("\x00dump")
	p.FunctionStats()
	// publishing
	p.Publish("ch", "m")
	p.SPublish(k, 1)
	p.PubSubChannels("*")
	p.PubSubChannels("c*")
	p.PubSubNumSub("a", "b")
	p.PubSubNumPat()
	p.PubSubShardChannels("")
	p.PubSubShardNumSub(k, k2)
}

// Every command of these families is routed as Do would route the same
// arguments (Describe agrees with the server's COMMAND INFO).
func TestBitScriptCommandsAgreeWithDescribe(t *testing.T) {
	p := New().Pipeline()
	queueEveryBitScriptCommand(p)
	if n := len(p.tree.queued()); n != 52 {
		t.Fatalf("%d commands queued, want 52", n)
	}
	for _, e := range p.tree.queued() {
		checkDescribed(t, e)
	}
}

// The exact arguments of every option combination.
func TestBitScriptCommandArguments(t *testing.T) {
	cases := []argCase{
		{func(p *Pipeline) { p.GetBit("k", 7) }, "GETBIT k 7"},
		{func(p *Pipeline) { p.SetBit("k", 7, 1) }, "SETBIT k 7 1"},
		{func(p *Pipeline) { p.BitCount("k", nil) }, "BITCOUNT k"},
		{func(p *Pipeline) { p.BitCount("k", &BitCount{Start: 1, End: -2}) }, "BITCOUNT k 1 -2"},
		{func(p *Pipeline) { p.BitCount("k", &BitCount{Start: 0, End: 3, Unit: BitCountIndexByte}) }, "BITCOUNT k 0 3 BYTE"},
		{func(p *Pipeline) { p.BitCount("k", &BitCount{Start: 5, End: 30, Unit: "bit"}) }, "BITCOUNT k 5 30 BIT"},
		{func(p *Pipeline) { p.BitOpAnd("d", "a", "b") }, "BITOP AND d a b"},
		{func(p *Pipeline) { p.BitOpOr("d", "a") }, "BITOP OR d a"},
		{func(p *Pipeline) { p.BitOpXor("d", "a", "b", "c") }, "BITOP XOR d a b c"},
		{func(p *Pipeline) { p.BitOpNot("d", "a") }, "BITOP NOT d a"},
		{func(p *Pipeline) { p.BitOpDiff("d", "x", "y") }, "BITOP DIFF d x y"},
		{func(p *Pipeline) { p.BitOpDiff1("d", "x", "y") }, "BITOP DIFF1 d x y"},
		{func(p *Pipeline) { p.BitOpAndOr("d", "x", "y") }, "BITOP ANDOR d x y"},
		{func(p *Pipeline) { p.BitOpOne("d", "x", "y") }, "BITOP ONE d x y"},
		{func(p *Pipeline) { p.BitPos("k", 1) }, "BITPOS k 1"},
		{func(p *Pipeline) { p.BitPos("k", 0, 2) }, "BITPOS k 0 2"},
		{func(p *Pipeline) { p.BitPos("k", 1, 2, -1) }, "BITPOS k 1 2 -1"},
		{func(p *Pipeline) { p.BitPosSpan("k", 0, 3, 9, "bit") }, "BITPOS k 0 3 9 bit"},
		{func(p *Pipeline) { p.BitPosSpan("k", 1, -2, -1, "byte") }, "BITPOS k 1 -2 -1 byte"},
		{func(p *Pipeline) { p.BitField("k", "OVERFLOW", "FAIL", "INCRBY", "u2", 0, 5) }, "BITFIELD k OVERFLOW FAIL INCRBY u2 0 5"},
		{func(p *Pipeline) { p.BitField("k", []any{"GET", "u8", 0}) }, "BITFIELD k GET u8 0"},
		{func(p *Pipeline) { p.BitField("k", []string{"SET", "i8", "#1", "-3"}) }, "BITFIELD k SET i8 #1 -3"},
		{func(p *Pipeline) { p.BitFieldRO("k", "u8", 0, "i4", "#1") }, "BITFIELD_RO k GET u8 0 GET i4 #1"},
		{func(p *Pipeline) { p.BitFieldRO("k") }, "BITFIELD_RO k"},
		{func(p *Pipeline) { p.Eval("return 1", nil) }, "EVAL return 1 0"},
		{func(p *Pipeline) { p.Eval("s", []string{"a", "b"}, "x", 2, 1.5) }, "EVAL s 2 a b x 2 1.5"},
		{func(p *Pipeline) { p.Eval("s", nil, []string{"x", "y"}) }, "EVAL s 0 x y"},
		{func(p *Pipeline) { p.EvalSha("abc", []string{"a"}) }, "EVALSHA abc 1 a"},
		{func(p *Pipeline) { p.EvalRO("s", []string{"a"}, true) }, "EVAL_RO s 1 a 1"},
		{func(p *Pipeline) { p.EvalShaRO("abc", nil, []any{"x", 3}) }, "EVALSHA_RO abc 0 x 3"},
		{func(p *Pipeline) { p.ScriptExists("a", "b") }, "SCRIPT EXISTS a b"},
		{func(p *Pipeline) { p.ScriptFlush() }, "SCRIPT FLUSH"},
		{func(p *Pipeline) { p.ScriptKill() }, "SCRIPT KILL"},
		{func(p *Pipeline) { p.ScriptLoad("return 1") }, "SCRIPT LOAD return 1"},
		{func(p *Pipeline) { p.FCall("f", []string{"a", "b"}, "x") }, "FCALL f 2 a b x"},
		{func(p *Pipeline) { p.FCall("f", nil) }, "FCALL f 0"},
		{func(p *Pipeline) { p.FCallRO("f", []string{"a"}, 1) }, "FCALL_RO f 1 a 1"},
		{func(p *Pipeline) { p.FCallRo("f", nil, "x") }, "FCALL_RO f 0 x"},
		{func(p *Pipeline) { p.FunctionLoad("code") }, "FUNCTION LOAD code"},
		{func(p *Pipeline) { p.FunctionLoadReplace("code") }, "FUNCTION LOAD REPLACE code"},
		{func(p *Pipeline) { p.FunctionDelete("lib") }, "FUNCTION DELETE lib"},
		{func(p *Pipeline) { p.FunctionFlush() }, "FUNCTION FLUSH"},
		{func(p *Pipeline) { p.FunctionFlushAsync() }, "FUNCTION FLUSH ASYNC"},
		{func(p *Pipeline) { p.FunctionKill() }, "FUNCTION KILL"},
		{func(p *Pipeline) { p.FunctionList(FunctionListQuery{}) }, "FUNCTION LIST"},
		{func(p *Pipeline) { p.FunctionList(FunctionListQuery{LibraryNamePattern: "l*"}) }, "FUNCTION LIST LIBRARYNAME l*"},
		{func(p *Pipeline) { p.FunctionList(FunctionListQuery{WithCode: true}) }, "FUNCTION LIST WITHCODE"},
		{func(p *Pipeline) { p.FunctionList(FunctionListQuery{LibraryNamePattern: "x", WithCode: true}) },
			"FUNCTION LIST LIBRARYNAME x WITHCODE"},
		{func(p *Pipeline) { p.FunctionDump() }, "FUNCTION DUMP"},
		{func(p *Pipeline) { p.FunctionRestore("payload") }, "FUNCTION RESTORE payload"},
		{func(p *Pipeline) { p.FunctionStats() }, "FUNCTION STATS"},
		{func(p *Pipeline) { p.Publish("ch", "m") }, "PUBLISH ch m"},
		{func(p *Pipeline) { p.Publish("ch", 42) }, "PUBLISH ch 42"},
		{func(p *Pipeline) { p.SPublish("ch", []byte("m")) }, "SPUBLISH ch m"},
		{func(p *Pipeline) { p.PubSubChannels("*") }, "PUBSUB CHANNELS"},
		{func(p *Pipeline) { p.PubSubChannels("") }, "PUBSUB CHANNELS"},
		{func(p *Pipeline) { p.PubSubChannels("news.*") }, "PUBSUB CHANNELS news.*"},
		{func(p *Pipeline) { p.PubSubNumSub() }, "PUBSUB NUMSUB"},
		{func(p *Pipeline) { p.PubSubNumSub("a", "b") }, "PUBSUB NUMSUB a b"},
		{func(p *Pipeline) { p.PubSubNumPat() }, "PUBSUB NUMPAT"},
		{func(p *Pipeline) { p.PubSubShardChannels("*") }, "PUBSUB SHARDCHANNELS"},
		{func(p *Pipeline) { p.PubSubShardChannels("s?") }, "PUBSUB SHARDCHANNELS s?"},
		{func(p *Pipeline) { p.PubSubShardNumSub("a") }, "PUBSUB SHARDNUMSUB a"},
	}
	checkArguments(t, cases)
}

// Impossible options and values that cannot be encoded fail their own
// future with ErrInvalidValue, naming the command, and nothing is sent.
func TestBitScriptCommandsRejectBadValues(t *testing.T) {
	cases := []struct {
		queue func(p *Pipeline)
		want  string
	}{
		{func(p *Pipeline) { p.BitCount("k", &BitCount{Start: 0, End: 1, Unit: "WORD"}) }, `BITCOUNT: redpipe: invalid value: unit "WORD" is neither BYTE nor BIT`},
		{func(p *Pipeline) { p.BitPos("k", 1, 1, 2, 3) }, "BITPOS: redpipe: invalid value: 3 positions, at most start and end"},
		{func(p *Pipeline) { p.BitFieldRO("k", "u8") }, "BITFIELD_RO: redpipe: invalid value: 1 values, not encoding and offset pairs"},
		{func(p *Pipeline) { p.BitField("k", "GET", nil, 0) }, "BITFIELD argument 3: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.BitFieldRO("k", "u8", struct{}{}) }, "BITFIELD_RO argument 4: redpipe: invalid value: struct"},
		{func(p *Pipeline) { p.Eval("s", nil, map[string]int{"a": 1}) }, "EVAL argument"},
		{func(p *Pipeline) { p.FCall("f", []string{"k"}, nil) }, "FCALL argument 4: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.Publish("ch", nil) }, "PUBLISH argument 2: redpipe: invalid value: nil"},
		{func(p *Pipeline) { p.SPublish("ch", struct{}{}) }, "SPUBLISH argument 2: redpipe: invalid value: struct"},
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
