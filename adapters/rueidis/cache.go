package rueidis

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.ReadCacher = (*backend)(nil)

// CachesReads asks the server once whether the client's connections are
// tracked (CLIENT TRACKINGINFO): rueidis turns tracking on for every
// connection of a client with its cache, and for none of one without
// (RESP2, DisableCache). The answer is kept: a client's options never
// change.
func (b *backend) CachesReads(ctx context.Context) (bool, error) {
	switch b.caches.Load() {
	case cachesYes:
		return true, nil
	case cachesNo:
		return false, nil
	}
	var on bool
	var err error
	if ended := untilctx.Run(ctx, func() { on, err = tracked(ctx, b.client) }); ended != nil {
		return false, ended
	}
	if err != nil {
		return false, err
	}
	if on {
		b.caches.Store(cachesYes)
	} else {
		b.caches.Store(cachesNo)
	}
	return on, nil
}

// What CachesReads found, in backend.caches.
const (
	cachesUnknown int32 = iota
	cachesYes
	cachesNo
)

func tracked(ctx context.Context, c rueidis.Client) (on bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			on, err = false, fmt.Errorf("rueidis adapter: rueidis panicked in Do: %v", r)
		}
	}()
	info, err := c.Do(ctx, c.B().ClientTrackinginfo().Build()).AsMap()
	if err != nil {
		return false, err
	}
	m := info["flags"]
	flags, err := m.AsStrSlice()
	if err != nil {
		return false, err
	}
	return slices.Contains(flags, "on"), nil
}

// cachedReads says which built commands carry a CacheTTL, nil when none
// does: most batches.
func (bt *batch) cachedReads(cmds []ports.Command) []time.Duration {
	var ttls []time.Duration
	for j, i := range bt.index {
		if ttl := cmds[i].CacheTTL; ttl > 0 {
			if ttls == nil {
				ttls = make([]time.Duration, len(bt.built))
			}
			ttls[j] = ttl
		}
	}
	return ttls
}

// cachingDoer sends commands through DoMultiCache, each with its ttl: the
// client answers those its cache holds and sends the others in one round
// trip (with what tracking needs around them: CLIENT CACHING YES, and the
// key's PTTL in the same MULTI ... EXEC, pipe.go DoMultiCache). It is a
// multiDoer, so that send's ctx and panic policy are the same for both.
type cachingDoer struct {
	client rueidis.Client
	ttls   []time.Duration
}

func (d *cachingDoer) DoMulti(ctx context.Context, multi ...rueidis.Completed) []rueidis.RedisResult {
	cts := make([]rueidis.CacheableTTL, len(multi))
	for i := range multi {
		// A read-only Completed is what the Cacheable builders make too:
		// the same command, marked for the cache.
		cts[i] = rueidis.CT(rueidis.Cacheable(multi[i]), d.ttls[i])
	}
	return d.client.DoMultiCache(ctx, cts...)
}

// sendWithCache sends a batch some of whose commands are cached reads
// (ttls[j] > 0): those first, through DoMultiCache, then the rest with
// DoMulti, and fills out. The root has kept every cached read that follows
// a write of its key in the batch out of it (redpipe's keepOrderForCache),
// so answering them first keeps the batch's order. A batch whose cached
// reads the cache holds costs the one round trip of the rest; one whose
// cached reads miss costs one more.
func (bt *batch) sendWithCache(ctx context.Context, c rueidis.Client, ttls []time.Duration, out []ports.Result) {
	var cached, rest []rueidis.Completed
	var cachedAt, restAt []int // positions in bt.built
	var cachedTTLs []time.Duration
	for j, ttl := range ttls {
		if ttl > 0 {
			cached, cachedAt, cachedTTLs = append(cached, bt.built[j]), append(cachedAt, j), append(cachedTTLs, ttl)
		} else {
			rest, restAt = append(rest, bt.built[j]), append(restAt, j)
		}
	}
	var bufs replyBuffers
	res, err := send(ctx, &cachingDoer{client: c, ttls: cachedTTLs}, cached, nil)
	hits := 0
	for k, j := range cachedAt {
		i := bt.index[j]
		if err != nil {
			out[i] = failure(ctx, err)
			continue
		}
		if res[k].IsCacheHit() {
			hits++
		}
		out[i] = outcome(ctx, res[k], &bufs)
	}
	ports.BatchReportFrom(ctx).ServedFromCache(hits)
	if len(rest) == 0 {
		return
	}
	if err := ctx.Err(); err != nil {
		// Ended while the cached reads were out: the rest was never written.
		for _, j := range restAt {
			out[bt.index[j]] = ports.Result{Err: ports.ContextEnded(err, false)}
		}
		return
	}
	res, err = send(ctx, c, rest, nil)
	for k, j := range restAt {
		i := bt.index[j]
		if err != nil {
			out[i] = failure(ctx, err)
			continue
		}
		out[i] = outcome(ctx, res[k], &bufs)
	}
}
