package goredis

import (
	"context"
	"errors"
	"sync"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.MasterNodes = (*backend)(nil)

// MasterBackends gives a Backend over each master's *redis.Client of a
// *redis.ClusterClient, as ClusterClient.ForEachMaster finds them (its
// cluster state, loaded when stale). Over any other client, which is one
// server as far as a keyless command goes, it is this backend itself.
func (b *backend) MasterBackends(ctx context.Context) ([]ports.Backend, error) {
	cc, ok := b.client.(*redis.ClusterClient)
	if !ok {
		return []ports.Backend{b}, nil
	}
	var mu sync.Mutex
	var masters []ports.Backend
	var forErr error
	// ForEachMaster loads the cluster state first, which may not watch ctx;
	// the callback only collects, so nothing is sent from here.
	ended := untilctx.Run(ctx, func() {
		err := cc.ForEachMaster(ctx, func(_ context.Context, master *redis.Client) error {
			mu.Lock()
			masters = append(masters, NewBackend(master))
			mu.Unlock()
			return nil
		})
		mu.Lock()
		forErr = err
		mu.Unlock()
	})
	mu.Lock()
	defer mu.Unlock()
	switch {
	case ended != nil:
		return nil, ended
	case forErr != nil:
		if cerr := ctx.Err(); cerr != nil && errors.Is(forErr, cerr) {
			return nil, cerr
		}
		return nil, &ports.TransportError{Err: forErr}
	}
	return append([]ports.Backend(nil), masters...), nil
}
