package redpipe

// Arrays (Redis 8.8+): ARSet ARGet ARGetRange ARMGet ARMSet ARInsert ARDel
// ARDelRange ARLen ARCount ARNext ARSeek ARInfo ARInfoFull ARScan AROpSum
// AROpMin AROpMax AROpAnd AROpOr AROpXor AROpMatch AROpUsed ARGrep
// ARGrepWithValues ARRing ARLastItems — argument structs ARRange,
// ARScanArgs, ARGrepArgs and ARGrepPredicate beside them. Indexes are
// uint64, as Redis arrays span [0, 2^64-1).

import (
	"fmt"

	"github.com/redpipe-go/redpipe/domain"
)

// AREntry is an array slot's index and value; see package domain.
type AREntry = domain.AREntry

// ARRange is one range of ARDelRange, both ends included.
type ARRange struct {
	Start uint64
	End   uint64
}

// ARScanArgs are ARSCAN's options.
type ARScanArgs struct {
	// Limit caps the number of entries (0: no limit).
	Limit uint64
}

// ARGrepPredicateType is how an ARGREP predicate matches a value.
type ARGrepPredicateType string

// ARGREP's predicate types.
const (
	ARGrepExact ARGrepPredicateType = "EXACT"
	ARGrepMatch ARGrepPredicateType = "MATCH"
	ARGrepGlob  ARGrepPredicateType = "GLOB"
	ARGrepRegex ARGrepPredicateType = "RE"
)

// ARGrepPredicate is one ARGREP test: a type and its operand.
type ARGrepPredicate struct {
	Type  ARGrepPredicateType
	Value string
}

// ARGrepArgs are ARGREP's predicates and options. Several predicates are
// ORed unless CombineAnd.
type ARGrepArgs struct {
	Predicates []ARGrepPredicate
	CombineAnd bool
	// Limit caps the number of matches (0: no limit).
	Limit  uint64
	NoCase bool
}

func utoas(ns []uint64) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = utoa(n)
	}
	return out
}

// ARSet queues ARSET key index values...: the values in consecutive slots
// from index; gives how many slots were empty before.
func (p *Pipeline) ARSet(key string, index uint64, values ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "ARSET", key).Str(utoa(index)).Str(values...))
}

// ARGet queues ARGET key index. A missing key or empty slot gives ErrNil.
func (p *Pipeline) ARGet(key string, index uint64) *Future[string] {
	return queueKey(p, domain.String, true, "ARGET", key, utoa(index))
}

// ARGetRange queues ARGETRANGE key start end: the values, nil for an empty slot.
func (p *Pipeline) ARGetRange(key string, start, end uint64) *Future[[]any] {
	return queueKey(p, domain.Values, true, "ARGETRANGE", key, utoa(start), utoa(end))
}

// ARMGet queues ARMGET key indexes...: the values, nil for an empty slot.
func (p *Pipeline) ARMGet(key string, indexes ...uint64) *Future[[]any] {
	return queueBuilt(p, domain.Values, domain.KeyCmd(true, "ARMGET", key).Str(utoas(indexes)...))
}

// ARMSet queues ARMSET key index value [index value ...]: how many slots
// were empty before.
func (p *Pipeline) ARMSet(key string, members ...AREntry) *Future[int64] {
	b := domain.KeyCmd(false, "ARMSET", key)
	for _, m := range members {
		b.Str(utoa(m.Index), m.Value)
	}
	return queueBuilt(p, domain.Int64, b)
}

// ARInsert queues ARINSERT key values...: the values at the insertion
// cursor, one slot each; gives the last index written.
func (p *Pipeline) ARInsert(key string, values ...string) *Future[uint64] {
	return queueBuilt(p, domain.Uint64, domain.KeyCmd(false, "ARINSERT", key).Str(values...))
}

// ARDel queues ARDEL key indexes...: how many slots were emptied.
func (p *Pipeline) ARDel(key string, indexes ...uint64) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "ARDEL", key).Str(utoas(indexes)...))
}

// ARDelRange queues ARDELRANGE key start end [start end ...]: how many
// slots were emptied.
func (p *Pipeline) ARDelRange(key string, ranges ...ARRange) *Future[uint64] {
	b := domain.KeyCmd(false, "ARDELRANGE", key)
	for _, r := range ranges {
		b.Str(utoa(r.Start), utoa(r.End))
	}
	return queueBuilt(p, domain.Uint64, b)
}

// ARLen queues ARLEN key: the highest index set plus one (0 for a missing key).
func (p *Pipeline) ARLen(key string) *Future[uint64] {
	return queueKey(p, domain.Uint64, true, "ARLEN", key)
}

// ARCount queues ARCOUNT key: how many slots are set.
func (p *Pipeline) ARCount(key string) *Future[uint64] {
	return queueKey(p, domain.Uint64, true, "ARCOUNT", key)
}

// ARNext queues ARNEXT key: the index ARINSERT would write next; ErrNil
// when the cursor is exhausted.
func (p *Pipeline) ARNext(key string) *Future[uint64] {
	return queueKey(p, domain.Uint64, true, "ARNEXT", key)
}

// ARSeek queues ARSEEK key index: moves the insertion cursor; 1 if set,
// 0 for a missing key.
func (p *Pipeline) ARSeek(key string, index uint64) *Future[int64] {
	return queueKey(p, domain.Int64, false, "ARSEEK", key, utoa(index))
}

