package goredis

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	_ ports.Backend          = (*backend)(nil)
	_ ports.BlockExecer      = (*backend)(nil)
	_ ports.ContextHonouring = (*backend)(nil)
	_ ports.ContextHonouring = nilClient{}
)

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

// HonoursContext is true: go-redis itself watches ctx only in part (it
// reads and writes with ctx's deadline only when the client has
// ContextTimeoutEnabled, never watches ctx for cancellation while it waits
// for replies, and finds a cluster node or dials without it), so every
// driver call of Exec and ExecBlocks runs under untilctx, which returns at
// ctx's end. A layer above need not add a goroutine of its own.
func (b *backend) HonoursContext() bool { return true }

// Exec sends cmds as one go-redis pipeline and fills out[i] for every i. A
// batch built by hand with MULTI ... EXEC blocks in it goes as ExecBlocks.
func (b *backend) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if b.blocks != nil {
		if blocks := ports.FindBlocks(cmds); len(blocks) > 0 {
			execTxBlocks(ctx, b.client, b.cluster, b.blocks, cmds, blocks, out)
			return
		}
	}
	execPipeline(ctx, wholePart(cmds, out, b.whole, b.cluster, b.client))
}

// ExecBlocks sends a batch whose MULTI ... EXEC blocks redpipe found: each
// block, whole, on the client that can run it (tx.go); through a
// *redis.Client, whose pipeline is one connection, as one pipeline.
func (b *backend) ExecBlocks(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if b.blocks == nil || len(blocks) == 0 {
		execPipeline(ctx, wholePart(cmds, out, b.whole, b.cluster, b.client))
		return
	}
	execTxBlocks(ctx, b.client, b.cluster, b.blocks, cmds, blocks, out)
}

// part is one go-redis pipeline of an Exec: the whole batch, or one
// MULTI ... EXEC block of it, or what is around the blocks.
type part struct {
	idx []int // positions in the Exec of cmds; nil when part is the whole batch
	bt  *batch
	// cmds and out are the part's own: an abandoned part writes only out,
	// which is then no longer read.
	cmds []ports.Command
	out  []ports.Result
	// on is the client the pipeline runs on; when nil, pick gives it, and
	// what to call once the pipeline has returned (nil: nothing). pick may
	// do I/O that ignores ctx (finding a cluster node).
	on   pipeliner
	pick func(ctx context.Context) (pipeliner, func(), error)
	err  error // pick's
}

// send runs the part's pipeline. It may be abandoned at ctx's end: it
// touches only the part and go-redis.
func (pt *part) send(ctx context.Context) {
	c := pt.on
	if pt.pick != nil {
		var done func()
		var err error
		if c, done, err = pt.pick(ctx); err != nil {
			pt.err = err
			return
		}
		if done != nil {
			defer done()
		}
	}
	pt.bt.run(ctx, c)
}

// results fills the part's out once send has returned (finished), or with
// ctx's error when it was abandoned: go-redis may have written any of its
// commands, their outcome is unknown; what it has not written yet it will
// not write any more (batch.abandon).
func (pt *part) results(ctx context.Context, finished bool) {
	switch {
	case !finished:
		pt.bt.abandon()
		fill.Ended(pt.out, ctx.Err(), true)
	case pt.err != nil:
		fill.All(pt.out, pt.err)
	default:
		pt.bt.results(ctx, pt.out)
	}
}

// execPipeline sends one part and fills its out.
//
// The pipeline runs under untilctx.Run: on a goroutine of its own when ctx
// can end, abandoned when ctx ends first, every command then getting ctx's
// error. The abandoned goroutine only touches its own copies of the
// commands, and ends when go-redis returns, when go-redis's own timeouts
// fire (ReadTimeout, or DialTimeout for a new connection's handshake; its
// retry backoff ends with ctx); the guards make sure a retry after such a
// timeout cannot send a command twice.
func execPipeline(ctx context.Context, pt *part) {
	if len(pt.cmds) == 0 {
		return
	}
	if err := ctx.Err(); err != nil {
		fill.All(pt.out, err)
		return
	}
	if ctx.Done() == nil {
		// Nothing to stop waiting for: no goroutine, and no closure on
		// the heap for one.
		pt.send(ctx)
		pt.results(ctx, true)
		return
	}
	err := untilctx.Run(ctx, func() { pt.send(ctx) })
	pt.results(ctx, err == nil)
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

// HonoursContext: it returns at once.
func (nilClient) HonoursContext() bool { return true }

func (nilClient) Exec(_ context.Context, _ []ports.Command, out []ports.Result) {
	fill.All(out, errNilClient)
}
