package rueidis

import "github.com/redpipe-go/redpipe/ports"

var _ ports.ServerAddresser = (*backend)(nil)

// ServerAddress is the one node a standalone (or sentinel) rueidis client
// is connected to, as Nodes() names it; "" for a cluster client, which
// spreads a batch over its nodes.
func (b *backend) ServerAddress() string {
	if b.cluster {
		return ""
	}
	nodes := b.client.Nodes()
	if len(nodes) != 1 {
		return ""
	}
	for addr := range nodes {
		return addr
	}
	return ""
}
