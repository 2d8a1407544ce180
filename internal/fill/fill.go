package fill

import "github.com/redpipe-go/redpipe/ports"

// All sets every slot of out to err (and no reply).
func All(out []ports.Result, err error) {
	for i := range out {
		out[i] = ports.Result{Err: err}
	}
}

// Ended fills out for a batch that stopped because ctx ended, ctxErr being
// ctx.Err(): by the rule of ports.ContextEnded, ctxErr itself when no
// command can have been written, an outcome-unknown *ports.TransportError
// wrapping it when any may have been.
func Ended(out []ports.Result, ctxErr error, maybeWritten bool) {
	All(out, ports.ContextEnded(ctxErr, maybeWritten))
}
