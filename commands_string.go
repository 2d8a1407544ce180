package redpipe

// Strings: Get Set SetNX SetXX SetEx SetArgs Incr IncrBy IncrByFloat Decr
// DecrBy Append GetRange GetSet GetEx GetDel MGet MSet MSetNX SetRange StrLen
// LCS — argument structs SetArgs and LCSQuery (and KeepTTL) beside them.
// In commands_string_conditional.go (Redis 8.4+): SetIFEQ[Get] SetIFNE[Get]
// SetIFDEQ[Get] SetIFDNE[Get] DelExArgs Digest, argument struct DelExArgs.
// In commands_string_ex.go (Redis 8.4+ / 8.8+): MSetEX IncrEXInt
// IncrEXFloat, argument structs MSetEXArgs, IncrEXIntArgs, IncrEXFloatArgs
// and their ExpirationOption. GetToBuffer and SetFromBuffer are left out:
// see commands_parity_test.go.

import (
	"strconv"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// LCS's result types; see package domain.
type (
	// LCSMatch is LCS's result: the common string, its length, or the matching ranges.
	LCSMatch = domain.LCSMatch
	// LCSMatchedPosition is one matching range in each string (LCS ... IDX).
	LCSMatchedPosition = domain.LCSMatchedPosition
	// LCSPosition is a range of positions, both ends included.
	LCSPosition = domain.LCSPosition
)

// Get queues GET key. A missing key gives ErrNil.
func (p *Pipeline) Get(key string) *Future[string] {
	return queueKey(p, domain.String, true, "GET", key)
}

// Incr queues INCR key.
func (p *Pipeline) Incr(key string) *Future[int64] {
	return queueKey(p, domain.Int64, false, "INCR", key)
}

// IncrBy queues INCRBY key n.
func (p *Pipeline) IncrBy(key string, n int64) *Future[int64] {
	return queueKey(p, domain.Int64, false, "INCRBY", key, strconv.FormatInt(n, 10))
}

// IncrByFloat queues INCRBYFLOAT key value and gives the new value.
func (p *Pipeline) IncrByFloat(key string, value float64) *Future[float64] {
	return queueKey(p, domain.Float64, false, "INCRBYFLOAT", key, ftoa(value))
}

// Decr queues DECR key.
func (p *Pipeline) Decr(key string) *Future[int64] {
	return queueKey(p, domain.Int64, false, "DECR", key)
}

// DecrBy queues DECRBY key decrement.
func (p *Pipeline) DecrBy(key string, decrement int64) *Future[int64] {
	return queueKey(p, domain.Int64, false, "DECRBY", key, itoa(decrement))
}

// Append queues APPEND key value and gives the new length.
func (p *Pipeline) Append(key, value string) *Future[int64] {
	return queueKey(p, domain.Int64, false, "APPEND", key, value)
}

// GetRange queues GETRANGE key start end. A missing key gives "".
func (p *Pipeline) GetRange(key string, start, end int64) *Future[string] {
	return queueKey(p, domain.String, true, "GETRANGE", key, itoa(start), itoa(end))
}

// GetSet queues GETSET key value and gives the old value; ErrNil if there was none.
func (p *Pipeline) GetSet(key string, value any) *Future[string] {
	return queueBuilt(p, domain.String, domain.KeyCmd(false, "GETSET", key).Val(value))
}

// GetEx queues GETEX key: with EX/PX when expiration is positive, PERSIST
// when it is 0, and no option when negative. A missing key gives ErrNil.
func (p *Pipeline) GetEx(key string, expiration time.Duration) *Future[string] {
	b := domain.KeyCmd(false, "GETEX", key)
	switch {
	case expiration > 0 && domain.Precise(expiration):
		b.Str("PX", domain.Millis(expiration))
	case expiration > 0:
		b.Str("EX", domain.Seconds(expiration))
	case expiration == 0:
		b.Str("PERSIST")
	}
	return queueBuilt(p, domain.String, b)
}

// GetDel queues GETDEL key. A missing key gives ErrNil.
func (p *Pipeline) GetDel(key string) *Future[string] {
	return queueKey(p, domain.String, false, "GETDEL", key)
}

// MGet queues MGET keys...; a missing key is a nil element.
func (p *Pipeline) MGet(keys ...string) *Future[[]any] {
	return queueBuilt(p, domain.Values, domain.NewBuilder(true, nil, "MGET").Str(keys...).KeysFrom(1))
}

// MSet queues MSET key value [key value ...]. The pairs may also be given
// as one []string or []any.
func (p *Pipeline) MSet(values ...any) *Future[string] {
	return queueBuilt(p, domain.Status, appendValues(domain.NewBuilder(false, nil, "MSET"), values).Described())
}

// MSetNX queues MSETNX key value [key value ...]: false when any key existed.
func (p *Pipeline) MSetNX(values ...any) *Future[bool] {
	return queueBuilt(p, domain.Bool, appendValues(domain.NewBuilder(false, nil, "MSETNX"), values).Described())
}

// KeepTTL, as the expiration of Set, SetNX and SetXX, keeps the key's
// current time to live (SET ... KEEPTTL).
const KeepTTL = -1

// appendExpiration adds SET's expiration the go-redis way: EX or PX when
// positive, KEEPTTL for KeepTTL, nothing otherwise.
func appendExpiration(b *domain.Builder, expiration time.Duration) *domain.Builder {
	switch {
	case expiration > 0 && domain.Precise(expiration):
		b.Str("PX", domain.Millis(expiration))
	case expiration > 0:
		b.Str("EX", domain.Seconds(expiration))
	case expiration == KeepTTL:
		b.Str("KEEPTTL")
	}
	return b
}

// Set queues SET key value, with EX/PX for a positive expiration, KEEPTTL
// for KeepTTL, and no expiry for 0. It gives "OK".
func (p *Pipeline) Set(key string, value any, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.Status, appendExpiration(domain.KeyCmd(false, "SET", key).Val(value), expiration))
}

