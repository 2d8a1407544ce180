package cluster

import "github.com/redpipe-go/redpipe/ports"

var _ ports.Clustered = (*Router)(nil)

// Clustered is always true: the router spreads keys over the cluster's slots.
func (r *Router) Clustered() bool { return true }
