package cluster

import (
	"context"

	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.MasterFanout = (*Router)(nil)

// ExecOnMasters sends cmd once to every master of the current slot map,
// all at once, and gives each master's result. It follows no redirect: the
// commands it is for (domain.WholeDeployment) are keyless. A master whose
// node backend ignores ctx is abandoned lateGrace after ctx's end, its
// result then outcome unknown.
func (r *Router) ExecOnMasters(ctx context.Context, cmd ports.Command) []ports.Result {
	if err := r.base.Err(); err != nil {
		return []ports.Result{{Err: errClosed}}
	}
	addrs := r.slots.Load().masters()
	res := make([][]ports.Result, len(addrs)) // each work's own: an abandoned one writes only there
	works := make([]func(), len(addrs))
	for i, addr := range addrs {
		res[i] = make([]ports.Result, 1)
		works[i] = func() {
			node, err := r.nodes.get(addr)
			if err != nil {
				res[i][0] = ports.Result{Err: &ports.TransportError{Err: err}}
				return
			}
			safeExec(ctx, node, []ports.Command{cmd}, res[i])
		}
	}
	out := make([]ports.Result, len(addrs))
	for i, ok := range untilctx.All(ctx, lateGrace, works) {
		if ok {
			out[i] = res[i][0]
		} else {
			out[i] = ports.Result{Err: ports.ContextEnded(ctx.Err(), true)}
		}
	}
	return out
}
