package redpipe

import (
	"context"

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
	// observer is told about each root Exec (WithObserver); nil for none.
	observer() Observer
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
	// it as it is and answers NOSCRIPT with EVAL (scriptSender, script.go);
	// under either, WithCoalescing's coalescer (coalesce.go) merges the
	// batches of concurrent Execs.
	chain ports.Backend
	// clustered: the backend routes by key slot (ports.Clustered), so what
	// must run on one node is refused across slots before it is sent.
	clustered bool
	honours   bool // the chain returns once ctx ends (ports.ContextHonouring)
	// tx: WithTransaction; a command refused before sending aborts its
	// whole batch, as EXECABORT would (plan in exec.go).
	tx bool
}

// ConnOption configures one named connection.
type ConnOption func(*connOptions)

type connOptions struct {
	tx bool // WithTransaction
	// onTx, when set, is told how each transaction ended (Watch's Multi).
	onTx func(txOutcome)
	// coalesce: WithCoalescing's limits; nil sends each Exec by itself.
	coalesce *coalesceLimits
}

// WithTransaction makes every batch that connection receives one MULTI ...
// EXEC transaction, sent in the same single round trip: the futures get
// EXEC's results, and the batch runs atomically. When Redis rejects a
// command while queuing it (an unknown command, a wrong number of
// arguments, ...), EXEC aborts the whole transaction and nothing of it
// runs: every future of that batch gets a *TxAbortedError naming the
// rejected command and carrying Redis's reason. A command redpipe refuses
// before sending (a value no codec encodes: ErrInvalidValue) aborts the
// batch the same way, and then nothing of it is sent at all. A command that fails while
// running (WRONGTYPE, a Lua error) fails only its own future; the others
// ran. On a cluster backend (ports.Clustered), a batch whose keys are in
// several slots gets ErrCrossSlot on every future and nothing is sent.
// Scripts run with RunScript are loaded inside the same transaction ahead
// of the batch's commands (SCRIPT LOAD), so EVALSHA never meets NOSCRIPT
// there and the batch stays one atomic round trip.
func WithTransaction() ConnOption { return func(o *connOptions) { o.tx = true } }

// Default limits of WithCoalescing, from the concurrent benchmark
// (bench/concurrent_test.go). In flight: at least 2 backend Execs, more as
// the round trip grows (coalescer.limit). With a fixed 2, redpipe over
// go-redis ran 1.60× raw go-redis at 64 goroutines on loopback (8 fixed:
// 1.34×) but 0.63× behind a 1 ms link at 16 goroutines, where a waiting
// Exec waited for a whole round trip; adaptive, 1.44× on loopback and
// 0.97× (16 goroutines) and 1.51× (64) behind the link. A group stops
// growing at 4096 commands, far past where one more command still saves a
// syscall.
const (
	defaultCoalesceInFlight = 2
	defaultCoalesceCommands = 4096
)

// WithCoalescing makes that connection send the batches of root Execs
// from different goroutines together (group commit, DESIGN §8): an Exec
// that finds the connection idle goes out at once, on its own; one that
// arrives while the connection has its limit of backend Execs in flight
// waits, and every Exec that waited goes out in the next backend Exec as
// one batch. No timer is involved, so a lone Exec never waits; load alone
// makes batches bigger, and with them fewer write and read syscalls.
//
// Each Exec keeps every guarantee it has without coalescing: its commands
// stay contiguous and in order, its futures get its own replies, its own
// ctx resolves it (cancelled before its batch is sent, it is taken out and
// nothing of it is written; ended while in flight, it returns at once with
// outcome unknown, as without coalescing), a transaction stays one
// MULTI/EXEC, and one Exec's bad input fails only its own futures. Batches
// holding a blocking command (BLPOP, WAIT, XREAD BLOCK, ...) or
// connection state (WATCH, SELECT, a hand-written MULTI, ...) are never
// merged with others, and Watch's pinned connection never coalesces.
//
// A backend failure (a broken connection) fails every command of the
// backend Exec it happened in, as it would fail every command of one
// pipeline. The in-flight limit adapts: at least 2, and as many as one
// backend round trip (a running average) holds 100 µs gaps, up to 64, so
// that a waiting Exec waits about 100 µs however long the round trip is;
// WithCoalescingLimits fixes both bounds instead.
func WithCoalescing() ConnOption {
	return func(o *connOptions) {
		o.coalesce = &coalesceLimits{inFlight: defaultCoalesceInFlight, commands: defaultCoalesceCommands, adaptive: true}
	}
}

// WithCoalescingLimits is WithCoalescing with two fixed bounds: at most
// inFlight backend Execs of that connection at once, whatever the round
// trip (about the number of the driver's connections coalescing should
// keep busy), and at most
// commands in one merged batch (one Exec larger than that still goes out
// whole, alone). Values below 1 take the defaults.
func WithCoalescingLimits(inFlight, commands int) ConnOption {
	if inFlight < 1 {
		inFlight = defaultCoalesceInFlight
	}
	if commands < 1 {
		commands = defaultCoalesceCommands
	}
	return func(o *connOptions) { o.coalesce = &coalesceLimits{inFlight: inFlight, commands: commands} }
}

// newConn builds the connection name over b and its send chain.
func newConn(name string, b ports.Backend, opts connOptions) *conn {
	cn := &conn{name: name, backend: b, tx: opts.tx}
	if cl, ok := b.(ports.Clustered); ok {
		cn.clustered = cl.Clustered()
	}
	next := b
	if opts.coalesce != nil {
		next = newCoalescer(b, *opts.coalesce)
	}
	if mn, ok := b.(ports.MasterNodes); ok && cn.clustered {
		next = &mastersSender{next: next, masters: mn}
	}
	if opts.tx {
		cn.chain = newMultiSender(next, cn.clustered, opts.onTx)
	} else {
		cn.chain = &scriptSender{next: next, clustered: cn.clustered}
	}
	cn.honours = ports.HonoursContext(cn.chain)
	return cn
}

// exec sends one batch through the connection's chain. A backend that
// panics cannot take the batch down with it: every command of that batch
// gets an outcome-unknown error carrying the panic (it may have written
// some of them before it did).
func (c *conn) exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	defer recoverBackendPanic(c.backend, out)
	c.chain.Exec(ctx, cmds, out)
}
