package redpipe

import (
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Cached lets the reads queued on the pipeline, and on pipelines nested in
// it without a Cached of their own, be answered from the driver's
// client-side cache: with a reply no older than ttl, and never one the
// server has said is out of date (RESP3 client tracking invalidates an
// entry as soon as its key changes). A nested Cached(0) turns it off
// again. It is rueidis's DoMultiCache, composable: the cached reads and
// the rest of the batch go in the same Exec, and a read the cache holds
// costs no round trip.
//
// Only reads a cache can keep exact are cached (domain.Cacheable): one key,
// read-only, not blocking, a reply that depends on that key alone (GET,
// HGETALL, ZRANGE, ...; not MGET, TTL or SRANDMEMBER). Reads in an Atomic
// pipeline or on a WithTransaction connection are not, and neither is a
// read that follows, in the same batch, a write of its key (or a write of
// keys redpipe cannot tell, such as a keyless command): it is sent, and
// sees the write. A backend whose client has no cache (see
// Client.CachesReads) sends cached reads like any other.
func Cached(ttl time.Duration) Option {
	return func(o *pipelineOptions) { o.cacheTTL, o.hasCacheTTL = max(ttl, 0), true }
}

// cacheTTLOf is the CacheTTL the commands of a pipeline with options o
// nested in one with inherited get: Cached's, or the parent's, none inside
// an Atomic pipeline (node n).
func cacheTTLOf(o *pipelineOptions, inherited time.Duration, n *node) time.Duration {
	ttl := inherited
	if o.hasCacheTTL {
		ttl = o.cacheTTL
	}
	if ttl > 0 && n.atomicGroup() != nil {
		return 0
	}
	return ttl
}

// markCached gives cmd the pipeline's CacheTTL when it is a cacheable read.
func markCached(cmd *ports.Command, ttl time.Duration) bool {
	if ttl <= 0 || !domain.Cacheable(cmd) {
		return false
	}
	cmd.CacheTTL = ttl
	return true
}

// keepOrderForCache sends as ordinary reads the cached reads of a batch
// that the cache could answer out of order. A backend that caches answers
// them apart from the rest of the batch (from its cache, or sent before
// the rest or beside it), so a cached read that follows a write of its key
// in the batch would not see that write, and one inside MULTI ... EXEC
// would be taken out of its transaction. A write whose keys are not known (a
// keyless one: FLUSHDB, a script without keys) counts as a write of every
// key, and so does a WithTransaction connection's batch: MULTI wraps it
// all. MULTI, EXEC and DISCARD write nothing themselves: the commands
// between them count for what they write.
func keepOrderForCache(cmds []ports.Command, tx bool) {
	inBlock := false
	var written domain.Writes
	for i := range cmds {
		c := &cmds[i]
		switch {
		case c.CacheTTL > 0:
			if tx || inBlock || written.Has(c.Args[1]) {
				c.CacheTTL = 0
			}
		case domain.IsTxControl(c.Name()):
			inBlock = strings.EqualFold(c.Args[0], "MULTI")
		default:
			written.Add(c)
		}
	}
}
