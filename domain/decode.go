package domain

import (
	"fmt"
	"math"
	"strconv"

	"github.com/redpipe-go/redpipe/ports"
)

// Decoders turn one Reply into a Go value. Both protocol shapes are accepted
// wherever RESP2 and RESP3 differ, so a value never depends on the driver.
// A top-level nil gives ErrNil; an error reply gives its *ports.RedisError.

func unexpected(r ports.Reply, want string) error {
	if r.Kind == ports.KindError {
		return r.Err
	}
	if r.Kind == ports.KindNil {
		return ErrNil
	}
	return fmt.Errorf("%w: %s reply where %s was expected", ErrUnexpectedReply, r.Kind, want)
}

// String decodes a bulk, status, number or big number as text.
func String(r ports.Reply) (string, error) {
	switch r.Kind {
	case ports.KindBulk, ports.KindStatus, ports.KindBigNumber:
		return r.Str, nil
	case ports.KindInt:
		return strconv.FormatInt(r.Int, 10), nil
	case ports.KindDouble:
		return FormatFloat(r.Float), nil
	}
	return "", unexpected(r, "a string")
}

// Status decodes a status reply such as OK.
func Status(r ports.Reply) (string, error) { return String(r) }

// Int64 decodes an integer, or a string holding one.
func Int64(r ports.Reply) (int64, error) {
	switch r.Kind {
	case ports.KindInt, ports.KindBool:
		return r.Int, nil
	case ports.KindBulk, ports.KindStatus, ports.KindBigNumber:
		n, err := strconv.ParseInt(r.Str, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%w: %q is not an integer", ErrUnexpectedReply, r.Str)
		}
		return n, nil
	case ports.KindDouble:
		if r.Float == math.Trunc(r.Float) && math.Abs(r.Float) < 1<<63 {
			return int64(r.Float), nil
		}
	}
	return 0, unexpected(r, "an integer")
}

// Float64 decodes a RESP3 double or a RESP2 bulk holding one ("inf" included).
func Float64(r ports.Reply) (float64, error) {
	switch r.Kind {
	case ports.KindDouble:
		return r.Float, nil
	case ports.KindInt:
		return float64(r.Int), nil
	case ports.KindBulk, ports.KindStatus, ports.KindBigNumber:
		return ParseFloat(r.Str)
	}
	return 0, unexpected(r, "a number")
}

// ParseFloat reads a double the way Redis writes one.
func ParseFloat(s string) (float64, error) {
	switch s {
	case "inf", "+inf", "Inf":
		return math.Inf(1), nil
	case "-inf", "-Inf":
		return math.Inf(-1), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a number", ErrUnexpectedReply, s)
	}
	return f, nil
}

// Bool decodes 1/0 integers and RESP3 booleans (OK replies: see OK).
func Bool(r ports.Reply) (bool, error) {
	switch r.Kind {
	case ports.KindInt, ports.KindBool:
		return r.Int != 0, nil
	case ports.KindNil:
		return false, nil
	}
	return false, unexpected(r, "a boolean")
}

// elems returns the elements of an array or set, and of a map flattened.
func elems(r ports.Reply, want string) ([]ports.Reply, error) {
	switch r.Kind {
	case ports.KindArray, ports.KindSet, ports.KindMap:
		return r.Elems, nil
	}
	return nil, unexpected(r, want)
}

// Slice decodes an aggregate element by element. Nil elements are decoded by
// the element decoder (see StringOrEmpty); errors inside stop the decoding.
func Slice[T any](r ports.Reply, elem func(ports.Reply) (T, error)) ([]T, error) {
	es, err := elems(r, "an array")
	if err != nil {
		return nil, err
	}
	out := make([]T, len(es))
	for i, e := range es {
		if out[i], err = elem(e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// StringOrEmpty decodes a nil element as "" (go-redis's convention for
// arrays such as MGET's is a nil interface; typed []string uses "").
func StringOrEmpty(r ports.Reply) (string, error) {
	if r.Kind == ports.KindNil {
		return "", nil
	}
	return String(r)
}

// Strings decodes an array of strings (nil elements become "").
func Strings(r ports.Reply) ([]string, error) { return Slice(r, StringOrEmpty) }

// Int64s decodes an array of integers.
func Int64s(r ports.Reply) ([]int64, error) { return Slice(r, Int64) }

// Bools decodes an array of 1/0 integers.
func Bools(r ports.Reply) ([]bool, error) { return Slice(r, Bool) }

// StringMap decodes a RESP3 map or a RESP2 flat field/value array.
func StringMap(r ports.Reply) (map[string]string, error) {
	es, err := elems(r, "a map")
	if err != nil {
		return nil, err
	}
	if r.Kind == ports.KindArray && len(es) > 0 && es[0].Kind == ports.KindArray {
		es = flattenPairs(es) // RESP3 pair arrays ([[f, v], ...]) as in HRANDFIELD WITHVALUES
	}
	if len(es)%2 != 0 {
		return nil, fmt.Errorf("%w: odd number of elements (%d) for a map", ErrUnexpectedReply, len(es))
	}
	m := make(map[string]string, len(es)/2)
	for i := 0; i < len(es); i += 2 {
		k, err := String(es[i])
		if err != nil {
			return nil, err
		}
		v, err := StringOrEmpty(es[i+1])
		if err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, nil
}

func flattenPairs(pairs []ports.Reply) []ports.Reply {
	flat := make([]ports.Reply, 0, 2*len(pairs))
	for _, p := range pairs {
		flat = append(flat, p.Elems...)
	}
	return flat
}

// StringSet decodes an array or set of members into a set.
func StringSet(r ports.Reply) (map[string]struct{}, error) {
	ss, err := Strings(r)
	if err != nil {
		return nil, err
	}
	m := make(map[string]struct{}, len(ss))
	for _, s := range ss {
		m[s] = struct{}{}
	}
	return m, nil
}

// Any decodes a reply into plain Go values: bulk and status as string,
// integers int64, doubles float64, booleans bool, big numbers *big.Int,
// arrays and sets []any, maps map[string]any, nil as nil, and an error
// nested in an aggregate as its *ports.RedisError.
func Any(r ports.Reply) (any, error) {
	switch r.Kind {
	case ports.KindNil:
		return nil, ErrNil
	case ports.KindError:
		return nil, r.Err
	}
	return anyValue(r), nil
}
