package redpipe

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// cleanupTimeout bounds the UNWATCH that Watch sends before giving a
// pinned connection back when ctx has already ended (or ends during it).
// A connection on which it does not complete is discarded by its adapter.
const cleanupTimeout = 500 * time.Millisecond

// Tx is an optimistic transaction in progress: the function given to Watch
// reads through Pipeline (each Exec runs at once on the watched connection)
// and queues its writes on Multi, which Watch sends as MULTI/EXEC when the
// function returns nil. A Tx is a Scope: reusable functions that take a
// Scope read through it. It is valid only while the function runs.
type Tx struct {
	name  string
	reads *Client // one connection: the pinned one, WATCH sent ahead of the first batch
	multi *Client // the same connection, every batch a MULTI/EXEC

	mu      sync.Mutex
	writes  *Pipeline
	outcome txOutcome
}

// Pipeline returns a root pipeline on the watched connection: its Exec
// sends its commands at once (the reads of an optimistic transaction). The
// Tx has only that connection: On naming another one gives those commands
// ErrUnknownConn.
func (tx *Tx) Pipeline(opts ...Option) *Pipeline {
	return newRoot(tx.reads, append([]Option{On(tx.name)}, opts...))
}

// Multi returns the pipeline that collects the transaction's writes (the
// same one each call). Watch executes it, as one MULTI/EXEC, after the
// function returned nil; the function must not execute it. Its futures are
// resolved then; after a WATCH conflict they fail (the function runs again
// and queues new ones).
func (tx *Tx) Multi() *Pipeline {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.writes == nil {
		tx.writes = newRoot(tx.multi, []Option{On(tx.name)})
	}
	return tx.writes
}

func (tx *Tx) record(o txOutcome) {
	tx.mu.Lock()
	tx.outcome = o
	tx.mu.Unlock()
}

func (tx *Tx) result() (*Pipeline, txOutcome) {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	return tx.writes, tx.outcome
}

