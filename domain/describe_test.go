package domain

import (
	"reflect"
	"strings"
	"testing"
)

func TestDescribeKeyPositions(t *testing.T) {
	cases := []struct {
		cmd      string
		keys     []int
		readOnly bool
	}{
		// first key
		{"GET k", []int{1}, true},
		{"get k", []int{1}, true},
		{"gEt k", []int{1}, true},
		{"SET k v EX 10 NX GET", []int{1}, false},
		{"HGETALL k", []int{1}, true},
		{"ZADD k NX 1 a", []int{1}, false},
		{"GET", nil, true},
		// unknown: first argument, not read-only
		{"NOSUCHCMD a b", []int{1}, false},
		{"NOSUCHCMD", nil, false},
		{"AVERYLONGCOMMANDNAMETHATISLONGERTHANTHEBUFFER a", []int{1}, false},
		// keyless
		{"PING", nil, false},
		{"ECHO m", nil, false},
		{"INFO server", nil, false},
		{"CONFIG GET maxmemory", nil, false},
		{"CLIENT LIST", nil, false},
		{"DBSIZE", nil, true},
		{"FLUSHDB", nil, false},
		{"FLUSHALL ASYNC", nil, false},
		{"SCRIPT LOAD s", nil, false},
		{"FUNCTION LIST", nil, false},
		{"TIME", nil, false},
		{"RANDOMKEY", nil, true},
		{"CLUSTER SLOTS", nil, false},
		{"COMMAND INFO get", nil, false},
		{"HELLO 3", nil, false},
		{"MULTI", nil, false},
		{"EXEC", nil, false},
		{"DISCARD", nil, false},
		{"UNWATCH", nil, false},
		{"PUBLISH ch m", nil, false},
		{"WAIT 1 0", nil, false},
		{"DEBUG SLEEP 0", nil, false},
		{"SCAN 0", nil, true},
		{"SCAN 0 MATCH user:* COUNT 10", nil, true},
		{"KEYS user:*", nil, true},
		// hash-tagged patterns route to the tag's slot
		{"SCAN 0 MATCH {user1}:* COUNT 10 TYPE string", []int{3}, true},
		{"SCAN 0 COUNT 10 MATCH {user1}:*", []int{5}, true},
		{"SCAN 0 MATCH *{user1}:*", nil, true},
		{"SCAN 0 MATCH {us*}:*", nil, true},
		{"SCAN 0 MATCH {}:*", nil, true},
		{"KEYS {user1}:*", []int{1}, true},
		// all arguments
		{"MGET a b c", []int{1, 2, 3}, true},
		{"DEL a b c", []int{1, 2, 3}, false},
		{"EXISTS a b", []int{1, 2}, true},
		{"UNLINK a", []int{1}, false},
		{"TOUCH a b", []int{1, 2}, true},
		{"SINTER a b", []int{1, 2}, true},
		{"SUNION a b", []int{1, 2}, true},
		{"SDIFF a b", []int{1, 2}, true},
		{"SDIFFSTORE d a b", []int{1, 2, 3}, false},
		{"PFCOUNT a b", []int{1, 2}, true},
		{"PFMERGE d a b", []int{1, 2, 3}, false},
		{"WATCH a b", []int{1, 2}, false},
		// every other
		{"MSET a 1 b 2 c 3", []int{1, 3, 5}, false},
		{"MSETNX a 1 b 2", []int{1, 3}, false},
		{"MSETEX 2 a 1 b 2 EX 10", []int{2, 4}, false},
		// dest + numkeys
		{"ZUNIONSTORE d 2 a b WEIGHTS 1 2", []int{1, 3, 4}, false},
		{"ZINTERSTORE d 3 a b c", []int{1, 3, 4, 5}, false},
		{"ZDIFFSTORE d 1 a", []int{1, 3}, false},
		// numkeys first
		{"ZINTER 2 a b WITHSCORES", []int{2, 3}, true},
		{"ZUNION 3 a b c", []int{2, 3, 4}, true},
		{"ZDIFF 1 a", []int{2}, true},
		{"LMPOP 2 a b LEFT COUNT 2", []int{2, 3}, false},
		{"ZMPOP 1 a MIN", []int{2}, false},
		{"SINTERCARD 2 a b LIMIT 1", []int{2, 3}, true},
		{"ZINTERCARD 2 a b", []int{2, 3}, true},
		{"ZINTER 5 a b", []int{2, 3}, true}, // numkeys larger than the arguments
		{"ZINTER x a b", nil, true},         // not a number
		{"BLMPOP 0 2 a b LEFT", []int{3, 4}, false},
		{"BZMPOP 0.5 1 a MAX COUNT 2", []int{3}, false},
		// scripting
		{"EVAL s 2 a b x", []int{3, 4}, false},
		{"EVAL s 0 x", nil, false},
		{"EVALSHA h 1 a x", []int{3}, false},
		{"EVAL_RO s 1 a", []int{3}, true},
		{"EVALSHA_RO h 1 a", []int{3}, true},
		{"FCALL f 2 a b", []int{3, 4}, false},
		{"FCALL_RO f 1 a", []int{3}, true},
		// BITOP
		{"BITOP AND d a b", []int{2, 3, 4}, false},
		// two keys
		{"RENAME a b", []int{1, 2}, false},
		{"RENAMENX a b", []int{1, 2}, false},
		{"COPY a b DB 0 REPLACE", []int{1, 2}, false},
		{"LMOVE a b LEFT RIGHT", []int{1, 2}, false},
		{"BLMOVE a b LEFT RIGHT 0", []int{1, 2}, false},
		{"LMOVEM a b LEFT RIGHT COUNT 2 BULK", []int{1, 2}, false},
		{"BLMOVEM a b LEFT RIGHT 0", []int{1, 2}, false},
		{"RPOPLPUSH a b", []int{1, 2}, false},
		{"BRPOPLPUSH a b 0", []int{1, 2}, false},
		{"SMOVE a b m", []int{1, 2}, false},
		{"LCS a b IDX", []int{1, 2}, true},
		{"ZRANGESTORE d s 0 -1", []int{1, 2}, false},
		{"GEOSEARCHSTORE d s FROMMEMBER m BYRADIUS 1 km", []int{1, 2}, false},
		// all but last
		{"BLPOP a b 0", []int{1, 2}, false},
		{"BRPOP a 1.5", []int{1}, false},
		{"BZPOPMIN a b 0", []int{1, 2}, false},
		{"BZPOPMAX a 0", []int{1}, false},
		// streams
		{"XREAD COUNT 1 BLOCK 0 STREAMS a b 0 0", []int{6, 7}, true},
		{"XREAD STREAMS a 0", []int{2}, true},
		{"xread streams a b 0-0 $", []int{2, 3}, true},
		{"XREADGROUP GROUP g c STREAMS a >", []int{5}, false},
		{"XREADGROUP GROUP streams streams COUNT 1 NOACK STREAMS a b > >", []int{8, 9}, false},
		{"XADD s * f v", []int{1}, false},
		// key at 2
		{"OBJECT ENCODING k", []int{2}, true},
		{"object freq k", []int{2}, true},
		{"OBJECT HELP", nil, false},
		{"HIMPORT SET k fs v", []int{2}, false},
		{"HIMPORT PREPARE fs a b", nil, false},
		{"himport discardall", nil, false},
		// numkeys, Redis 8.8
		{"SDIFFCARD 2 a b LIMIT 0", []int{2, 3}, true},
		{"SUNIONCARD 1 a APPROX LIMIT 5", []int{2}, true},
		// arrays, Redis 8.8
		{"ARSET a 0 x y", []int{1}, false},
		{"AROP a 0 9 SUM", []int{1}, true},
		{"ARGREP a - + EXACT x WITHVALUES", []int{1}, true},
		{"MEMORY USAGE k SAMPLES 5", []int{2}, true},
		{"MEMORY STATS", nil, false},
		{"XINFO STREAM s FULL", []int{2}, true},
		{"XINFO GROUPS s", []int{2}, true},
		{"XINFO CONSUMERS s g", []int{2}, true},
		{"XGROUP CREATE s g $ MKSTREAM", []int{2}, false},
		{"XGROUP HELP", nil, false},
		{"OBJECT", nil, false},
		// SORT
		{"SORT k", []int{1}, false},
		{"SORT k BY w_* LIMIT 0 10 GET store DESC ALPHA STORE d", []int{1, 12}, false},
		{"SORT_RO k BY w_* ALPHA", []int{1}, true},
		// GEORADIUS store
		{"GEORADIUS k 15 37 200 km WITHDIST", []int{1}, false},
		{"GEORADIUS k 15 37 200 km STORE d", []int{1, 7}, false},
		{"GEORADIUS k 15 37 200 km COUNT 1 STORE d STOREDIST e", []int{1, 9, 11}, false},
		{"GEORADIUSBYMEMBER k store 200 km STOREDIST d", []int{1, 6}, false},
		{"GEORADIUS_RO k 15 37 200 km", []int{1}, true},
		{"GEOSEARCH k FROMMEMBER m BYRADIUS 1 km", []int{1}, true},
		// MIGRATE
		{"MIGRATE h 6379 k 0 100", []int{3}, false},
	}
	for _, c := range cases {
		args := strings.Fields(c.cmd)
		keys, ro := Describe(args)
		if len(keys) == 0 {
			keys = nil
		}
		if !reflect.DeepEqual(keys, c.keys) || ro != c.readOnly {
			t.Errorf("Describe(%q) = %v, %v; want %v, %v", c.cmd, keys, ro, c.keys, c.readOnly)
		}
	}
}

