package domain

import (
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe/ports"
)

// Replies of the array commands (Redis 8.8+): indexes are unsigned 64-bit
// (Redis arrays span [0, 2^64-1)), and ARSCAN / ARGREP ... WITHVALUES
// give index and value pairs.

// AREntry is one slot of an array: its index and value (ARMSET's
// argument, ARSCAN's and ARGREP ... WITHVALUES's result).
type AREntry struct {
	Index uint64
	Value string
}

// Uint64 decodes a non-negative integer, or a string or big number holding
// one (an index beyond int64 cannot be a RESP integer).
func Uint64(r ports.Reply) (uint64, error) {
	switch r.Kind {
	case ports.KindInt:
		if r.Int < 0 {
			return 0, fmt.Errorf("%w: %d where an unsigned integer was expected", ErrUnexpectedReply, r.Int)
		}
		return uint64(r.Int), nil
	case ports.KindBulk, ports.KindStatus, ports.KindBigNumber:
		n, err := strconv.ParseUint(r.Str, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%w: %q is not an unsigned integer", ErrUnexpectedReply, r.Str)
		}
		return n, nil
	}
	return 0, unexpected(r, "an unsigned integer")
}

// Uint64s decodes an array of unsigned integers (ARGREP's indexes).
func Uint64s(r ports.Reply) ([]uint64, error) { return Slice(r, Uint64) }

// AREntries decodes index and value pairs, nested ([[i, v], ...]) or flat
// ([i, v, ...]).
func AREntries(r ports.Reply) ([]AREntry, error) {
	es, err := elems(r, "an array of indexes and values")
	if err != nil {
		return nil, err
	}
	if len(es) > 0 && es[0].Kind == ports.KindArray {
		es = flattenPairs(es)
	}
	if len(es)%2 != 0 {
		return nil, fmt.Errorf("%w: odd number of elements (%d) for indexes and values", ErrUnexpectedReply, len(es))
	}
	out := make([]AREntry, len(es)/2)
	for i := range out {
		if out[i].Index, err = Uint64(es[2*i]); err != nil {
			return nil, err
		}
		if out[i].Value, err = String(es[2*i+1]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AnyMap decodes a map (RESP3) or a flat key/value array (RESP2) into
// plain Go values keyed by text, as Any gives each value (ARINFO).
func AnyMap(r ports.Reply) (map[string]any, error) {
	v, err := Any(plainMap(r))
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, unexpected(r, "a map")
	}
	return m, nil
}
