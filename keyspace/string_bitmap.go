package keyspace

import "github.com/redpipe-go/redpipe"

// Bitmaps over a String keyspace's values. The bits are those of the
// stored text, the codec's encoding, so they are neither encoded nor
// decoded: a keyspace used only as bitmaps is best declared with
// redpipe.Bytes, whose Get gives the bitmap back byte for byte.

// SetBit sets the bit at offset of id's stored text to value (0 or 1),
// growing it with zero bytes as needed, and gives the bit's old value.
func (b StringCmds[T]) SetBit(id string, offset int64, value int) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.SetBit(b.key(id), offset, value) })
}

// GetBit gives the bit at offset of id's stored text, 0 beyond its end or
// for an id without a value.
func (b StringCmds[T]) GetBit(id string, offset int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.GetBit(b.key(id), offset) })
}

// BitCount gives how many bits of id's stored text are set, within
// bitCount's range (nil: all of it; see Pipeline.BitCount for its units).
func (b StringCmds[T]) BitCount(id string, bitCount *redpipe.BitCount) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.BitCount(b.key(id), bitCount) })
}

// BitPos gives the position of the first bit equal to bit (0 or 1) in id's
// stored text, within the byte range [start [end]] of pos; -1 when there
// is none. More than two positions are refused with ErrInvalidValue,
// nothing sent, as Pipeline.BitPos refuses them.
func (b StringCmds[T]) BitPos(id string, bit int64, pos ...int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.BitPos(b.key(id), bit, pos...) })
}

// BitPosSpan is BitPos with start and end counted in span ("byte" or
// "bit", Redis 7.0+).
func (b StringCmds[T]) BitPosSpan(id string, bit int8, start, end int64, span string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		return p.BitPosSpan(b.key(id), bit, start, end, span)
	})
}
