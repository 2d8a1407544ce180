package ports

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
)

// BatchReport is where a backend, or a link of redpipe's send chain, says
// what it did with a batch beyond sending it: which servers a cluster
// router sent it to, how many commands it redirected (MOVED, ASK) or
// retried (TRYAGAIN, a lost connection), how many Execs a coalescing
// connection sent in one backend call with it, and how many commands a
// ReadCacher answered from its client's cache. The root puts one in the ctx of each batch an
// Observer watches, and nowhere else; a backend finds it with
// BatchReportFrom, whose nil result ignores every call, so reporting costs
// nothing when no one watches. Safe for concurrent use.
type BatchReport struct {
	redirects, retries, coalesced, cacheHits atomic.Int64

	mu      sync.Mutex
	servers []string // distinct, in the order first sent to
}

type batchReportKey struct{}

// ContextWithBatchReport gives ctx carrying r.
func ContextWithBatchReport(ctx context.Context, r *BatchReport) context.Context {
	return context.WithValue(ctx, batchReportKey{}, r)
}

// BatchReportFrom is the BatchReport of ctx, nil when it has none.
func BatchReportFrom(ctx context.Context) *BatchReport {
	r, _ := ctx.Value(batchReportKey{}).(*BatchReport)
	return r
}

// Redirected counts n commands sent again to another node after MOVED or ASK.
func (r *BatchReport) Redirected(n int) {
	if r != nil {
		r.redirects.Add(int64(n))
	}
}

// Retried counts n commands sent again after a reply or failure worth
// retrying (TRYAGAIN, CLUSTERDOWN, a connection lost before writing).
func (r *BatchReport) Retried(n int) {
	if r != nil {
		r.retries.Add(int64(n))
	}
}

// Coalesced says that n Execs, the batch's own included, went out in one
// backend call.
func (r *BatchReport) Coalesced(n int) {
	if r != nil {
		r.coalesced.Store(int64(n))
	}
}

// ServedFromCache counts n commands answered from the client's cache,
// without a round trip.
func (r *BatchReport) ServedFromCache(n int) {
	if r != nil && n > 0 {
		r.cacheHits.Add(int64(n))
	}
}

// CacheHits is how many commands ServedFromCache counted.
func (r *BatchReport) CacheHits() int {
	if r == nil {
		return 0
	}
	return int(r.cacheHits.Load())
}

// Counts gives what was reported: redirected and retried commands, and
// the Execs of the batch's send (0 when nothing said).
func (r *BatchReport) Counts() (redirects, retries, coalesced int) {
	if r == nil {
		return 0, 0, 0
	}
	return int(r.redirects.Load()), int(r.retries.Load()), int(r.coalesced.Load())
}

// SentTo records that some of the batch went to the server at addr
// ("host:port").
func (r *BatchReport) SentTo(addr string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	if !slices.Contains(r.servers, addr) {
		r.servers = append(r.servers, addr)
	}
	r.mu.Unlock()
}

// Servers are the servers SentTo named, in the order first named.
func (r *BatchReport) Servers() []string {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.servers)
}
