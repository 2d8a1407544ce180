package rueidis

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.MasterFanout = (*backend)(nil)

var clusterShards = ports.Command{Args: []string{"CLUSTER", "SHARDS"}, ReadOnly: true}

// ExecOnMasters sends cmd to every master of a rueidis cluster client and
// gives each master's result; over any other client, that client's own.
//
// rueidis's Nodes() holds a connection per node it knows but does not say
// which are masters, so the masters are asked of the cluster first (CLUSTER
// SHARDS: one round trip more, for the few commands this serves), then cmd
// goes to each at once through the same path as any batch. A master
// rueidis has no connection to fails with a transport error, cmd unsent
// there.
func (b *backend) ExecOnMasters(ctx context.Context, cmd ports.Command) []ports.Result {
	if !b.cluster {
		out := make([]ports.Result, 1)
		b.Exec(ctx, []ports.Command{cmd}, out)
		return out
	}
	shards := make([]ports.Result, 1)
	b.Exec(ctx, []ports.Command{clusterShards}, shards)
	masters, err := mastersOf(shards[0])
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return []ports.Result{{Err: cerr}}
		}
		return []ports.Result{{Err: &ports.TransportError{Err: fmt.Errorf("rueidis adapter: finding the cluster's masters: %w", err)}}}
	}
	nodes := b.client.Nodes()
	out := make([]ports.Result, len(masters))
	works := make([]func(), len(masters))
	for i, addr := range masters {
		works[i] = func() {
			node, ok := nodes[addr]
			if !ok {
				out[i] = ports.Result{Err: &ports.TransportError{Err: fmt.Errorf("rueidis adapter: no connection to master %s", addr)}}
				return
			}
			res := make([]ports.Result, 1)
			NewBackend(node).Exec(ctx, []ports.Command{cmd}, res)
			out[i] = res[0]
		}
	}
	untilctx.Parallel(works) // each Exec returns at ctx's end (HonoursContext)
	return out
}

// mastersOf is the address of each shard's master that serves slots (Redis
// 7.0 also lists each replica as the master of a shard without slots).
func mastersOf(r ports.Result) ([]string, error) {
	if r.Err != nil {
		return nil, r.Err
	}
	shards, err := domain.ClusterShards(r.Reply)
	if err != nil {
		return nil, err
	}
	var masters []string
	for _, sh := range shards {
		if len(sh.Slots) == 0 {
			continue
		}
		for _, n := range sh.Nodes {
			if n.Role == "master" {
				masters = append(masters, net.JoinHostPort(n.IP, strconv.FormatInt(n.Port, 10)))
			}
		}
	}
	if len(masters) == 0 {
		return nil, fmt.Errorf("CLUSTER SHARDS names no master serving slots")
	}
	return masters, nil
}
