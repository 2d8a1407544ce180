package redpipe

import (
	"context"

	"github.com/redpipe-go/redpipe/ports"
)

// exec sends one batch to this connection's backend. It is the single place
// where per-connection behaviour (transactions, script reloads) wraps the
// backend's Exec:
//
//   - a WithTransaction connection sends the batch as one MULTI ... EXEC
//     (execTx, transaction.go);
//   - once a script exists (NewScript), EVALSHAs answered NOSCRIPT are sent
//     again as EVAL in one more Exec, and on a cluster a script across
//     slots is refused before sending (execScripts, script.go);
//   - otherwise the batch goes to the backend as it is.
func (c *conn) exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	switch {
	case c.opts.tx:
		o := execTx(ctx, c.backend, c.clustered, cmds, out)
		if c.opts.onTx != nil {
			c.opts.onTx(o)
		}
	case scriptsInUse.Load():
		execScripts(ctx, c.backend, c.clustered, cmds, out)
	default:
		c.backend.Exec(ctx, cmds, out)
	}
}