func TestDescribeMigrateKeys(t *testing.T) {
	args := []string{"MIGRATE", "h", "6379", "", "0", "100", "COPY", "AUTH2", "u", "p", "KEYS", "a", "b"}
	keys, ro := Describe(args)
	if !reflect.DeepEqual(keys, []int{11, 12}) || ro {
		t.Fatalf("Describe(MIGRATE ... KEYS a b) = %v, %v", keys, ro)
	}
}

func TestDescribeDoesNotAllocate(t *testing.T) {
	for _, cmd := range []string{"get k", "HSET k f v", "MGET a b c", "MSET a 1 b 2", "zinter 2 a b", "EVAL s 1 k"} {
		args := strings.Fields(cmd)
		if n := testing.AllocsPerRun(100, func() { Describe(args) }); n != 0 {
			t.Errorf("Describe(%q) allocates %v times", cmd, n)
		}
	}
}

func TestDescribeSharedPositionsAreCapped(t *testing.T) {
	keys, _ := Describe([]string{"MSET", "a", "1", "b", "2"})
	if cap(keys) != len(keys) {
		t.Fatalf("cap %d > len %d: an append could overwrite the shared table", cap(keys), len(keys))
	}
	keys, _ = Describe([]string{"DEL", "a", "b"})
	if cap(keys) != len(keys) {
		t.Fatalf("cap %d > len %d", cap(keys), len(keys))
	}
}

func BenchmarkDescribe(b *testing.B) {
	args := []string{"hgetall", "user:1"}
	b.ReportAllocs()
	for b.Loop() {
		Describe(args)
	}
}

func TestCheckDescribed(t *testing.T) {
	cases := []struct {
		args     []string
		keys     []int
		readOnly bool
		want     string
	}{
		{[]string{"GET", "k"}, []int{1}, true, ""},
		{[]string{"PING"}, []int{}, false, ""}, // PING has no readonly flag in COMMAND INFO
		{[]string{"GET", "k"}, []int{1}, false, `["GET" "k"]: keys [1] read-only false; Describe says [1], true`},
		{[]string{"MSET", "a", "1", "b", "2"}, []int{1}, false, `["MSET" "a" "1" "b" "2"]: keys [1] read-only false; Describe says [1 3], false`},
		{[]string{"GET", "k"}, []int{2}, true, `["GET" "k"]: key position 2 out of range`},
	}
	for _, c := range cases {
		err := CheckDescribed(c.args, c.keys, c.readOnly)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("CheckDescribed(%q, %v, %v) = %q, want %q", c.args, c.keys, c.readOnly, got, c.want)
		}
	}
}
