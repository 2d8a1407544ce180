package redpipe

import (
	"context"
	"errors"
	"time"

	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

// mastersGrace is how long a fan-out still waits for masters after ctx
// ended: a master backend that honours ctx returns within it with what it
// did read; one that ignores ctx is abandoned, its result outcome unknown.
const mastersGrace = 20 * time.Millisecond

var errNoMasters = errors.New("redpipe: the cluster backend named no master")

// onEveryMaster sends cmd to every master of mn at once and gives each
// master's result, in the order MasterBackends named them. It is the one
// copy of the fan-out for every cluster backend: the adapters only say
// where the masters are. A master backend that panics fails its own
// result, maybe written, and no other.
func onEveryMaster(ctx context.Context, mn ports.MasterNodes, cmd ports.Command) []ports.Result {
	backends, err := mn.MasterBackends(ctx)
	if err == nil && len(backends) == 0 {
		err = &ports.TransportError{Err: errNoMasters}
	}
	if err != nil {
		return []ports.Result{{Err: err}}
	}
	// Each work writes only its own slice, so an abandoned one writes
	// nothing the caller reads.
	res := make([][]ports.Result, len(backends))
	works := make([]func(), len(backends))
	for i, b := range backends {
		res[i] = make([]ports.Result, 1)
		works[i] = func() {
			defer recoverBackendPanic(b, res[i])
			b.Exec(ctx, []ports.Command{cmd}, res[i])
		}
	}
	out := make([]ports.Result, len(backends))
	for i, finished := range untilctx.All(ctx, mastersGrace, works) {
		if finished {
			out[i] = res[i][0]
		} else {
			out[i] = ports.Result{Err: ports.ContextEnded(ctx.Err(), true)}
		}
	}
	return out
}
