package rueidis

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	_ ports.Backend          = (*backend)(nil)
	_ ports.Pinner           = (*backend)(nil)
	_ ports.BlockExecer      = (*backend)(nil)
	_ ports.ContextHonouring = (*backend)(nil)
	_ ports.ContextHonouring = nilClient{}
)

// backend sends redpipe batches through the application's rueidis client.
// It holds the client and nothing else: it never closes it or changes its
// options, and so does not implement io.Closer.
type backend struct {
	client rueidis.Client
	// cluster: the client routes by key slot, so commands carry their first
	// key's slot (see route in build.go).
	cluster bool
	// caches is what CachesReads found: cachesUnknown until it asked.
	caches atomic.Int32
	// cacheInUse: some batch had cached reads, so batches with writes
	// wait for their invalidations (syncPings).
	cacheInUse atomic.Bool
}

// NewBackend returns a Backend that sends each batch with one DoMulti on c:
// one round trip for a standalone (or sentinel) client, one per node for a
// cluster client. c stays the application's: redpipe never closes it.
func NewBackend(c rueidis.Client) ports.Backend {
	if c == nil {
		return nilClient{}
	}
	return &backend{client: c, cluster: c.Mode() == rueidis.ClientModeCluster}
}

// HonoursContext is true: DoMulti runs under untilctx (see send), so Exec
// returns once ctx ends even where rueidis itself does not watch ctx.
func (b *backend) HonoursContext() bool { return true }

// Exec sends cmds with one DoMulti and fills out[i] for every i.
func (b *backend) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	b.exec(ctx, cmds, nil, out)
}

// ExecBlocks is Exec for a batch whose MULTI ... EXEC blocks redpipe
// found: on a cluster client, the commands of a block are all sent to the
// slot of its first key (see routeKeyless).
func (b *backend) ExecBlocks(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if blocks == nil {
		blocks = []ports.Block{} // known: none
	}
	b.exec(ctx, cmds, blocks, out)
}

// exec sends cmds; blocks nil means not known yet (found if needed).
func (b *backend) exec(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	if err := ctx.Err(); err != nil {
		fill.All(out, err)
		return
	}
	keys := standaloneKeys
	if b.cluster {
		keys = clusterKeys
	}
	bt := newBatch(b.client.B(), cmds, out, keys, "", blocks)
	if len(bt.built) == 0 {
		return
	}
	ttls := bt.cachedReads(cmds)
	if ttls != nil {
		b.cacheInUse.Store(true)
	}
	if added := b.syncPings(&bt, cmds); added > 0 && ttls != nil {
		ttls = append(ttls, make([]time.Duration, added)...)
	}
	if ttls != nil {
		bt.sendWithCache(ctx, b.client, cmds, ttls, out)
		return
	}
	res, err := send(ctx, b.client, bt.built, nil)
	bt.results(ctx, res, err, out)
}

// nilClient is what NewBackend(nil) gives: a wiring mistake reported on
// every command's future rather than a panic in the application.
type nilClient struct{}

var errNilClient = errors.New("rueidis adapter: NewBackend was given a nil rueidis client")

// HonoursContext: it returns at once.
func (nilClient) HonoursContext() bool { return true }

func (nilClient) Exec(_ context.Context, _ []ports.Command, out []ports.Result) {
	fill.All(out, errNilClient)
}

func (nilClient) Pin(context.Context) (ports.Pinned, error) { return nil, errNilClient }
