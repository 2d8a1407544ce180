package goredis

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.Backend = (*backend)(nil)

// backend sends redpipe batches through the application's go-redis client.
// It holds the client and nothing else: it never closes it, adds hooks to
// it or changes its options, and so does not implement io.Closer.
type backend struct {
	client redis.UniversalClient
	// whole: the client resends a failed pipeline as a whole (see batch.whole).
	whole bool
	// cluster: the client routes by key slot (see emptyKey).
	cluster bool
	// blocks picks where each MULTI ... EXEC block of a batch runs; nil for
	// a *redis.Client, whose pipeline keeps a block on one connection.
	blocks blockClient
}

// NewBackend returns a Backend that sends each batch as one go-redis
// pipeline on c: one round trip for a *redis.Client, one per node for a
// *redis.ClusterClient, one per shard for a *redis.Ring. c stays the
// application's: redpipe never closes it.
//
// Transactions (a WithTransaction connection, Watch) run whole on one
// server: on a ClusterClient on the master of their slot, on a Ring on the
// shard that owns all their keys — one whose keys span shards fails with
// ErrCrossSlot and nothing of it is sent. Through a *redis.AutoPipeliner or
// any other UniversalClient, whose connections redpipe cannot pin,
// transactions and Watch are refused before anything is sent; plain
// pipelines work through every client.
func NewBackend(c redis.UniversalClient) ports.Backend {
	if c == nil {
		return nilClient{}
	}
	b := &backend{client: c}
	switch c := c.(type) {
	case *redis.Client:
		b.whole = true
	case *redis.ClusterClient: // NewFailoverClusterClient's too
		b.cluster, b.blocks = true, clusterMaster(c)
	case *redis.Ring:
		b.blocks = ringShard(c)
	default: // *redis.AutoPipeliner, or a UniversalClient of the application's
		b.blocks = refuseBlocks(c)
	}
	return b
}

// Exec sends cmds as one go-redis pipeline and fills out[i] for every i.
func (b *backend) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if b.blocks != nil && execTxBlocks(ctx, b.client, b.cluster, b.blocks, cmds, out) {
		return // MULTI ... EXEC blocks each on the client that can run it whole (tx.go)
	}
	execPipeline(ctx, b.client, cmds, out, b.whole, b.cluster, nil)
}

// execPipeline runs cmds as one pipeline of p and fills out.
//
// go-redis reads and writes with ctx's deadline only when the client has
// ContextTimeoutEnabled, and never watches ctx for cancellation while it
// waits for replies. So the pipeline runs on a goroutine of its own when ctx
// can end, and execPipeline stops waiting when it does: every command then
// gets ctx's error. The abandoned goroutine only touches its own copies of
// the commands, and ends when go-redis returns, when go-redis's own timeouts
// fire (ReadTimeout, or DialTimeout for a new connection's handshake; its
// retry backoff ends with ctx); the guards make sure a retry after such a
// timeout cannot send a command twice. finished, when not nil, is called once
// go-redis has returned, whether or not execPipeline still waited for it.
func execPipeline(ctx context.Context, p pipeliner, cmds []ports.Command, out []ports.Result, whole, cluster bool, finished func()) {
	if len(cmds) == 0 || ctx.Err() != nil {
		if len(cmds) > 0 {
			fill.All(out, ctx.Err())
		}
		if finished != nil {
			finished()
		}
		return
	}
	bt := newBatch(cmds, whole, cluster)
	if ctx.Done() == nil {
		bt.run(ctx, p)
		bt.results(ctx, out)
		if finished != nil {
			finished()
		}
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		bt.run(ctx, p)
		if finished != nil {
			finished()
		}
	}()
	select {
	case <-done:
		bt.results(ctx, out)
	case <-ctx.Done():
		select {
		case <-done: // finished at the same moment: its results are real
			bt.results(ctx, out)
		default:
			// go-redis may have written any of them: their outcome is unknown.
			fill.Ended(out, ctx.Err(), true)
		}
	}
}

// pipeliner is what a batch needs of a go-redis client: a *redis.Client,
// a *redis.ClusterClient, or the *redis.Conn of a pinned connection.
type pipeliner interface {
	Pipeline() redis.Pipeliner
}

// nilClient is what NewBackend(nil) gives: a wiring mistake reported on
// every command's future rather than a panic in the application.
type nilClient struct{}

var errNilClient = errors.New("goredis adapter: NewBackend was given a nil go-redis client")

func (nilClient) Exec(_ context.Context, _ []ports.Command, out []ports.Result) {
	fill.All(out, errNilClient)
}
