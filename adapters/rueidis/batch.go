package rueidis

import (
	"context"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/ports"
)

// keyMode is how a batch tells rueidis where each command goes.
type keyMode uint8

const (
	// standaloneKeys: no keys at all. A standalone or sentinel client uses a
	// key only to spread batches over its PipelineMultiplex connections at
	// random (mux.go slotfn); without one every batch of the backend takes
	// the same connection, dialled once.
	standaloneKeys keyMode = iota
	// clusterKeys: the first key of each command is given to Keys, the
	// other arguments to Args (see newBatch).
	clusterKeys
	// pinnedKeys: every command is sent to the slot of the Pinned's first
	// key (see pinned in pin.go).
	pinnedKeys
)

// batch is one Exec's commands built for rueidis. A command that cannot be
// sent has its outcome in out already and is not in built.
type batch struct {
	built []rueidis.Completed
	index []int // index[j] is the position in the Exec of built[j]
}

// newBatch builds every command of cmds with b, the arguments on the wire
// being exactly cmds[i].Args, in order.
//
// rueidis's cluster builder panics when two keys given to Keys hash to
// different slots (internal/cmds/cmds.go check), so only the first key goes
// through Keys: rueidis routes by it and the node that owns it checks the
// others itself, answering CROSSSLOT exactly as Redis words it. Keyless
// commands are placed by routeKeyless.
//
// blocks are the batch's MULTI ... EXEC blocks, positions in cmds; nil
// when not known (routeKeyless then finds them, if it needs them).
//
// In pinnedKeys mode, every command is sent to pinKey's slot: a dedicated
// cluster client panics when its commands name another slot (cluster.go
// dedicatedClusterClient.acquire), whereas the node answers MOVED itself.
func newBatch(b rueidis.Builder, cmds []ports.Command, out []ports.Result, mode keyMode, pinKey string, blocks []ports.Block) batch {
	n := len(cmds)
	positions := make([]int, 0, 2*n) // index and keyOf share one allocation
	bt := batch{built: make([]rueidis.Completed, 0, n), index: positions[:0:n]}
	keyOf := positions[n : n : 2*n] // the first key's position, or 0, per built command
	for i := range cmds {
		c, key, err := build(b, &cmds[i], mode == clusterKeys)
		if err != nil {
			out[i] = ports.Result{Err: err}
			continue
		}
		bt.built = append(bt.built, c)
		bt.index = append(bt.index, i)
		keyOf = append(keyOf, key)
	}
	switch mode {
	case clusterKeys:
		bt.routeKeyless(cmds, keyOf, blocks)
	case pinnedKeys:
		for j := range bt.built {
			bt.built[j] = bt.built[j].SetSlot(pinKey)
		}
	}
	return bt
}

// results fills out for the built commands from DoMulti's results, or
// with err when there are none.
func (bt *batch) results(ctx context.Context, res []rueidis.RedisResult, err error, out []ports.Result) {
	var bufs replyBuffers
	for j, i := range bt.index {
		out[i] = result(ctx, res, j, err, &bufs)
	}
}
