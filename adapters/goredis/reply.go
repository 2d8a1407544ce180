package goredis

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/ports"
)

// toReply converts a value produced by go-redis's proto.Reader.ReadReply
// (the value of a *redis.Cmd) into the driver-agnostic model.
//
// ReadReply (go-redis v9 internal/proto/reader.go) produces only these types,
// and loses some RESP distinctions on the way; each is mapped as faithfully
// as what is left allows:
//
//	'+' status, '$' bulk, '=' verbatim  -> string       -> KindBulk (go-redis cannot tell them
//	                                                       apart; a verbatim string comes
//	                                                       without its "txt:" format prefix)
//	':' integer                         -> int64        -> KindInt
//	',' double                          -> float64      -> KindDouble (inf, -inf, nan included)
//	'#' boolean                         -> bool         -> KindBool
//	'(' big number                      -> *big.Int     -> KindBigNumber (decimal text)
//	'*' array, '~' set, '>' push        -> []any        -> KindArray (go-redis reads a set as
//	                                                       an array, so KindSet never appears)
//	'%' map                             -> map[any]any  -> KindMap, keys sorted (see below)
//	'_' null, "$-1", "*-1" in aggregate -> nil          -> KindNil
//	'-' '!' error in an aggregate       -> redis.Error  -> KindError
//	'|' attribute                       -> skipped by go-redis; the reply it annotates is kept
//
// A top-level nil or error never reaches here: go-redis returns those as the
// command's error (see outcome.go).
func toReply(v any) ports.Reply {
	switch v := v.(type) {
	case nil:
		return ports.NilReply()
	case string:
		return ports.BulkReply(v)
	case int64:
		return ports.IntReply(v)
	case float64:
		return ports.DoubleReply(v)
	case bool:
		return ports.BoolReply(v)
	case *big.Int:
		return ports.BigNumberReply(v.String())
	case []any:
		elems := make([]ports.Reply, len(v))
		for i, e := range v {
			elems[i] = toReply(e)
		}
		return ports.ArrayReply(elems)
	case map[any]any:
		return ports.MapReply(mapElems(v))
	case redis.Error:
		// Only reached inside an aggregate: go-redis's readSlice/readMap keep
		// an element's error reply as the element's value.
		return ports.ErrorReply(ports.NewRedisError(v.Error()))
	default:
		// Not produced by any go-redis v9 reader path; kept visible rather
		// than dropped so that a future go-redis type shows up in tests.
		return ports.ErrorReply(ports.NewRedisError(fmt.Sprintf("ERR goredis adapter: unsupported reply type %T", v)))
	}
}

// mapElems flattens a RESP3 map into key, value, key, value. go-redis hands
// the map over as a Go map, whose iteration order is random; the wire order
// is gone already, so the pairs are sorted by key to make the same reply
// give the same Reply every time (RESP3 maps are unordered by definition).
func mapElems(m map[any]any) []ports.Reply {
	// Pairs, not keys looked up again: a NaN key (a RESP3 double) is never
	// found by m[k], which would give its value as nil.
	type pair struct{ k, v any }
	pairs := make([]pair, 0, len(m))
	for k, v := range m {
		pairs = append(pairs, pair{k, v})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return compareKeys(a.k, b.k) })
	elems := make([]ports.Reply, 0, 2*len(m))
	for _, p := range pairs {
		elems = append(elems, toReply(p.k), toReply(p.v))
	}
	return elems
}

// compareKeys orders map keys: by type first, then by value. go-redis map
// keys are scalars (it rejects aggregate keys), so keyText is enough.
func compareKeys(a, b any) int {
	if c := cmp.Compare(keyRank(a), keyRank(b)); c != 0 {
		return c
	}
	switch a := a.(type) {
	case int64:
		return cmp.Compare(a, b.(int64))
	case float64:
		return cmp.Compare(a, b.(float64))
	case *big.Int:
		return a.Cmp(b.(*big.Int))
	}
	return cmp.Compare(keyText(a), keyText(b))
}

func keyRank(k any) int {
	switch k.(type) {
	case string:
		return 0
	case int64:
		return 1
	case float64:
		return 2
	case *big.Int:
		return 3
	case bool:
		return 4
	}
	return 5
}

func keyText(k any) string {
	switch k := k.(type) {
	case string:
		return k
	case bool:
		return strconv.FormatBool(k)
	}
	return fmt.Sprint(k)
}
