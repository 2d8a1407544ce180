package cluster

import (
	"context"
	"fmt"

	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.MasterNodes = (*Router)(nil)

// MasterBackends gives the node backend of every master of the current
// slot map (the root guards each call, as the router does its own). Nothing
// sent through them follows a redirect: what they are for
// (domain.WholeDeployment's commands, SCAN) is keyless.
func (r *Router) MasterBackends(context.Context) ([]ports.Backend, error) {
	if err := r.base.Err(); err != nil {
		return nil, errClosed
	}
	addrs := r.slots.Load().masters()
	out := make([]ports.Backend, len(addrs))
	for i, addr := range addrs {
		node, err := r.nodes.get(addr)
		if err != nil {
			return nil, &ports.TransportError{Err: fmt.Errorf("cluster: master %s: %w", addr, err)}
		}
		out[i] = node
	}
	return out, nil
}
