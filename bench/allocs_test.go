package bench

import "runtime/metrics"

// heapCounter reads the cumulative heap allocation counters. It is reused
// for every read so that reading allocates nothing itself.
type heapCounter struct {
	samples [3]metrics.Sample
}

// allocCount is a point on the cumulative counters.
type allocCount struct {
	objects, bytes uint64
}

func newHeapCounter() *heapCounter {
	h := &heapCounter{}
	// Tiny allocations (small pointer-free objects packed into one block)
	// are counted apart; testing's -benchmem includes them, so do we.
	h.samples[0].Name = "/gc/heap/allocs:objects"
	h.samples[1].Name = "/gc/heap/tiny/allocs:objects"
	h.samples[2].Name = "/gc/heap/allocs:bytes"
	return h
}

func (h *heapCounter) read() allocCount {
	metrics.Read(h.samples[:])
	return allocCount{
		objects: h.samples[0].Value.Uint64() + h.samples[1].Value.Uint64(),
		bytes:   h.samples[2].Value.Uint64(),
	}
}
