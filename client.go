package redpipe

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/redpipe-go/redpipe/ports"
)

// Client is a registry of named connections, each a ports.Backend. It is
// safe for concurrent use. redpipe never closes or reconfigures a driver
// client the application passed in.
type Client struct {
	// conns is replaced, never changed, under mu: an Exec looks a
	// connection up with one atomic load, so Execs on many goroutines do
	// not contend on a lock's reader count.
	mu    sync.Mutex
	conns atomic.Pointer[map[string]*conn]
	// lastBatch is the size of the latest batch executed: a new queue
	// starts that big, so a big batch is not grown by doubling (copying
	// its commands each time) when the queue pool has nothing to offer.
	lastBatch atomic.Int64
	obs       Observer // WithObserver's; nil for none
}

// ClientOption configures a Client. The options that concern every
// connection of a Client (observation, coalescing) are ClientOptions.
type ClientOption func(*clientOptions)

type clientOptions struct {
	observers []Observer // WithObserver's, in order
}

// WithObserver makes o see every root Exec of the Client, its Tx
// pipelines included. Given more than once, every Observer is told, in the
// order given.
func WithObserver(o Observer) ClientOption {
	return func(co *clientOptions) {
		if o != nil {
			co.observers = append(co.observers, o)
		}
	}
}

// New returns a Client with no connections.
func New(opts ...ClientOption) *Client {
	var o clientOptions
	for _, fn := range opts {
		fn(&o)
	}
	c := newClient(map[string]*conn{})
	switch len(o.observers) {
	case 0:
	case 1:
		c.obs = o.observers[0]
	default:
		c.obs = observers(o.observers)
	}
	return c
}

func newClient(conns map[string]*conn) *Client {
	c := &Client{}
	c.conns.Store(&conns)
	return c
}

// update replaces the registry by a changed copy. Called with c.mu held.
func (c *Client) update(change func(conns map[string]*conn)) {
	next := maps.Clone(*c.conns.Load())
	change(next)
	c.conns.Store(&next)
}

// Connect registers b under name. Connecting the same backend under the
// same name again is a no-op; another backend under a taken name is
// ErrAlreadyConnected.
func (c *Client) Connect(name string, b ports.Backend, opts ...ConnOption) error {
	if b == nil {
		return fmt.Errorf("%w: nil backend for connection %q", ErrInvalidValue, name)
	}
	var o connOptions
	for _, fn := range opts {
		fn(&o)
	}
	cn := newConn(name, b, o)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := (*c.conns.Load())[name]; ok {
		if old.backend == b {
			return nil
		}
		return fmt.Errorf("%w: %q", ErrAlreadyConnected, name)
	}
	c.update(func(conns map[string]*conn) { conns[name] = cn })
	return nil
}

// Disconnect forgets the connection name; pipelines executed afterwards
// get ErrUnknownConn for it. The backend is not closed.
func (c *Client) Disconnect(name string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := (*c.conns.Load())[name]; !ok {
		return fmt.Errorf("%w: %q", ErrUnknownConn, name)
	}
	c.update(func(conns map[string]*conn) { delete(conns, name) })
	return nil
}

// Close disconnects every connection and closes the backends that
// implement io.Closer — by the adapters' contract, only backends that
// hold resources redpipe created; a driver client the application passed
// in is never closed.
func (c *Client) Close() error {
	c.mu.Lock()
	conns := *c.conns.Swap(&map[string]*conn{})
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

func (c *Client) lookup(name string) *conn { return (*c.conns.Load())[name] }

// Pipeline returns a new root pipeline. It makes *Client a Scope.
func (c *Client) Pipeline(opts ...Option) *Pipeline {
	return newRoot(c, opts)
}

func (c *Client) batchHint() int { return int(c.lastBatch.Load()) }

func (c *Client) observer() Observer { return c.obs }

// noteBatch writes the shared hint only for a batch that outgrew a new
// queue's first capacity (the only ones that read it) and only when it
// changed: small Execs on many goroutines never write the hint's cache
// line, so they do not contend on it.
func (c *Client) noteBatch(n int) {
	if n > firstCapacity && c.lastBatch.Load() != int64(n) {
		c.lastBatch.Store(int64(n))
	}
}
