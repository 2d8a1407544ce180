package redpipe

// Bitmaps: GetBit SetBit BitCount BitOpAnd BitOpOr BitOpXor BitOpNot
// BitOpDiff BitOpDiff1 BitOpAndOr BitOpOne BitPos BitPosSpan BitField
// BitFieldRO — argument struct BitCount (and its units) beside them.

import (
	"fmt"
	"strings"

	"github.com/redpipe-go/redpipe/domain"
)

// GetBit queues GETBIT key offset: the bit, 0 beyond the string's end.
func (p *Pipeline) GetBit(key string, offset int64) *Future[int64] {
	return queueKey(p, domain.Int64, true, "GETBIT", key, itoa(offset))
}

// SetBit queues SETBIT key offset value and gives the bit's old value.
func (p *Pipeline) SetBit(key string, offset int64, value int) *Future[int64] {
	return queueKey(p, domain.Int64, false, "SETBIT", key, itoa(offset), itoa(int64(value)))
}

// BitCount is BITCOUNT's range: Start and End (both included, negative
// from the end) in Unit, BitCountIndexByte (what Redis assumes when Unit
// is "") or BitCountIndexBit (Redis 7.0+).
type BitCount struct {
	Start, End int64
	Unit       string
}

// The units of BitCount (and of BitPosSpan's span).
const (
	BitCountIndexByte string = "BYTE"
	BitCountIndexBit  string = "BIT"
)

// BitCount queues BITCOUNT key [start end [BYTE|BIT]]: the number of set
// bits, in the whole string when bitCount is nil. A Unit other than BYTE
// or BIT (in any case) fails this future with ErrInvalidValue, nothing sent.
func (p *Pipeline) BitCount(key string, bitCount *BitCount) *Future[int64] {
	if bitCount == nil {
		return queueKey(p, domain.Int64, true, "BITCOUNT", key)
	}
	start, end := itoa(bitCount.Start), itoa(bitCount.End)
	switch {
	case bitCount.Unit == "":
		return queueKey(p, domain.Int64, true, "BITCOUNT", key, start, end)
	case strings.EqualFold(bitCount.Unit, BitCountIndexByte):
		return queueKey(p, domain.Int64, true, "BITCOUNT", key, start, end, BitCountIndexByte)
	case strings.EqualFold(bitCount.Unit, BitCountIndexBit):
		return queueKey(p, domain.Int64, true, "BITCOUNT", key, start, end, BitCountIndexBit)
	}
	return refuse[int64](p, "BITCOUNT", fmt.Sprintf("unit %q is neither BYTE nor BIT", bitCount.Unit))
}

// bitOp queues BITOP op dest keys...: the length of the string stored at dest.
func (p *Pipeline) bitOp(op, destKey string, keys []string) *Future[int64] {
	b := domain.NewBuilder(false, nil, "BITOP", op, destKey).Str(keys...)
	return queueBuilt(p, domain.Int64, b.KeysAt(domain.KeysFrom(2, b.Len())))
}

// BitOpAnd queues BITOP AND destKey keys...
func (p *Pipeline) BitOpAnd(destKey string, keys ...string) *Future[int64] {
	return p.bitOp("AND", destKey, keys)
}

// BitOpOr queues BITOP OR destKey keys...
func (p *Pipeline) BitOpOr(destKey string, keys ...string) *Future[int64] {
	return p.bitOp("OR", destKey, keys)
}

// BitOpXor queues BITOP XOR destKey keys...
func (p *Pipeline) BitOpXor(destKey string, keys ...string) *Future[int64] {
	return p.bitOp("XOR", destKey, keys)
}

// BitOpNot queues BITOP NOT destKey key.
func (p *Pipeline) BitOpNot(destKey string, key string) *Future[int64] {
	return p.bitOp("NOT", destKey, []string{key})
}

// BitOpDiff queues BITOP DIFF destKey x y... (Redis 8.2+): the bits of the
// first key set in none of the others.
func (p *Pipeline) BitOpDiff(destKey string, keys ...string) *Future[int64] {
	return p.bitOp("DIFF", destKey, keys)
}

// BitOpDiff1 queues BITOP DIFF1 destKey x y... (Redis 8.2+): the bits set in
// one or more of the other keys but not in the first.
func (p *Pipeline) BitOpDiff1(destKey string, keys ...string) *Future[int64] {
	return p.bitOp("DIFF1", destKey, keys)
}

// BitOpAndOr queues BITOP ANDOR destKey x y... (Redis 8.2+): the bits of the
// first key also set in at least one of the others.
func (p *Pipeline) BitOpAndOr(destKey string, keys ...string) *Future[int64] {
	return p.bitOp("ANDOR", destKey, keys)
}

// BitOpOne queues BITOP ONE destKey keys... (Redis 8.2+): the bits set in
// exactly one of the keys.
func (p *Pipeline) BitOpOne(destKey string, keys ...string) *Future[int64] {
	return p.bitOp("ONE", destKey, keys)
}

// BitPos queues BITPOS key bit [start [end]] (a byte range): the position
// of the first bit equal to bit, -1 when there is none. More than two
// positions fail this future with ErrInvalidValue, nothing sent.
func (p *Pipeline) BitPos(key string, bit int64, pos ...int64) *Future[int64] {
	switch len(pos) {
	case 0:
		return queueKey(p, domain.Int64, true, "BITPOS", key, itoa(bit))
	case 1:
		return queueKey(p, domain.Int64, true, "BITPOS", key, itoa(bit), itoa(pos[0]))
	case 2:
		return queueKey(p, domain.Int64, true, "BITPOS", key, itoa(bit), itoa(pos[0]), itoa(pos[1]))
	}
	return refuse[int64](p, "BITPOS", fmt.Sprintf("%d positions, at most start and end", len(pos)))
}

// BitPosSpan queues BITPOS key bit start end span (Redis 7.0+), span
// "byte" or "bit" saying what start and end count; it is sent as given,
// so the server judges it.
func (p *Pipeline) BitPosSpan(key string, bit int8, start, end int64, span string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "BITPOS", key, itoa(int64(bit)), itoa(start), itoa(end), span)
}

// BitField queues BITFIELD key subcommands...: one integer per GET, SET
// and INCRBY; an INCRBY that OVERFLOW FAIL refused reads 0, as in
// go-redis (Do tells it apart: a nil element). The values may also be
// given as one []string or []any.
func (p *Pipeline) BitField(key string, values ...any) *Future[[]int64] {
	return queueBuilt(p, domain.Int64sOrZero, appendValues(domain.KeyCmd(false, "BITFIELD", key), values))
}

// BitFieldRO queues BITFIELD_RO key GET encoding offset ... (Redis 6.2+),
// values being encoding, offset pairs. An odd number of values fails this
// future with ErrInvalidValue, nothing sent.
func (p *Pipeline) BitFieldRO(key string, values ...any) *Future[[]int64] {
	if len(values)%2 != 0 {
		return refuse[[]int64](p, "BITFIELD_RO", fmt.Sprintf("%d values, not encoding and offset pairs", len(values)))
	}
	b := domain.KeyCmd(true, "BITFIELD_RO", key)
	for i := 0; i < len(values); i += 2 {
		b.Str("GET").Val(values[i], values[i+1])
	}
	return queueBuilt(p, domain.Int64sOrZero, b)
}
