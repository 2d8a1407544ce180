package goredis

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

// blockClient picks the client that runs one MULTI ... EXEC block whole,
// or says why the block cannot run (then nothing of it is sent).
type blockClient func(ctx context.Context, block []ports.Command) (pipeliner, error)

// execTxBlocks sends a batch holding MULTI ... EXEC blocks.
//
// The pipeline of a *redis.ClusterClient or a *redis.Ring routes every
// command by its own key and sends keyless ones (MULTI, EXEC, DISCARD) to
// a node of its own choosing (ClusterClient.mapCmdsByNode, Ring.cmdShard
// picks a random shard), so a transaction's commands would land on
// different servers: EXEC without MULTI on one, a connection left inside
// MULTI on another, some commands applied. Each block goes instead, whole
// and in order, as one pipeline of the one *redis.Client that pick gives
// for it; the runs of commands around the blocks go through rest as usual.
//
// Those parts travel on different connections, so two of them sent at
// once could run in either order. Parts go out together, one round trip
// per server, until a part touches a slot an earlier part of the same
// phase touches: that part waits for the phase before it, so commands on a
// key still run in the batch's order. Picking a block's client and sending
// every part run under untilctx.All, so Exec returns at ctx's end; a phase
// not started by then is never sent.
func execTxBlocks(ctx context.Context, rest pipeliner, cluster bool, pick blockClient, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if err := ctx.Err(); err != nil {
		fill.All(out, err)
		return
	}
	var parts []*part
	var run *part // the run of commands around the blocks being collected
	next := 0
	for _, b := range blocks {
		for ; next < b.Start; next++ {
			if run == nil {
				run = &part{on: rest}
				parts = append(parts, run)
			}
			run.idx = append(run.idx, next)
		}
		run = nil
		p := &part{}
		for ; next < b.End; next++ {
			p.idx = append(p.idx, next)
		}
		parts = append(parts, p)
	}
	for ; next < len(cmds); next++ {
		if run == nil {
			run = &part{on: rest}
			parts = append(parts, run)
		}
		run.idx = append(run.idx, next)
	}
	for _, p := range parts {
		p.cmds = make([]ports.Command, len(p.idx))
		for j, i := range p.idx {
			p.cmds[j] = cmds[i]
		}
		p.out = make([]ports.Result, len(p.idx))
		if p.on != nil {
			p.bt = newBatch(p.cmds, false, cluster)
		} else {
			p.bt = newBatch(p.cmds, true, false)
			p.pick = func(ctx context.Context) (pipeliner, func(), error) {
				c, err := pick(ctx, p.cmds)
				return c, nil, err
			}
		}
	}
	for _, phase := range phases(parts) {
		if err := ctx.Err(); err != nil {
			for _, p := range phase {
				fill.Ended(p.out, err, false) // never handed to go-redis
			}
			continue
		}
		works := make([]func(), len(phase))
		for k, p := range phase {
			works[k] = func() { p.send(ctx) }
		}
		for k, ok := range untilctx.All(ctx, 0, works) {
			phase[k].results(ctx, ok)
		}
	}
	for _, p := range parts {
		for j, i := range p.idx {
			out[i] = p.out[j]
		}
	}
}

// phases groups parts, in order, into phases whose parts touch no slot in
// common, so that each phase can go out at once.
func phases(parts []*part) [][]*part {
	var out [][]*part
	var cur []*part
	used := map[int]bool{}
	for _, p := range parts {
		slots := partSlots(p.cmds)
		for _, s := range slots {
			if used[s] {
				out, cur, used = append(out, cur), nil, map[int]bool{}
				break
			}
		}
		for _, s := range slots {
			used[s] = true
		}
		cur = append(cur, p)
	}
	return append(out, cur)
}

// partSlots are the slots of cmds' keys (a keyless block counts as slot
// 0, where clusterMaster sends it; keyless commands outside blocks go
// anywhere and order nothing).
func partSlots(cmds []ports.Command) []int {
	var slots []int
	block := len(cmds) > 0 && cmds[0].Name() == "MULTI"
	for i := range cmds {
		c := &cmds[i]
		for _, pos := range c.Keys {
			if pos > 0 && pos < len(c.Args) {
				slots = append(slots, domain.Slot(c.Args[pos]))
			}
		}
	}
	if block && len(slots) == 0 {
		slots = append(slots, 0)
	}
	return slots
}

// clusterMaster runs a block on the master that owns its first key (a
// keyless block on the master of slot 0). A block that is redirected (MOVED,
// during a resharding) is not followed: its commands get the node's error
// and EXEC aborts, so nothing of it runs twice. That all keys of a block are
// in one slot is the caller's to ensure (redpipe's root refuses a
// transaction across slots before sending it); otherwise the node answers
// CROSSSLOT and EXEC aborts.
func clusterMaster(c *redis.ClusterClient) blockClient {
	return func(ctx context.Context, block []ports.Command) (pipeliner, error) {
		key, _ := ports.FirstKey(block)
		node, err := c.MasterForKey(ctx, key)
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return nil, cerr
			}
			return nil, &ports.TransportError{Err: err}
		}
		return node, nil
	}
}

// ringShard runs a block on the Ring shard that owns every one of its keys
// (go-redis's own Ring.Watch rule); a block whose keys belong to different
// shards could not run atomically anywhere and is refused, nothing sent.
func ringShard(r *redis.Ring) blockClient {
	return func(_ context.Context, block []ports.Command) (pipeliner, error) {
		return ringShardOf(r, block)
	}
}

// ringShardOf is the one shard client of every key of cmds ("" for a
// keyless batch, as go-redis hashes it).
func ringShardOf(r *redis.Ring, cmds []ports.Command) (*redis.Client, error) {
	var shard *redis.Client
	var first string
	for i := range cmds {
		c := &cmds[i]
		for _, pos := range c.Keys {
			if pos <= 0 || pos >= len(c.Args) {
				continue
			}
			key := c.Args[pos]
			s, err := r.GetShardClientForKey(key)
			if err != nil {
				return nil, &ports.TransportError{Err: err}
			}
			switch {
			case shard == nil:
				shard, first = s, key
			case s != shard:
				return nil, fmt.Errorf("%w: goredis adapter: keys %q and %q are on different shards of the *redis.Ring (%s and %s), so their transaction or pinned connection cannot run on one server; nothing of it was sent",
					domain.ErrCrossSlot, first, key, shard.Options().Addr, s.Options().Addr)
			}
		}
	}
	if shard == nil {
		return r.GetShardClientForKey("")
	}
	return shard, nil
}

// refuseBlocks is the blockClient of a client that cannot be trusted with
// connection state: an *redis.AutoPipeliner shares its connections between
// callers, and a UniversalClient of another kind routes in ways unknown.
func refuseBlocks(c redis.UniversalClient) blockClient {
	err := fmt.Errorf("goredis adapter: a MULTI ... EXEC transaction cannot be sent through a %T: it could split MULTI and EXEC across connections or servers; nothing of it was sent (give NewBackend a *redis.Client, *redis.ClusterClient or *redis.Ring)", c)
	return func(context.Context, []ports.Command) (pipeliner, error) { return nil, err }
}
