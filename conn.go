package redpipe

import (
	"context"
	"fmt"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

// DefaultConn is the connection a pipeline uses when no On option names one.
const DefaultConn = "default"

// connections is what a root pipeline sends through: a Client's registry,
// or the one-connection registry of a Watch.
type connections interface {
	lookup(name string) *conn
	// batchHint is how many commands a new batch is likely to hold;
	// noteBatch tells it the size of a batch being sent.
	batchHint() int
	noteBatch(n int)
}

// conn is one named connection: the backend it was given and the send
// chain built over it once, at Connect. The executor only calls exec; it
// never asks which features a connection has.
type conn struct {
	name    string
	backend ports.Backend // as the application gave it: what Close and Watch look at
	// chain is backend wrapped by what this connection was given, each link
	// itself a ports.Backend: a WithTransaction connection sends every
	// batch as one MULTI ... EXEC (multiSender, multi.go); any other sends
	// it as it is and answers NOSCRIPT with EVAL (scriptSender, script.go).
	chain ports.Backend
	// clustered: the backend routes by key slot (ports.Clustered), so what
	// must run on one node is refused across slots before it is sent.
	clustered bool
	honours   bool // the chain returns once ctx ends (ports.ContextHonouring)
}

// ConnOption configures one named connection.
type ConnOption func(*connOptions)

type connOptions struct {
	tx bool // WithTransaction
	// onTx, when set, is told how each transaction ended (Watch's Multi).
	onTx func(txOutcome)
}

// WithTransaction makes every batch that connection receives one MULTI ...
// EXEC transaction, sent in the same single round trip: the futures get
// EXEC's results, and the batch runs atomically. When Redis rejects a
// command while queuing it (an unknown command, a wrong number of
// arguments, ...), EXEC aborts the whole transaction and nothing of it
// runs: every future of that batch gets a *TxAbortedError naming the
// rejected command and carrying Redis's reason. A command that fails while
// running (WRONGTYPE, a Lua error) fails only its own future; the others
// ran. On a cluster backend (ports.Clustered), a batch whose keys are in
// several slots gets ErrCrossSlot on every future and nothing is sent.
// Scripts run with RunScript are loaded inside the same transaction ahead
// of the batch's commands (SCRIPT LOAD), so EVALSHA never meets NOSCRIPT
// there and the batch stays one atomic round trip.
func WithTransaction() ConnOption { return func(o *connOptions) { o.tx = true } }

// newConn builds the connection name over b and its send chain.
func newConn(name string, b ports.Backend, opts connOptions) *conn {
	cn := &conn{name: name, backend: b}
	if cl, ok := b.(ports.Clustered); ok {
		cn.clustered = cl.Clustered()
	}
	if opts.tx {
		cn.chain = newMultiSender(b, cn.clustered, opts.onTx)
	} else {
		cn.chain = &scriptSender{next: b, clustered: cn.clustered}
	}
	cn.honours = ports.HonoursContext(cn.chain)
	return cn
}

// exec sends one batch through the connection's chain. A backend that
// panics cannot take the batch down with it: every command of that batch
// gets an outcome-unknown error carrying the panic (it may have written
// some of them before it did).
func (c *conn) exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	defer func() {
		if v := recover(); v != nil {
			err := &ports.TransportError{Err: newPanicError(fmt.Sprintf("the Exec of backend %T", c.backend), v), MaybeWritten: true}
			fill.All(out, err)
		}
	}()
	c.chain.Exec(ctx, cmds, out)
}