// Watch runs an optimistic transaction on one pinned connection of the
// connection On names (DefaultConn without it): it WATCHes keys, calls fn,
// and when fn returns nil sends the writes fn queued on tx.Multi() as one
// MULTI/EXEC. When a watched key changed meanwhile, EXEC aborts, nothing
// is written, and fn runs again, at most MaxRetries times (DefaultMaxRetries
// without the option); then Watch returns an error wrapping ErrTxFailed.
//
// Round trips per attempt: WATCH goes out with fn's first read batch, and
// the writes in one more, so a read-compute-write attempt costs two (one
// when fn does not read). fn's error aborts the transaction: Watch sends
// UNWATCH (when WATCH was sent) and returns the error; so it does when ctx
// ends, returning ctx's error. A panic in fn propagates after the same
// cleanup. The pinned connection always goes back clean (no WATCH left,
// no unread reply); one that broke is discarded by its adapter.
//
// Watch returns nil when the transaction committed and every write
// succeeded; the error of Multi's Exec when some write failed (the others
// ran: MULTI/EXEC does not roll back) or was rejected (EXECABORT: none ran).
//
// The backend must implement ports.Pinner (every adapter of this module
// does). keys must not be empty; on a cluster (ports.Clustered) they must
// hash to one slot, the pinned connection going to the master of that
// slot, or Watch returns ErrCrossSlot before sending anything.
func (c *Client) Watch(ctx context.Context, keys []string, fn func(tx *Tx) error, opts ...Option) error {
	o := applyOptions(opts)
	if o.conn == "" {
		o.conn = DefaultConn
	}
	retries := DefaultMaxRetries
	if o.hasRetries {
		retries = o.retries
	}
	switch {
	case len(keys) == 0:
		return fmt.Errorf("%w: Watch needs at least one key", ErrInvalidValue)
	case fn == nil:
		return fmt.Errorf("%w: Watch with a nil function", ErrInvalidValue)
	}
	cn := c.lookup(o.conn)
	if cn == nil {
		return fmt.Errorf("%w: %q", ErrUnknownConn, o.conn)
	}
	watch := ports.Command{Args: append([]string{"WATCH"}, keys...), Keys: domain.KeysFrom(1, 1+len(keys))}
	if cn.clustered {
		if err := sameSlot([]ports.Command{watch}, "Watch"); err != nil {
			return err
		}
	}
	pinner, ok := cn.backend.(ports.Pinner)
	if !ok {
		return fmt.Errorf("redpipe: Watch on %q: its backend (%T) cannot pin a connection (ports.Pinner), which WATCH needs", o.conn, cn.backend)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	pinned, err := pinner.Pin(ctx)
	if err != nil {
		return fmt.Errorf("redpipe: Watch on %q: pinning a connection: %w", o.conn, err)
	}
	w := &watched{pinned: pinned, watch: watch, clustered: cn.clustered, obs: c.obs}
	// Runs also when fn panics, before the panic goes on up.
	defer w.close(ctx)

	for attempt := 0; ; attempt++ {
		conflict, err := w.attempt(ctx, cn, fn)
		if err != nil || !conflict {
			return err
		}
		if attempt >= retries {
			return fmt.Errorf("%w: %d attempt(s) on %q, each aborted by a change of a watched key", ErrTxFailed, attempt+1, o.conn)
		}
	}
}

// attempt runs fn once and, when it returns nil, its writes; conflict
// reports a WATCH conflict.
func (w *watched) attempt(ctx context.Context, cn *conn, fn func(*Tx) error) (conflict bool, err error) {
	w.arm()
	tx := &Tx{name: cn.name}
	tx.reads = privateClient(cn.name, w, connOptions{}, w.obs)
	tx.multi = privateClient(cn.name, w, connOptions{tx: true, onTx: func(o txOutcome) {
		tx.record(o)
		w.execDone(o)
	}}, w.obs)
	fnDone := false
	defer func() {
		if !fnDone { // fn panicked: its writes are never sent
			if p, _ := tx.result(); p != nil {
				p.discard()
			}
		}
	}()
	fnErr := fn(tx)
	fnDone = true
	writes, _ := tx.result()
	if fnErr == nil {
		fnErr = ctx.Err()
	}
	if fnErr == nil {
		fnErr = w.watchErr()
	}
	if fnErr != nil {
		if writes != nil {
			writes.discard()
		}
		return false, fnErr
	}
	if writes == nil {
		return false, nil // only reads: nothing to commit
	}
	execErr := writes.Exec(ctx)
	if _, o := tx.result(); o == txConflict {
		return true, nil
	}
	return false, execErr
}

// privateClient is a Client whose one connection, named name, is the
// pinned connection w, with its own send chain.
func privateClient(name string, w *watched, opts connOptions, obs Observer) *Client {
	c := newClient(map[string]*conn{name: newConn(name, w, opts)})
	c.obs = obs
	return c
}

// watched is the pinned connection of a Watch. It sends WATCH ahead of the
// first batch of each attempt (one round trip fewer than WATCH alone), and
// remembers whether a WATCH is still active on the connection.
type watched struct {
	pinned    ports.Pinned
	watch     ports.Command
	clustered bool     // the Watch's connection routes by slot: its chain checks slots as that one's would
	obs       Observer // the Client's: a Tx's Execs are observed as any

	mu       sync.Mutex // held across each Exec: WATCH must go first
	pending  bool       // WATCH is to be sent ahead of the next batch
	watching bool       // WATCH was sent and no EXEC or UNWATCH since
	err      error      // WATCH's failure in this attempt
}

var (
	_ ports.Backend          = (*watched)(nil)
	_ ports.Clustered        = (*watched)(nil)
	_ ports.ContextHonouring = (*watched)(nil)
)

func (w *watched) Clustered() bool      { return w.clustered }
func (w *watched) HonoursContext() bool { return ports.HonoursContext(w.pinned) }

func (w *watched) arm() {
	w.mu.Lock()
	w.pending, w.err = true, nil
	w.mu.Unlock()
}

func (w *watched) watchErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return fmt.Errorf("redpipe: Watch: WATCH failed: %w", w.err)
	}
	return nil
}

func (w *watched) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.pending || len(cmds) == 0 {
		w.pinned.Exec(ctx, cmds, out)
		return
	}
	w.pending, w.watching = false, true
	wire := make([]ports.Command, 0, len(cmds)+1)
	wire = append(wire, w.watch)
	wire = append(wire, cmds...)
	res := make([]ports.Result, len(wire))
	w.pinned.Exec(ctx, wire, res)
	copy(out, res[1:])
	if err := res[0].Err; err != nil {
		w.err = err
	}
}

// execDone: EXEC answered (committed, conflict or EXECABORT), and an EXEC
// always clears the connection's WATCH.
func (w *watched) execDone(o txOutcome) {
	if o == txCommitted || o == txConflict || o == txAborted {
		w.mu.Lock()
		w.watching = false
		w.mu.Unlock()
	}
}

// close sends UNWATCH when a WATCH may still be active, then releases the
// connection. The UNWATCH gets a ctx of its own when ctx has ended, bounded
// by cleanupTimeout.
func (w *watched) close(ctx context.Context) {
	w.mu.Lock()
	watching := w.watching
	w.mu.Unlock()
	if watching {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
		out := make([]ports.Result, 1)
		w.Exec(cctx, []ports.Command{{Args: []string{"UNWATCH"}}}, out)
		cancel()
	}
	w.pinned.Release()
}
