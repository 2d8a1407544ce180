package rueidis

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/domain"
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
// (ttls[j] > 0) and fills out: the cached reads through DoMultiCache, the
// rest with DoMulti. The root has kept out of the cached reads every one
// that follows a write of its key in the batch (redpipe's
// keepOrderForCache), so answering them before the rest keeps the batch's
// order. When no command of the rest writes the key of a cached read
// (domain.CachedReadsIndependent: the common case, reads of profiles
// beside writes of counters), both go at once, so the reads the cache
// misses ride in the round trip of the rest; otherwise the cached reads go
// first, and their misses cost a round trip of their own. Reads the cache
// holds cost none either way.
func (bt *batch) sendWithCache(ctx context.Context, c rueidis.Client, cmds []ports.Command, ttls []time.Duration, out []ports.Result) {
	nc := 0
	for _, ttl := range ttls {
		if ttl > 0 {
			nc++
		}
	}
	// The cached part first, the rest after it, in one allocation each.
	n := len(ttls)
	built, at, cachedTTLs := make([]rueidis.Completed, 0, n), make([]int, 0, n), make([]time.Duration, 0, nc)
	for j, ttl := range ttls {
		if ttl > 0 {
			built, at, cachedTTLs = append(built, bt.built[j]), append(at, j), append(cachedTTLs, ttl)
		}
	}
	for j, ttl := range ttls {
		if ttl <= 0 {
			built, at = append(built, bt.built[j]), append(at, j)
		}
	}
	cached, rest := built[:nc], built[nc:]
	cachedAt, restAt := at[:nc], at[nc:] // positions in bt.built
	doer := &cachingDoer{client: c, ttls: cachedTTLs}
	var cres, rres []rueidis.RedisResult
	var cerr, rerr error
	switch {
	case len(rest) == 0:
		cres, cerr = send(ctx, doer, cached, nil)
	case domain.CachedReadsIndependent(cmds):
		done := make(chan struct{})
		go func() { // returns by ctx's end at the latest, as send does
			defer close(done)
			cres, cerr = send(ctx, doer, cached, nil)
		}()
		rres, rerr = send(ctx, c, rest, nil)
		<-done
	default:
		cres, cerr = send(ctx, doer, cached, nil)
		if err := ctx.Err(); err != nil {
			// Ended while the cached reads were out: the rest was never written.
			for _, j := range restAt {
				if !bt.isSyncPing(j) {
					out[bt.index[j]] = ports.Result{Err: ports.ContextEnded(err, false)}
				}
			}
			restAt = nil
		} else {
			rres, rerr = send(ctx, c, rest, nil)
		}
	}
	var bufs replyBuffers
	hits := 0
	for k, j := range cachedAt {
		if cerr == nil && cres[k].IsCacheHit() {
			hits++
		}
		out[bt.index[j]] = result(ctx, cres, k, cerr, &bufs)
	}
	ports.BatchReportFrom(ctx).ServedFromCache(hits)
	for k, j := range restAt {
		if !bt.isSyncPing(j) {
			out[bt.index[j]] = result(ctx, rres, k, rerr, &bufs)
		}
	}
}

// result is the outcome of res[k], or err's when there are no results.
func result(ctx context.Context, res []rueidis.RedisResult, k int, err error, bufs *replyBuffers) ports.Result {
	if err != nil {
		return failure(ctx, err)
	}
	return outcome(ctx, res[k], bufs)
}
