package goredis

import (
	"context"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/ports"
)

// execClusterTx sends a batch holding MULTI ... EXEC blocks through a
// *redis.ClusterClient, and reports false (sending nothing) when the batch
// holds none.
//
// A ClusterClient pipeline routes every command by its own key and sends
// keyless ones (MULTI, EXEC, DISCARD) to a master of its choosing
// (ClusterClient.mapCmdsByNode), so a transaction's commands would land on
// different nodes. Each block goes instead, whole and in order, as one
// pipeline of the *redis.Client of the master that owns the block's first
// key (ClusterClient.MasterForKey); the rest of the batch goes through the
// cluster pipeline as usual, and all of them at once: still one round trip
// per node. A block that is redirected (MOVED, during a resharding) is not
// followed: its commands get the node's error and EXEC aborts, so nothing
// of it runs twice. That all keys of a block are in one slot is the
// caller's to ensure (redpipe's root refuses a transaction across slots
// before sending it); otherwise the node answers CROSSSLOT and EXEC aborts.
func execClusterTx(ctx context.Context, c *redis.ClusterClient, cmds []ports.Command, out []ports.Result) bool {
	blocks := txBlocks(cmds)
	if len(blocks) == 0 {
		return false
	}
	type part struct {
		idx  []int
		cmds []ports.Command
		out  []ports.Result
		node bool // a transaction block, sent to its master's client
	}
	var parts []*part
	rest := &part{}
	next := 0
	for _, b := range blocks {
		for ; next < b[0]; next++ {
			rest.idx = append(rest.idx, next)
		}
		p := &part{node: true}
		for ; next < b[1]; next++ {
			p.idx = append(p.idx, next)
		}
		parts = append(parts, p)
	}
	for ; next < len(cmds); next++ {
		rest.idx = append(rest.idx, next)
	}
	if len(rest.idx) > 0 {
		parts = append(parts, rest)
	}
	var wg sync.WaitGroup
	for _, p := range parts {
		p.cmds = make([]ports.Command, len(p.idx))
		for j, i := range p.idx {
			p.cmds[j] = cmds[i]
		}
		p.out = make([]ports.Result, len(p.idx))
		wg.Go(func() {
			if !p.node {
				execPipeline(ctx, c, p.cmds, p.out, false, true, nil)
				return
			}
			key, _ := ports.FirstKey(p.cmds) // a keyless block goes to the master of slot 0 ("")
			node, err := c.MasterForKey(ctx, key)
			if err != nil {
				if cerr := ctx.Err(); cerr != nil {
					fillErr(p.out, cerr)
				} else {
					fillErr(p.out, &ports.TransportError{Err: err})
				}
				return
			}
			execPipeline(ctx, node, p.cmds, p.out, true, false, nil)
		})
	}
	wg.Wait()
	for _, p := range parts {
		for j, i := range p.idx {
			out[i] = p.out[j]
		}
	}
	return true
}

// txBlocks returns the [start, end) positions of each MULTI ... EXEC (or
// DISCARD) block of cmds; a MULTI left open runs to the end of the batch.
func txBlocks(cmds []ports.Command) [][2]int {
	var blocks [][2]int
	for i := 0; i < len(cmds); i++ {
		if !strings.EqualFold(cmds[i].Name(), "MULTI") {
			continue
		}
		end := len(cmds)
		for j := i + 1; j < len(cmds); j++ {
			if n := cmds[j].Name(); strings.EqualFold(n, "EXEC") || strings.EqualFold(n, "DISCARD") {
				end = j + 1
				break
			}
		}
		blocks = append(blocks, [2]int{i, end})
		i = end - 1
	}
	return blocks
}