// SetNX queues SET key value NX (with the expiration as for Set): true if
// the key was set, false if it already existed.
func (p *Pipeline) SetNX(key string, value any, expiration time.Duration) *Future[bool] {
	return queueBuilt(p, domain.OK, appendExpiration(domain.KeyCmd(false, "SET", key).Val(value), expiration).Str("NX"))
}

// SetXX queues SET key value XX (with the expiration as for Set): true if
// the key was set, false if it did not exist.
func (p *Pipeline) SetXX(key string, value any, expiration time.Duration) *Future[bool] {
	return queueBuilt(p, domain.OK, appendExpiration(domain.KeyCmd(false, "SET", key).Val(value), expiration).Str("XX"))
}

// SetEx queues SETEX key seconds value (PSETEX when the expiration has a
// sub-second part).
func (p *Pipeline) SetEx(key string, value any, expiration time.Duration) *Future[string] {
	if expiration > 0 && domain.Precise(expiration) {
		return queueBuilt(p, domain.Status, domain.KeyCmd(false, "PSETEX", key).Str(domain.Millis(expiration)).Val(value))
	}
	return queueBuilt(p, domain.Status, domain.KeyCmd(false, "SETEX", key).Str(domain.Seconds(expiration)).Val(value))
}

// SetArgs are SET's options for SetArgs.
type SetArgs struct {
	// Mode is "NX" (only if the key does not exist) or "XX" (only if it
	// does); empty for neither. Redis 8.4's compare modes take an operand:
	// "IFEQ" / "IFNE" MatchValue, "IFDEQ" / "IFDNE" MatchDigest; any other
	// mode passes through alone.
	Mode string
	// MatchValue is the argument of an IFEQ / IFNE Mode (Redis 8.4+).
	MatchValue any
	// MatchDigest is the argument of an IFDEQ / IFDNE Mode (Redis 8.4+),
	// the value's digest as Digest gives it.
	MatchDigest uint64
	// TTL, when positive, sets EX (whole seconds) or PX.
	TTL time.Duration
	// ExpireAt, when not zero, sets EXAT (whole seconds) or PXAT.
	ExpireAt time.Time
	// Get returns the old value (SET ... GET); nil gives ErrNil.
	Get bool
	// KeepTTL keeps the key's time to live.
	KeepTTL bool
}

