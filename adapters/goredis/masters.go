package goredis

import (
	"context"
	"errors"
	"sync"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.MasterFanout = (*backend)(nil)

// ExecOnMasters sends cmd to every master of a *redis.ClusterClient
// (ClusterClient.ForEachMaster, one pipeline of one command per master,
// through the same guarded path as any batch) and gives each master's
// result. Over any other client, which is one server as far as a keyless
// command goes, it is that client's own result.
func (b *backend) ExecOnMasters(ctx context.Context, cmd ports.Command) []ports.Result {
	cc, ok := b.client.(*redis.ClusterClient)
	if !ok {
		out := make([]ports.Result, 1)
		b.Exec(ctx, []ports.Command{cmd}, out)
		return out
	}
	var mu sync.Mutex
	var results []ports.Result
	var forErr error
	// ForEachMaster loads the cluster state first, which may not watch ctx.
	ended := untilctx.Run(ctx, func() {
		err := cc.ForEachMaster(ctx, func(ctx context.Context, master *redis.Client) error {
			out := make([]ports.Result, 1)
			execPipeline(ctx, wholePart([]ports.Command{cmd}, out, true, false, master))
			mu.Lock()
			results = append(results, out[0])
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
		return []ports.Result{{Err: ports.ContextEnded(ended, true)}}
	case forErr != nil && len(results) == 0:
		if cerr := ctx.Err(); cerr != nil && errors.Is(forErr, cerr) {
			return []ports.Result{{Err: cerr}}
		}
		return []ports.Result{{Err: &ports.TransportError{Err: forErr}}}
	}
	return append([]ports.Result(nil), results...)
}
