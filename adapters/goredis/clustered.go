package goredis

import "github.com/redpipe-go/redpipe/ports"

var _ ports.Clustered = (*backend)(nil)

// Clustered reports whether the client is a *redis.ClusterClient.
func (b *backend) Clustered() bool { return b.cluster }
