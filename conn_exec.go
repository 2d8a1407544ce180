package redpipe

import (
	"context"
	"fmt"

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
//
// A backend that panics cannot take the batch down with it: every command
// of that batch gets an outcome-unknown error carrying the panic (it may
// have written some of them before it did).
func (c *conn) exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	defer func() {
		if v := recover(); v != nil {
			err := &ports.TransportError{Err: newPanicError(fmt.Sprintf("the Exec of backend %T", c.backend), v), MaybeWritten: true}
			for i := range out {
				out[i] = ports.Result{Err: err}
			}
		}
	}()
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
