package domain

import (
	"fmt"
	"math"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// KeyValue is one field and its value (HRANDFIELD ... WITHVALUES).
type KeyValue struct {
	Key   string
	Value string
}

// KeyValues is what LMPOP / BLMPOP popped, and from which key.
type KeyValues struct {
	Key    string
	Values []string
}

// Values decodes an array into plain Go values, nil elements as nil
// (MGET's and HMGET's missing keys and fields).
func Values(r ports.Reply) ([]any, error) {
	es, err := elems(r, "an array")
	if err != nil {
		return nil, err
	}
	out := make([]any, len(es))
	for i, e := range es {
		out[i] = anyValue(e)
	}
	return out, nil
}

// KeyValueSlice decodes field/value pairs, flat (RESP2) or in pairs (RESP3),
// keeping their order and repeats.
func KeyValueSlice(r ports.Reply) ([]KeyValue, error) {
	es, err := elems(r, "an array of fields and values")
	if err != nil {
		return nil, err
	}
	if len(es) > 0 && es[0].Kind == ports.KindArray {
		es = flattenPairs(es)
	}
	if len(es)%2 != 0 {
		return nil, fmt.Errorf("%w: odd number of elements (%d) for fields and values", ErrUnexpectedReply, len(es))
	}
	out := make([]KeyValue, len(es)/2)
	for i := range out {
		k, err := String(es[2*i])
		if err != nil {
			return nil, err
		}
		v, err := StringOrEmpty(es[2*i+1])
		if err != nil {
			return nil, err
		}
		out[i] = KeyValue{Key: k, Value: v}
	}
	return out, nil
}

// KeyValuesReply decodes LMPOP / BLMPOP's [key, [value, ...]]; nothing to
// pop (nil) gives ErrNil.
func KeyValuesReply(r ports.Reply) (KeyValues, error) {
	es, err := fixed(r, 2, "[key, values]")
	if err != nil {
		return KeyValues{}, err
	}
	key, err := String(es[0])
	if err != nil {
		return KeyValues{}, err
	}
	vals, err := Strings(es[1])
	return KeyValues{Key: key, Values: vals}, err
}

// Duration returns a decoder of TTL-like integers in unit: -1 (no expiry)
// and -2 (no key) are kept as they are, as go-redis does, every other
// value is multiplied by unit. A value no time.Duration can hold (a TTL
// beyond 292 years, which Redis accepts) is ErrUnexpectedReply rather than
// the wrapped-around product.
func Duration(unit time.Duration) func(ports.Reply) (time.Duration, error) {
	return func(r ports.Reply) (time.Duration, error) {
		n, err := Int64(r)
		if err != nil {
			return 0, err
		}
		if n == -1 || n == -2 {
			return time.Duration(n), nil
		}
		if unit != 0 && (n > math.MaxInt64/int64(unit) || n < math.MinInt64/int64(unit)) {
			return 0, fmt.Errorf("%w: %d × %v does not fit a time.Duration", ErrUnexpectedReply, n, unit)
		}
		return time.Duration(n) * unit, nil
	}
}

// LCSMatch is LCS's result: the common string (plain LCS), its length
// (LEN, and IDX), and the matching ranges (IDX).
type LCSMatch struct {
	MatchString string
	Matches     []LCSMatchedPosition
	Len         int64
}

// LCSMatchedPosition is one matching range in each string; MatchLen only
// with WITHMATCHLEN.
type LCSMatchedPosition struct {
	Key1     LCSPosition
	Key2     LCSPosition
	MatchLen int64
}

// LCSPosition is a range of positions, both ends included.
type LCSPosition struct {
	Start int64
	End   int64
}

// LCS decodes any LCS reply: a string (plain), an integer (LEN), or a map
// or flat array {matches: [...], len: n} (IDX).
func LCS(r ports.Reply) (LCSMatch, error) {
	switch r.Kind {
	case ports.KindBulk, ports.KindStatus:
		return LCSMatch{MatchString: r.Str}, nil
	case ports.KindInt:
		return LCSMatch{Len: r.Int}, nil
	case ports.KindArray, ports.KindMap:
	default:
		return LCSMatch{}, unexpected(r, "an LCS reply")
	}
	if len(r.Elems)%2 != 0 {
		return LCSMatch{}, fmt.Errorf("%w: odd number of elements (%d) for LCS IDX", ErrUnexpectedReply, len(r.Elems))
	}
	var m LCSMatch
	for i := 0; i < len(r.Elems); i += 2 {
		k, v := r.Elems[i], r.Elems[i+1]
		var err error
		switch k.Str {
		case "len":
			m.Len, err = Int64(v)
		case "matches":
			m.Matches, err = Slice(v, lcsMatch)
		}
		if err != nil {
			return LCSMatch{}, err
		}
	}
	return m, nil
}

func lcsMatch(r ports.Reply) (LCSMatchedPosition, error) {
	es, err := elems(r, "an LCS match")
	if err != nil {
		return LCSMatchedPosition{}, err
	}
	if len(es) < 2 {
		return LCSMatchedPosition{}, fmt.Errorf("%w: LCS match of %d elements", ErrUnexpectedReply, len(es))
	}
	var m LCSMatchedPosition
	if m.Key1, err = lcsPosition(es[0]); err != nil {
		return m, err
	}
	if m.Key2, err = lcsPosition(es[1]); err != nil {
		return m, err
	}
	if len(es) > 2 {
		m.MatchLen, err = Int64(es[2])
	}
	return m, err
}

func lcsPosition(r ports.Reply) (LCSPosition, error) {
	es, err := fixed(r, 2, "[start, end]")
	if err != nil {
		return LCSPosition{}, err
	}
	start, err := Int64(es[0])
	if err != nil {
		return LCSPosition{}, err
	}
	end, err := Int64(es[1])
	return LCSPosition{Start: start, End: end}, err
}

// OK decodes replies that are "OK" when done and nil when not (SET NX/XX,
// HMSET): true for OK (a status, or a bulk from drivers that do not tell
// them apart), false for nil; integers and booleans as Bool does.
func OK(r ports.Reply) (bool, error) {
	switch r.Kind {
	case ports.KindNil:
		return false, nil
	case ports.KindStatus, ports.KindBulk:
		if r.Str == "OK" {
			return true, nil
		}
		return false, fmt.Errorf("%w: %q where OK was expected", ErrUnexpectedReply, r.Str)
	}
	return Bool(r)
}
