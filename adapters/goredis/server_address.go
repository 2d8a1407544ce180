package goredis

import (
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.ServerAddresser = (*backend)(nil)

// ServerAddress is a *redis.Client's Options().Addr. A sentinel-backed
// client (NewFailoverClient) has no fixed address there (go-redis puts
// "FailoverClient"), and a ClusterClient or Ring spreads a batch over
// several servers: "" for them.
func (b *backend) ServerAddress() string {
	c, ok := b.client.(*redis.Client)
	if !ok {
		return ""
	}
	if addr := c.Options().Addr; addr != "FailoverClient" {
		return addr
	}
	return ""
}
