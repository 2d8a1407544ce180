package domain

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

func bulks(ss []string) []ports.Reply {
	out := make([]ports.Reply, len(ss))
	for i, s := range ss {
		out[i] = b(s)
	}
	return out
}

// redisScore writes a score as Redis 7.0 does over RESP2 ("%.17g", inf
// and -inf), not as the shortest text, so the decoders see the digits a
// server really sends.
func redisScore(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', 17, 64)
}

// FuzzDecodeRoundTrip builds replies from Go values in the shapes Redis
// sends them, RESP2 and RESP3, and checks that each decoder gives back
// exactly those values, and that Lift turns each RESP2 shape into the
// RESP3 one. words is split on NUL into members, fields and keys.
func FuzzDecodeRoundTrip(f *testing.F) {
	f.Add([]byte("a\x00b c\x00\x00\xff\r\n"), int64(0), 1.5, uint64(0))
	f.Add([]byte("f\x00v\x00f\x00w"), int64(-2), math.Inf(-1), uint64(math.MaxUint64))
	f.Add([]byte(""), int64(math.MaxInt64), 0.1, uint64(17))
	f.Add([]byte("only"), int64(10_000_000_000), math.Copysign(0, -1), uint64(1))
	f.Add([]byte("x\x00y"), int64(-1), math.NaN(), uint64(2))
	f.Add([]byte("1\x002.5\x00inf"), int64(math.MinInt64), math.MaxFloat64, uint64(3))
	f.Fuzz(func(t *testing.T, words []byte, n int64, x float64, cursor uint64) {
		ws := []string{}
		if len(words) > 0 {
			for _, w := range bytes.Split(words, []byte{0}) {
				ws = append(ws, string(w))
			}
		}
		exact := func(what string, got, want any, err error) {
			t.Helper()
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s = %#v, %v; want %#v", what, got, err, want)
			}
		}

		// Scalars.
		got, err := Int64(b(strconv.FormatInt(n, 10)))
		exact("Int64(bulk n)", got, n, err)
		got, err = Int64(i64(n))
		exact("Int64(integer n)", got, n, err)
		if s, err := String(i64(n)); err != nil || s != strconv.FormatInt(n, 10) {
			t.Fatalf("String(integer %d) = %q, %v", n, s, err)
		}
		if float64(n) == float64(int64(float64(n))) && math.Abs(float64(n)) < 1<<53 {
			got, err = Int64(dbl(float64(n)))
			exact("Int64(double n)", got, n, err)
		}
		for _, s := range []string{FormatFloat(x), redisScore(x)} {
			back, err := Float64(b(s))
			if err != nil || !sameFloat(back, x) && !math.IsNaN(x) {
				t.Fatalf("Float64(bulk %q) = %v, %v; want %v", s, back, err, x)
			}
		}
		if back, err := Float64(dbl(x)); err != nil || !sameFloat(back, x) {
			t.Fatalf("Float64(double %v) = %v, %v", x, back, err)
		}
		for _, unit := range []time.Duration{time.Second, time.Millisecond} {
			d, err := Duration(unit)(i64(n))
			switch {
			case n == -1 || n == -2:
				exact("Duration(-1 or -2)", d, time.Duration(n), err)
			case n > math.MaxInt64/int64(unit) || n < math.MinInt64/int64(unit):
				if !errors.Is(err, ErrUnexpectedReply) {
					t.Fatalf("Duration(%v)(%d) = %v, %v; want ErrUnexpectedReply (no time.Duration holds it)", unit, n, d, err)
				}
			default:
				exact(fmt.Sprintf("Duration(%v)(%d)", unit, n), d, time.Duration(n)*unit, err)
			}
		}

		// Arrays of strings, and their nil elements.
		strs, err := Strings(arr(bulks(ws)...))
		exact("Strings(array)", strs, ws, err)
		strs, err = Strings(set(bulks(ws)...))
		exact("Strings(set)", strs, ws, err)
		withNils := append(bulks(ws), nul)
		strs, err = Strings(arr(withNils...))
		exact("Strings(array with a nil)", strs, append(append([]string{}, ws...), ""), err)
		vals, err := Values(arr(withNils...))
		wantVals := make([]any, 0, len(ws)+1)
		for _, w := range ws {
			wantVals = append(wantVals, w)
		}
		exact("Values", vals, append(wantVals, nil), err)
		anyArr, err := Any(arr(bulks(ws)...))
		exact("Any(array)", anyArr, wantVals, err)

		// Scan pages.
		page, err := Scan(arr(b(strconv.FormatUint(cursor, 10)), arr(bulks(ws)...)))
		exact("Scan", page, ScanResult{Keys: ws, Cursor: cursor}, err)

		// Fields and values: a map (the last of repeated fields wins) and
		// the pairs in order, from the flat RESP2 array, the RESP3 map and
		// RESP3's [field, value] pairs.
		pairCount := len(ws) / 2
		m := map[string]string{}
		kvs := []KeyValue{}
		flat := bulks(ws[:2*pairCount])
		var pairReplies []ports.Reply
		for i := range pairCount {
			m[ws[2*i]] = ws[2*i+1]
			kvs = append(kvs, KeyValue{Key: ws[2*i], Value: ws[2*i+1]})
			pairReplies = append(pairReplies, arr(b(ws[2*i]), b(ws[2*i+1])))
		}
		resp2, resp3 := arr(flat...), mp(flat...)
		sm, err := StringMap(resp2)
		exact("StringMap(flat)", sm, m, err)
		sm, err = StringMap(resp3)
		exact("StringMap(map)", sm, m, err)
		kv, err := KeyValueSlice(resp2)
		exact("KeyValueSlice(flat)", kv, kvs, err)
		if pairCount > 0 {
			sm, err = StringMap(arr(pairReplies...))
			exact("StringMap(pairs)", sm, m, err)
			kv, err = KeyValueSlice(arr(pairReplies...))
			exact("KeyValueSlice(pairs)", kv, kvs, err)
		}
		if got := Lift([]string{"HGETALL", "h"}, resp2); !sameReply(got, resp3) {
			t.Fatalf("Lift(HGETALL, %s) = %s; want %s", resp2, got, resp3)
		}
		if pairCount > 0 {
			if got := Lift([]string{"HRANDFIELD", "h", "-5", "WITHVALUES"}, resp2); !sameReply(got, arr(pairReplies...)) {
				t.Fatalf("Lift(HRANDFIELD WITHVALUES, %s) = %s", resp2, got)
			}
		}
		if len(ws) > 0 {
			kvr, err := KeyValuesReply(arr(b(ws[0]), arr(bulks(ws[1:])...)))
			exact("KeyValuesReply", kvr, KeyValues{Key: ws[0], Values: ws[1:]}, err)
		}

		// Members and scores: RESP2 flat with scores as text, RESP3 pairs
		// with doubles. NaN is no score.
		if math.IsNaN(x) {
			return
		}
		zs := make([]Z, len(ws))
		zflat, zpairs := []ports.Reply{}, []ports.Reply{}
		for i, w := range ws {
			score := x * float64(i+1)
			zs[i] = Z{Score: score, Member: w}
			zflat = append(zflat, b(w), b(redisScore(score)))
			zpairs = append(zpairs, arr(b(w), dbl(score)))
		}
		sameZ := func(what string, got []Z, err error) {
			t.Helper()
			if err != nil || len(got) != len(zs) {
				t.Fatalf("%s = %v, %v; want %v", what, got, err, zs)
			}
			for i := range zs {
				if got[i].Member != zs[i].Member || !sameFloat(got[i].Score, zs[i].Score) {
					t.Fatalf("%s = %v; want %v", what, got, zs)
				}
			}
		}
		z2, err := ZSlice(arr(zflat...))
		sameZ("ZSlice(flat)", z2, err)
		z3, err := ZSlice(arr(zpairs...))
		sameZ("ZSlice(pairs)", z3, err)
		for _, cmd := range [][]string{
			{"ZRANGE", "z", "0", "-1", "WITHSCORES"}, {"ZUNION", "2", "a", "b", "withscores"}, {"ZPOPMAX", "z", "3"},
		} {
			if got := Lift(cmd, arr(zflat...)); len(zs) > 0 && !sameReply(got, arr(zpairs...)) {
				t.Fatalf("Lift(%q, %s) = %s; want %s", cmd, arr(zflat...), got, arr(zpairs...))
			}
		}
		zk, err := ZSliceWithKeyReply(arr(b("key"), arr(zpairs...)))
		if err != nil || zk.Key != "key" {
			t.Fatalf("ZSliceWithKeyReply = %v, %v", zk, err)
		}
		sameZ("ZSliceWithKeyReply", zk.Members, nil)
		if len(ws) > 0 {
			bz := arr(b("key"), b(ws[0]), b(redisScore(x)))
			zwk, err := ZWithKeyReply(bz)
			if err != nil || zwk.Key != "key" || zwk.Member != ws[0] || !sameFloat(zwk.Score, x) {
				t.Fatalf("ZWithKeyReply(%s) = %v, %v", bz, zwk, err)
			}
			if got := Lift([]string{"BZPOPMIN", "key", "0"}, bz); !sameReply(got, arr(b("key"), b(ws[0]), dbl(x))) {
				t.Fatalf("Lift(BZPOPMIN, %s) = %s", bz, got)
			}
		}
		rs, err := RankScoreReply(arr(i64(n), b(redisScore(x))))
		if err != nil || rs.Rank != n || !sameFloat(rs.Score, x) {
			t.Fatalf("RankScoreReply = %v, %v; want %d, %v", rs, err, n, x)
		}
		scores, err := Float64sOrZero(arr(b(redisScore(x)), nul))
		if err != nil || len(scores) != 2 || !sameFloat(scores[0], x) || scores[1] != 0 {
			t.Fatalf("Float64sOrZero = %v, %v", scores, err)
		}

		// LCS ... IDX, flat (RESP2) and as a map (RESP3).
		idx := []ports.Reply{b("matches"), arr(arr(arr(i64(n), i64(n+1)), arr(i64(0), i64(1)), i64(2))), b("len"), i64(n)}
		want := LCSMatch{Len: n, Matches: []LCSMatchedPosition{{Key1: LCSPosition{n, n + 1}, Key2: LCSPosition{0, 1}, MatchLen: 2}}}
		for _, r := range []ports.Reply{arr(idx...), mp(idx...)} {
			lcs, err := LCS(r)
			exact("LCS", lcs, want, err)
		}
	})
}
