package redpipe

import (
	"errors"
	"fmt"
	"io"
	"sync"

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
}

type conn struct {
	name    string
	backend ports.Backend
	opts    connOptions
}

// ConnOption configures one named connection.
type ConnOption func(*connOptions)

type connOptions struct{}

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
