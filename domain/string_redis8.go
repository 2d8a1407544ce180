package domain

import (
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe/ports"
)

// Replies of the Redis 8 string commands: DIGEST's hex digest and INCREX's
// [value, applied increment].

// IncrEXIntResult is INCREX ... BYINT's reply: the key's new value and the
// increment the server applied (0 when an out-of-bounds increment was
// refused, the clamped one under SATURATE).
type IncrEXIntResult struct {
	Value            int64
	AppliedIncrement int64
}

// IncrEXFloatResult is INCREX ... BYFLOAT's reply, as IncrEXIntResult.
type IncrEXFloatResult struct {
	Value            float64
	AppliedIncrement float64
}

// Digest decodes DIGEST's reply, the xxh3 hash of a value as 16 hex
// digits, into the number SET ... IFDEQ and DELEX ... IFDEQ take back.
func Digest(r ports.Reply) (uint64, error) {
	s, err := String(r)
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a hex digest", ErrUnexpectedReply, s)
	}
	return n, nil
}

// FormatDigest writes a digest as DIGEST gives it: 16 hex digits, zeros
// kept, since the server compares the text.
func FormatDigest(d uint64) string { return fmt.Sprintf("%016x", d) }

// IncrEXInt decodes INCREX ... BYINT's [value, applied].
func IncrEXInt(r ports.Reply) (IncrEXIntResult, error) {
	es, err := fixed(r, 2, "[value, applied increment]")
	if err != nil {
		return IncrEXIntResult{}, err
	}
	v, err := Int64(es[0])
	if err != nil {
		return IncrEXIntResult{}, err
	}
	a, err := Int64(es[1])
	return IncrEXIntResult{Value: v, AppliedIncrement: a}, err
}

// IncrEXFloat decodes INCREX ... BYFLOAT's [value, applied], as bulk
// strings (RESP2) or doubles (RESP3).
func IncrEXFloat(r ports.Reply) (IncrEXFloatResult, error) {
	es, err := fixed(r, 2, "[value, applied increment]")
	if err != nil {
		return IncrEXFloatResult{}, err
	}
	v, err := Float64(es[0])
	if err != nil {
		return IncrEXFloatResult{}, err
	}
	a, err := Float64(es[1])
	return IncrEXFloatResult{Value: v, AppliedIncrement: a}, err
}
