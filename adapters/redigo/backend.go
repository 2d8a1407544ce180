package redigo

import (
	"context"
	"errors"
	"fmt"

	"github.com/gomodule/redigo/redis"

	"github.com/redpipe-go/redpipe/internal/ctxerr"
	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	_ ports.Backend = (*backend)(nil)
	_ ports.Pinner  = (*backend)(nil)
)

// errNilPool is what NewBackend(nil) reports: a wiring mistake shown on
// every command's future rather than a panic in the application.
var errNilPool = errors.New("redigo adapter: NewBackend was given a nil *redis.Pool")

// backend sends redpipe batches over connections of the application's pool.
// It holds the pool and nothing else: it never closes it or changes its
// settings, and so does not implement io.Closer.
type backend struct {
	pool *redis.Pool
}

// The backend does not implement ports.ContextHonouring: redigo aborts a
// batch's I/O at ctx's end only through a connection that has
// ConnWithContext (see watch.go), and an application's Dial may give one
// that has not, whose I/O then runs to the driver's own timeouts. Layers
// above (the root) keep their own wait.

// NewBackend returns a Backend that sends each batch as one pipeline on one
// connection taken from p and given back afterwards. p stays the
// application's: redpipe never closes it.
func NewBackend(p *redis.Pool) ports.Backend {
	return &backend{pool: p}
}

// Exec sends cmds on one pooled connection and fills out[i] for every i.
func (b *backend) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	if b.pool == nil {
		fill.All(out, errNilPool)
		return
	}
	if err := ctx.Err(); err != nil {
		fill.All(out, err)
		return
	}
	if rejectEmpty(cmds, out) == len(cmds) {
		return // nothing to send: no need for a connection
	}
	c, err := b.pool.GetContext(ctx)
	if err != nil {
		fill.All(out, getError(ctx, err))
		return
	}
	// Close gives c back to the pool; after a failure run has left c in
	// redigo's error state, and the pool then closes it instead (see doc.go).
	defer c.Close()
	if err := ctx.Err(); err != nil {
		// Ended while we waited for c: c is clean and goes back as it is.
		for i := range cmds {
			if len(cmds[i].Args) > 0 {
				out[i] = ports.Result{Err: err}
			}
		}
		return
	}
	run(ctx, c, cmds, out)
}

// Pin reserves one connection of the pool, waiting for one as the pool's
// Wait setting says, but never past ctx.
func (b *backend) Pin(ctx context.Context) (ports.Pinned, error) {
	if b.pool == nil {
		return nil, errNilPool
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, err := b.pool.GetContext(ctx)
	if err != nil {
		return nil, getError(ctx, err)
	}
	return newPinned(c), nil
}

// getError is what a failed Pool.GetContext means for the commands: ctx's
// own error when ctx ended (the pool's wait and DialContext return it, a
// dial can also give a timeout at the deadline), otherwise a connection
// failure before anything was sent (a refused dial, ErrPoolExhausted, a
// closed pool).
func getError(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if ctxerr.PastDeadline(ctx) && ctxerr.IsTimeout(err) {
		return context.DeadlineExceeded
	}
	return &ports.TransportError{Err: fmt.Errorf("redigo adapter: getting a pooled connection: %w", err)}
}
