package cluster

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/redpipe-go/redpipe/ports"
)

// nodes holds one backend per node address, made on first use with
// Options.NewNode and kept until the router closes: a node that left the
// map may come back (a restarted master rejoins as a replica).
type nodes struct {
	newNode func(addr string) (ports.Backend, error)

	mu     sync.Mutex
	byAddr map[string]ports.Backend
	order  []string // creation order, so Close is deterministic
	closed bool
}

var errClosed = errors.New("cluster: the router is closed")

func (n *nodes) get(addr string) (b ports.Backend, err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return nil, errClosed
	}
	if b := n.byAddr[addr]; b != nil {
		return b, nil
	}
	// NewNode is user code: a panic in it must become an error, not a
	// crash of the caller's Exec.
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("cluster: NewNode(%q) panicked: %v", addr, p)
		}
	}()
	b, err = n.newNode(addr)
	if err == nil && b == nil {
		err = errors.New("returned a nil backend")
	}
	if err != nil {
		return nil, fmt.Errorf("cluster: NewNode(%q): %w", addr, err)
	}
	if n.byAddr == nil {
		n.byAddr = map[string]ports.Backend{}
	}
	n.byAddr[addr] = b
	n.order = append(n.order, addr)
	return b, nil
}

// known returns the backend of addr if it was made already, without
// making one (NewNode may dial, with no ctx).
func (n *nodes) known(addr string) ports.Backend {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.byAddr[addr]
}

// close closes every backend that can be closed, once.
func (n *nodes) close() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return nil
	}
	n.closed = true
	var errs []error
	for _, addr := range n.order {
		if c, ok := n.byAddr[addr].(io.Closer); ok {
			if err := c.Close(); err != nil {
				errs = append(errs, fmt.Errorf("cluster: closing node %s: %w", addr, err))
			}
		}
	}
	n.byAddr = nil
	return errors.Join(errs...)
}