// ARInfo queues ARINFO key: the array's metadata.
func (p *Pipeline) ARInfo(key string) *Future[map[string]any] {
	return queueKey(p, domain.AnyMap, true, "ARINFO", key)
}

// ARInfoFull queues ARINFO key FULL: the metadata with slice statistics.
func (p *Pipeline) ARInfoFull(key string) *Future[map[string]any] {
	return queueKey(p, domain.AnyMap, true, "ARINFO", key, "FULL")
}

// ARScan queues ARSCAN key start end [LIMIT n]: the set slots in the
// range, in index order. A nil args is no limit.
func (p *Pipeline) ARScan(key string, start, end uint64, args *ARScanArgs) *Future[[]AREntry] {
	b := domain.KeyCmd(true, "ARSCAN", key).Str(utoa(start), utoa(end))
	if args != nil && args.Limit > 0 {
		b.Str("LIMIT", utoa(args.Limit))
	}
	return queueBuilt(p, domain.AREntries, b)
}

func arop(key string, start, end uint64, op string) *domain.Builder {
	return domain.KeyCmd(true, "AROP", key).Str(utoa(start), utoa(end), op)
}

// AROpSum queues AROP key start end SUM: the sum of the numeric values, as text.
func (p *Pipeline) AROpSum(key string, start, end uint64) *Future[string] {
	return queueBuilt(p, domain.String, arop(key, start, end, "SUM"))
}

// AROpMin queues AROP key start end MIN: the smallest numeric value, as text.
func (p *Pipeline) AROpMin(key string, start, end uint64) *Future[string] {
	return queueBuilt(p, domain.String, arop(key, start, end, "MIN"))
}

// AROpMax queues AROP key start end MAX: the largest numeric value, as text.
func (p *Pipeline) AROpMax(key string, start, end uint64) *Future[string] {
	return queueBuilt(p, domain.String, arop(key, start, end, "MAX"))
}

// AROpAnd queues AROP key start end AND: the bitwise AND of the integers.
func (p *Pipeline) AROpAnd(key string, start, end uint64) *Future[int64] {
	return queueBuilt(p, domain.Int64, arop(key, start, end, "AND"))
}

// AROpOr queues AROP key start end OR: the bitwise OR of the integers.
func (p *Pipeline) AROpOr(key string, start, end uint64) *Future[int64] {
	return queueBuilt(p, domain.Int64, arop(key, start, end, "OR"))
}

// AROpXor queues AROP key start end XOR: the bitwise XOR of the integers.
func (p *Pipeline) AROpXor(key string, start, end uint64) *Future[int64] {
	return queueBuilt(p, domain.Int64, arop(key, start, end, "XOR"))
}

// AROpMatch queues AROP key start end MATCH value: how many slots hold value.
func (p *Pipeline) AROpMatch(key string, start, end uint64, value string) *Future[int64] {
	return queueBuilt(p, domain.Int64, arop(key, start, end, "MATCH").Str(value))
}

// AROpUsed queues AROP key start end USED: how many slots are set.
func (p *Pipeline) AROpUsed(key string, start, end uint64) *Future[int64] {
	return queueBuilt(p, domain.Int64, arop(key, start, end, "USED"))
}

// argrep builds ARGREP key start end predicates... [AND] [LIMIT n]
// [NOCASE]. start and end are text: ARGREP takes "-" and "+" for the ends.
// A predicate without a type is refused with ErrInvalidValue.
func argrep(key, start, end string, a *ARGrepArgs) *domain.Builder {
	b := domain.KeyCmd(true, "ARGREP", key).Str(start, end)
	if a == nil {
		return b
	}
	for i, pr := range a.Predicates {
		if pr.Type == "" {
			b.Fail(fmt.Errorf("ARGREP: %w: predicate %d has no type", ErrInvalidValue, i))
		}
		b.Str(string(pr.Type), pr.Value)
	}
	if a.CombineAnd {
		b.Str("AND")
	}
	if a.Limit > 0 {
		b.Str("LIMIT", utoa(a.Limit))
	}
	if a.NoCase {
		b.Str("NOCASE")
	}
	return b
}

// ARGrep queues ARGREP key start end predicates...: the matching indexes.
func (p *Pipeline) ARGrep(key string, start, end string, args *ARGrepArgs) *Future[[]uint64] {
	return queueBuilt(p, domain.Uint64s, argrep(key, start, end, args))
}

// ARGrepWithValues queues ARGREP key start end predicates... WITHVALUES:
// the matching slots with their values.
func (p *Pipeline) ARGrepWithValues(key string, start, end string, args *ARGrepArgs) *Future[[]AREntry] {
	return queueBuilt(p, domain.AREntries, argrep(key, start, end, args).Str("WITHVALUES"))
}

// ARRing queues ARRING key size values...: inserts as ARINSERT into a ring
// of size slots, wrapping; gives the last index written.
func (p *Pipeline) ARRing(key string, size uint64, values ...string) *Future[uint64] {
	return queueBuilt(p, domain.Uint64, domain.KeyCmd(false, "ARRING", key).Str(utoa(size)).Str(values...))
}

// ARLastItems queues ARLASTITEMS key count [REV]: the values inserted
// last, newest last (first with rev).
func (p *Pipeline) ARLastItems(key string, count uint64, rev bool) *Future[[]any] {
	if rev {
		return queueKey(p, domain.Values, true, "ARLASTITEMS", key, utoa(count), "REV")
	}
	return queueKey(p, domain.Values, true, "ARLASTITEMS", key, utoa(count))
}
