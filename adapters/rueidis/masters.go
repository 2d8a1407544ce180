package rueidis

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.MasterNodes = (*backend)(nil)

var clusterShards = ports.Command{Args: []string{"CLUSTER", "SHARDS"}, ReadOnly: true}

// MasterBackends gives a Backend over rueidis's connection to each master
// of a rueidis cluster client; over any other client, this backend itself.
//
// rueidis's Nodes() holds a connection per node it knows but does not say
// which are masters, so the masters are asked of the cluster first (CLUSTER
// SHARDS: one round trip more, for the few commands this serves). A master
// rueidis has no connection to is an error, nothing sent.
func (b *backend) MasterBackends(ctx context.Context) ([]ports.Backend, error) {
	if !b.cluster {
		return []ports.Backend{b}, nil
	}
	shards := make([]ports.Result, 1)
	b.Exec(ctx, []ports.Command{clusterShards}, shards)
	masters, err := mastersOf(shards[0])
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		return nil, &ports.TransportError{Err: fmt.Errorf("rueidis adapter: finding the cluster's masters: %w", err)}
	}
	nodes := b.client.Nodes()
	out := make([]ports.Backend, len(masters))
	for i, addr := range masters {
		node, ok := nodes[addr]
		if !ok {
			return nil, &ports.TransportError{Err: fmt.Errorf("rueidis adapter: no connection to master %s", addr)}
		}
		out[i] = NewBackend(node)
	}
	return out, nil
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
