package conformance

import (
	"errors"
	"sync"
)

// Closers keeps what a harness made that its backends never close
// themselves — driver clients, pools, routers — and closes it all at the
// harness's Close. The zero value is ready; safe for concurrent use, since
// specs make backends from several goroutines.
type Closers struct {
	mu  sync.Mutex
	fns []func() error
}

// Keep adds close to what Close calls.
func (c *Closers) Keep(close func() error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fns = append(c.fns, close)
}

// Close calls every kept func once, in the order kept, and joins their
// errors; what is kept afterwards waits for the next Close.
func (c *Closers) Close() error {
	c.mu.Lock()
	fns := c.fns
	c.fns = nil
	c.mu.Unlock()
	var errs []error
	for _, fn := range fns {
		errs = append(errs, fn())
	}
	return errors.Join(errs...)
}
