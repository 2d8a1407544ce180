package redpipe

import (
	"context"

	"github.com/redpipe-go/redpipe/ports"
)

// batch is everything one root Exec sends to one named connection.
type batch struct {
	conn  *conn
	name  string
	index []int // index[k] is the queue position of cmds[k]; nil when the batch is the whole queue
	cmds  []ports.Command
	out   []ports.Result
	// late: the backend's results when it ran under untilctx, read only
	// if it returned in time (finished).
	late     []ports.Result
	started  bool // handed to its backend under untilctx
	finished bool // ... and returned before ctx ended
	// abandoned: ctx ended first; the backend may still read cmds.
	abandoned bool
	// fold: cmds and out are the wire of Atomic transactions folded in;
	// unfold puts back the batch as planned, with its results.
	fold *atomicFold
	// ctx is what an Observer's BatchStart gave, the batch sent with it;
	// nil: the Exec's own.
	ctx context.Context
}

// sendCtx is the ctx the batch is sent with.
func (b *batch) sendCtx(ctx context.Context) context.Context {
	if b.ctx != nil {
		return b.ctx
	}
	return ctx
}

// oneBatch is room for the plan of the common Exec — every command for one
// connection — so that planning it allocates nothing; each root pipeline
// holds one.
type oneBatch struct {
	b    batch
	list [1]*batch
}

// atomicFold is how a batch's Atomic transactions were folded into its
// wire: for the batch as planned (cmds, out), where each command went.
type atomicFold struct {
	cmds []ports.Command
	out  []ports.Result
	// at[k] is the wire position of the batch's command k when it is not
	// in a transaction, -1 when it is.
	at  []int
	txs []foldedTx
}

// foldedTx is one transaction on the wire.
type foldedTx struct {
	start   int   // where its MULTI is on the wire
	members []int // its commands' positions in the batch, in order
	tx      txWire
}
