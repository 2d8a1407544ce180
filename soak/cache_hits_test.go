package soak

import (
	"context"
	"sync/atomic"

	"github.com/redpipe-go/redpipe"
)

// cacheHits is an Observer counting the reads a backend answered from its
// client's cache (BatchInfo.CacheHits): the soak checks those reads like
// any other, and says how many there were.
type cacheHits struct{ n atomic.Int64 }

func (h *cacheHits) ExecStart(ctx context.Context, _ *redpipe.ExecInfo) context.Context { return ctx }
func (h *cacheHits) BatchStart(ctx context.Context, _ *redpipe.BatchInfo) context.Context {
	return ctx
}
func (h *cacheHits) BatchEnd(_ context.Context, b *redpipe.BatchInfo) { h.n.Add(int64(b.CacheHits)) }
func (h *cacheHits) ExecEnd(context.Context, *redpipe.ExecInfo)       {}
