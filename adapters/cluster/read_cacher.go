package cluster

import (
	"context"

	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.ReadCacher = (*Router)(nil)

// CachesReads is true when the backend of every master caches reads
// (ports.ReadCacher): the router hands each node's commands, their
// CacheTTL included, to that node's backend, so the cache is the node
// adapter's, kept fresh by that node.
func (r *Router) CachesReads(ctx context.Context) (bool, error) {
	nodes, err := r.MasterBackends(ctx)
	if err != nil {
		return false, err
	}
	for _, n := range nodes {
		if ok, err := ports.CachesReads(ctx, n); !ok || err != nil {
			return false, err
		}
	}
	return len(nodes) > 0, nil
}
