package conformance

import (
	"context"
	"sync"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// CountingBackend records every Exec call made through it: how redpipe used
// the backend (round trips per connection, and what each batch held).
type CountingBackend struct {
	ports.Backend
	mu      sync.Mutex
	batches [][]string   // command names of each Exec call
	args    [][][]string // full arguments of each command of each Exec call
}

func (c *CountingBackend) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	names := make([]string, len(cmds))
	args := make([][]string, len(cmds))
	for i := range cmds {
		names[i] = cmds[i].Name()
		args[i] = append([]string(nil), cmds[i].Args...)
	}
	c.mu.Lock()
	c.batches = append(c.batches, names)
	c.args = append(c.args, args)
	c.mu.Unlock()
	c.Backend.Exec(ctx, cmds, out)
}

// Calls is the number of Exec calls so far.
func (c *CountingBackend) Calls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.batches)
}

// Batches returns the command names of each Exec call, in call order.
func (c *CountingBackend) Batches() [][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([][]string(nil), c.batches...)
}

// Commands returns the full arguments of every command of each Exec call,
// in call order: what each batch held, exactly as sent.
func (c *CountingBackend) Commands() [][][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([][][]string(nil), c.args...)
}

// RunOne sends one command through b and returns its outcome.
func RunOne(ctx context.Context, b ports.Backend, args ...string) ports.Result {
	keys, ro := domain.Describe(args)
	out := make([]ports.Result, 1)
	b.Exec(ctx, []ports.Command{{Args: args, Keys: keys, ReadOnly: ro}}, out)
	return out[0]
}

// RunMany sends the commands as one batch on b, without redpipe, and
// returns their outcomes in order.
func RunMany(ctx context.Context, b ports.Backend, cmds ...[]string) []ports.Result {
	batch := make([]ports.Command, len(cmds))
	for i, args := range cmds {
		keys, ro := domain.Describe(args)
		batch[i] = ports.Command{Args: args, Keys: keys, ReadOnly: ro}
	}
	out := make([]ports.Result, len(cmds))
	b.Exec(ctx, batch, out)
	return out
}
