package redpipe

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/redpipe-go/redpipe/ports"
)

// DefaultConn is the connection a pipeline uses when no On option names one.
const DefaultConn = "default"

// Client is a registry of named connections, each a ports.Backend. It is
// safe for concurrent use. redpipe never closes or reconfigures a driver
// client the application passed in.
type Client struct {
	mu    sync.RWMutex
	conns map[string]*conn
	// lastBatch is the size of the latest batch executed: a new queue
	// starts that big, so a big batch is not grown by doubling (copying
	// its commands each time) when the queue pool has nothing to offer.
	lastBatch atomic.Int64
}

type conn struct {
	name    string
	backend ports.Backend
	opts    connOptions
	// clustered: the backend routes by key slot (ports.Clustered), so what
	// must run on one node is refused across slots before it is sent.
	clustered bool
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

// New returns a Client with no connections.
func New() *Client { return &Client{conns: map[string]*conn{}} }

// Connect registers b under name. Connecting the same backend under the
// same name again is a no-op; another backend under a taken name is
// ErrAlreadyConnected.
func (c *Client) Connect(name string, b ports.Backend, opts ...ConnOption) error {
	if b == nil {
		return fmt.Errorf("%w: nil backend for connection %q", ErrInvalidValue, name)
	}
	cn := &conn{name: name, backend: b}
	for _, o := range opts {
		o(&cn.opts)
	}
	if cl, ok := b.(ports.Clustered); ok {
		cn.clustered = cl.Clustered()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.conns[name]; ok {
		if old.backend == b {
			return nil
		}
		return fmt.Errorf("%w: %q", ErrAlreadyConnected, name)
	}
	c.conns[name] = cn
	return nil
}

// Disconnect forgets the connection name; pipelines executed afterwards
// get ErrUnknownConn for it. The backend is not closed.
func (c *Client) Disconnect(name string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.conns[name]; !ok {
		return fmt.Errorf("%w: %q", ErrUnknownConn, name)
	}
	delete(c.conns, name)
	return nil
}

// Close disconnects every connection and closes the backends that
// implement io.Closer — by the adapters' contract, only backends that
// hold resources redpipe created; a driver client the application passed
// in is never closed.
func (c *Client) Close() error {
	c.mu.Lock()
	conns := c.conns
	c.conns = map[string]*conn{}
	c.mu.Unlock()
	var errs []error
	for _, cn := range conns {
		if cl, ok := cn.backend.(io.Closer); ok {
			if err := cl.Close(); err != nil {
				errs = append(errs, fmt.Errorf("closing %q: %w", cn.name, err))
			}
		}
	}
	return errors.Join(errs...)
}

func (c *Client) lookup(name string) *conn {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.conns[name]
}

// Pipeline returns a new root pipeline. It makes *Client a Scope.
func (c *Client) Pipeline(opts ...Option) *Pipeline {
	return newRoot(c, opts)
}

// batchHint is how many commands a new batch is likely to hold.
func (c *Client) batchHint() int { return int(c.lastBatch.Load()) }