// SetArgs queues SET key value with a.'s options. It gives "OK", or with
// a.Get the old value; a SET that did not happen (NX / XX) and a GET of no
// old value give ErrNil.
func (p *Pipeline) SetArgs(key string, value any, a SetArgs) *Future[string] {
	b := domain.KeyCmd(false, "SET", key).Val(value)
	if a.KeepTTL {
		b.Str("KEEPTTL")
	}
	if !a.ExpireAt.IsZero() {
		if a.ExpireAt.Nanosecond() >= int(time.Millisecond) {
			b.Str("PXAT", itoa(a.ExpireAt.UnixMilli()))
		} else {
			b.Str("EXAT", itoa(a.ExpireAt.Unix()))
		}
	}
	if a.TTL > 0 {
		if domain.Precise(a.TTL) {
			b.Str("PX", domain.Millis(a.TTL))
		} else {
			b.Str("EX", domain.Seconds(a.TTL))
		}
	}
	if a.Mode != "" {
		appendMatch(b, a.Mode, a.MatchValue, a.MatchDigest)
	}
	if a.Get {
		b.Str("GET")
	}
	return queueBuilt(p, domain.String, b)
}

// appendMatch adds a compare mode and its operand: the value for IFEQ /
// IFNE (nil is refused by Val), the digest for IFDEQ / IFDNE. Other modes
// pass through alone, for conditions newer than this package.
func appendMatch(b *domain.Builder, mode string, value any, digest uint64) {
	b.Str(mode)
	switch strings.ToUpper(mode) {
	case "IFEQ", "IFNE":
		b.Val(value)
	case "IFDEQ", "IFDNE":
		b.Str(domain.FormatDigest(digest))
	}
}

// SetRange queues SETRANGE key offset value and gives the new length.
func (p *Pipeline) SetRange(key string, offset int64, value string) *Future[int64] {
	return queueKey(p, domain.Int64, false, "SETRANGE", key, itoa(offset), value)
}

// StrLen queues STRLEN key (0 for a missing key).
func (p *Pipeline) StrLen(key string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "STRLEN", key)
}

// LCSQuery is LCS's arguments: the two keys and what to return.
type LCSQuery struct {
	Key1 string
	Key2 string
	// Len returns only the length (LEN).
	Len bool
	// Idx returns the matching ranges (IDX), MinMatchLen and WithMatchLen
	// refining them.
	Idx          bool
	MinMatchLen  int
	WithMatchLen bool
}

// LCS queues LCS key1 key2 [LEN | IDX [MINMATCHLEN n] [WITHMATCHLEN]]:
// the common string in MatchString, or its length in Len (LEN), or the
// matching ranges and Len (IDX).
func (p *Pipeline) LCS(q *LCSQuery) *Future[LCSMatch] {
	if q == nil {
		return refuse[LCSMatch](p, "LCS", "nil query")
	}
	b := domain.NewBuilder(true, domain.KeysFrom(1, 3), "LCS", q.Key1, q.Key2)
	if q.Len {
		b.Str("LEN")
	} else if q.Idx {
		b.Str("IDX")
		if q.MinMatchLen != 0 {
			b.Str("MINMATCHLEN", itoa(int64(q.MinMatchLen)))
		}
		if q.WithMatchLen {
			b.Str("WITHMATCHLEN")
		}
	}
	return queueBuilt(p, domain.LCS, b)
}
