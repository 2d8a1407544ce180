package domain

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sharedPositionsIntact reports whether the position tables Describe hands
// out slices of still hold what they were built with: a caller (or
// Describe itself) appending into one would change every later command's keys.
func sharedPositionsIntact() bool {
	for i, p := range positions {
		if p != i {
			return false
		}
	}
	for i := range oddPositions {
		if oddPositions[i] != 2*i+1 || evenPositions[i] != 2*i+2 {
			return false
		}
	}
	return slices.Equal(FirstKey, []int{1})
}

// FuzzDescribe describes arbitrary argument lists (the command line split
// on spaces) and checks that key positions are argument positions after
// the name, strictly increasing, the same on every call, that the shared
// tables are never written, and that a numkeys command's keys are the
// arguments its count covers, however large the count. Blocks must not
// panic either.
func FuzzDescribe(f *testing.F) {
	for _, cmd := range []string{
		"GET k", "MSET a 1 b 2 c", "MSETEX 2 a 1 b 2 EX 10", "EVAL s 2 k1 k2 a", "EVAL s 5 k1",
		"EVALSHA s -1 k", "ZINTER 2 a b WITHSCORES", "ZUNIONSTORE d 2 a b", "ZUNIONSTORE d", "BLMPOP 0 2 a b LEFT",
		"XREAD COUNT 1 BLOCK 0 STREAMS a b 0 0", "XREADGROUP GROUP g streams STREAMS a >", "XREAD STREAMS",
		"SORT k BY x LIMIT 0 1 GET # STORE d", "SORT k STORE", "GEORADIUS g 1 2 3 km STORE a STOREDIST b",
		"GEORADIUSBYMEMBER g m 3 km COUNT 1 STORE", `MIGRATE h 1  0 10 AUTH2 u p KEYS a b`, "MIGRATE h 1 k 0 10",
		"SCAN 0 MATCH {u1}:* COUNT 10", "SCAN 0 MATCH {*}x", "KEYS {a}b*", "OBJECT ENCODING k", "XINFO STREAM s",
		"BITOP AND d a b", "COPY a b DB 1", "BLPOP a b 0", "LMPOP 9223372036854775807 a LEFT",
		"EVAL s 9223372036854775806 k", "MSETEX 4611686018427387904 a 1", "", " ", "NOSUCHCMD a",
	} {
		f.Add(cmd)
	}
	f.Fuzz(func(t *testing.T, cmd string) {
		args := strings.Split(cmd, " ")
		Blocks(args)
		keys, ro := Describe(args)
		again, ro2 := Describe(args)
		if !slices.Equal(keys, again) || ro != ro2 {
			t.Fatalf("Describe(%q) = %v, %v, then %v, %v", args, keys, ro, again, ro2)
		}
		for i, k := range keys {
			if k < 1 || k >= len(args) || i > 0 && k <= keys[i-1] {
				t.Fatalf("Describe(%q) keys %v: not increasing positions within 1..%d", args, keys, len(args)-1)
			}
		}
		if !sharedPositionsIntact() {
			t.Fatalf("Describe(%q) wrote into the shared position tables", args)
		}

		info, ok := lookupCommand(args[0])
		if !ok || info.sub != nil {
			return
		}
		at, first := 0, 0 // position of the count; of a destination key before it
		switch info.keys {
		case keyNumkeys1:
			at = 1
		case keyNumkeys2:
			at = 2
		case keyDestNumkeys:
			at, first = 2, 1
		default:
			return
		}
		if at >= len(args) {
			return
		}
		n, err := strconv.Atoi(args[at])
		if err != nil || n < 0 {
			n = 0
		}
		var want []int
		if first > 0 {
			want = append(want, first)
		}
		for p := at + 1; p < len(args) && p-at <= n; p++ {
			want = append(want, p)
		}
		if !slices.Equal(keys, want) {
			t.Fatalf("Describe(%q) = %v; a count of %s covers the keys %v", args, keys, args[at], want)
		}
	})
}
