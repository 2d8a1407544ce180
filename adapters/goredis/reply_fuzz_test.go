package goredis

import (
	"math"
	"math/big"
	"testing"

	"github.com/redpipe-go/redpipe/conformance/backendtest"
	"github.com/redpipe-go/redpipe/ports"
)

// replyError stands for go-redis's error replies inside aggregates: its
// concrete type (proto.RedisError) is internal, but toReply matches the
// exported redis.Error interface, which this satisfies.
type replyError string

func (e replyError) Error() string { return string(e) }
func (replyError) RedisError()     {}

type fuzzBytes struct{ data []byte }

func (b *fuzzBytes) byte() byte {
	if len(b.data) == 0 {
		return 0
	}
	c := b.data[0]
	b.data = b.data[1:]
	return c
}

func (b *fuzzBytes) pick(n int) int { return int(b.byte()) % n }

var (
	valueStrings = []string{"", "OK", "a\x00b\r\n\xff", "f", "v", "1", "nan"}
	valueInts    = []int64{0, 1, -1, math.MaxInt64, math.MinInt64}
	valueFloats  = []float64{0, math.Copysign(0, -1), 1.5, math.Inf(1), math.Inf(-1), math.NaN(), math.NaN()}
)

// entry is one key/value of a generated map: the Go key, and the replies
// key and value must become.
type entry struct {
	goKey    any
	key, val ports.Reply
}

// value generates one value of the types go-redis's ReadReply produces,
// with the reply toReply must make of it (a map's pairs in the order they
// were generated: any order will do). The expected pairs come from the
// generator's own bookkeeping, never from reading the map back. ambiguous
// is set when a map holds two keys that order equally (NaN keys, equal
// big numbers), whose order in the reply no sort can fix.
func (b *fuzzBytes) value(depth int, scalar bool, ambiguous *bool) (any, ports.Reply) {
	kinds := 9
	if scalar || depth >= 4 {
		kinds = 6
	}
	switch b.pick(kinds) {
	case 0:
		s := valueStrings[b.pick(len(valueStrings))]
		return s, ports.BulkReply(s)
	case 1:
		n := valueInts[b.pick(len(valueInts))]
		return n, ports.IntReply(n)
	case 2:
		f := valueFloats[b.pick(len(valueFloats))]
		return f, ports.DoubleReply(f)
	case 3:
		v := b.byte()&1 == 1
		return v, ports.BoolReply(v)
	case 4:
		n := new(big.Int).Lsh(big.NewInt(int64(b.pick(3))-1), 100)
		return n, ports.BigNumberReply(n.String())
	case 5:
		if scalar {
			return "k", ports.BulkReply("k")
		}
		return nil, ports.NilReply()
	case 6:
		return replyError("ERR inside"), ports.ErrorReply(ports.NewRedisError("ERR inside"))
	case 7:
		n := b.pick(5)
		vs, rs := make([]any, n), make([]ports.Reply, n)
		for i := range n {
			vs[i], rs[i] = b.value(depth+1, false, ambiguous)
		}
		return vs, ports.ArrayReply(rs)
	}
	m := map[any]any{}
	var entries []entry
	for range b.pick(5) {
		k, kr := b.value(depth+1, true, ambiguous)
		v, vr := b.value(depth+1, false, ambiguous)
		// Go's map decides which keys are the same (0 and -0 are; NaNs
		// and distinct *big.Int are not); the runtime stores the later
		// key too (a float key's sign), not only its value.
		replaced := false
		for i, e := range entries {
			switch {
			case e.goKey == k:
				entries[i] = entry{k, kr, vr}
				replaced = true
			case compareKeys(e.goKey, k) == 0:
				*ambiguous = true
			}
		}
		if !replaced {
			entries = append(entries, entry{k, kr, vr})
		}
		m[k] = v
	}
	var kvs []ports.Reply
	for _, e := range entries {
		kvs = append(kvs, e.key, e.val)
	}
	return m, ports.MapReply(kvs)
}

// sameReply: the replies are identical (a NaN equals a NaN).
var sameReply = backendtest.SameReply

// equivalent is sameReply, except that a map's pairs may come in any
// order (each exactly once).
func equivalent(got, want ports.Reply) bool {
	if got.Kind != ports.KindMap || want.Kind != ports.KindMap {
		if got.Kind != want.Kind || len(got.Elems) != len(want.Elems) {
			return false
		}
		if got.Elems == nil && want.Elems == nil {
			return sameReply(got, want)
		}
		for i := range got.Elems {
			if !equivalent(got.Elems[i], want.Elems[i]) {
				return false
			}
		}
		return true
	}
	if len(got.Elems) != len(want.Elems) {
		return false
	}
	used := make([]bool, len(want.Elems)/2)
pairs:
	for i := 0; i+1 < len(got.Elems); i += 2 {
		for j := range used {
			if !used[j] && equivalent(got.Elems[i], want.Elems[2*j]) && equivalent(got.Elems[i+1], want.Elems[2*j+1]) {
				used[j] = true
				continue pairs
			}
		}
		return false
	}
	return true
}

// FuzzToReply converts generated go-redis reply values: no panic, every
// scalar kept exactly, every pair of a map kept (NaN keys included), and
// the same value always converted to the same reply, map order included.
func FuzzToReply(f *testing.F) {
	// The bytes pick kinds as value reads them: 8 a map, 7 an array, then
	// a count, then each element's kind and value.
	f.Add([]byte{})
	f.Add([]byte{8, 2, 2, 5, 0, 1})                               // {NaN: "OK", "": ""}
	f.Add([]byte{8, 1, 2, 5, 1, 1})                               // {NaN: 1}
	f.Add([]byte{7, 3, 6, 4, 1, 8, 3, 0, 0, 1, 1, 3, 1, 2, 3})    // [error, big number, {...}]
	f.Add([]byte{8, 4, 4, 0, 0, 1, 4, 2, 1, 0, 3, 0, 2, 3, 7, 1}) // big number keys
	f.Fuzz(func(t *testing.T, data []byte) {
		ambiguous := false
		v, want := (&fuzzBytes{data}).value(0, false, &ambiguous)
		got := toReply(v)
		if !equivalent(got, want) {
			t.Fatalf("toReply(%#v) = %s, want %s", v, got, want)
		}
		if again := toReply(v); !ambiguous && !sameReply(again, got) {
			t.Fatalf("toReply(%#v) gave %s, then %s", v, got, again)
		}
	})
}
