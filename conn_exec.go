package redpipe

import (
	"context"

	"github.com/redpipe-go/redpipe/ports"
)

// exec sends one batch to this connection's backend. It is the single place
// where per-connection behaviour (transactions, script reloads) wraps the
// backend's Exec.
func (c *conn) exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	c.backend.Exec(ctx, cmds, out)
}
