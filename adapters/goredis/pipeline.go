package goredis

import (
	"context"
	"math"

	"github.com/redpipe-go/redpipe/ports"
)

// newBatch prepares one guard, with its go-redis arguments, per command. It
// keeps nothing of cmds or out, only pointers to the arguments themselves,
// which redpipe never modifies once queued, so that a pipeline still running
// after Exec gave up at ctx's end reads nothing that changes.
func newBatch(cmds []ports.Command, whole, cluster bool) *batch {
	b := &batch{}
	b.init(cmds, whole, cluster)
	return b
}

// wholePart is the part of an Exec sent as one pipeline on on, made with
// its batch in one allocation: the common case, paid by every Exec.
func wholePart(cmds []ports.Command, out []ports.Result, whole, cluster bool, on pipeliner) *part {
	both := &struct {
		p part
		b batch
	}{}
	both.b.init(cmds, whole, cluster)
	both.p = part{cmds: cmds, out: out, bt: &both.b, on: on}
	return &both.p
}

func (b *batch) init(cmds []ports.Command, whole, cluster bool) {
	b.guards, b.whole = make([]guard, len(cmds)), whole
	n := 0
	for i := range cmds {
		n += len(cmds[i].Args)
	}
	all := make([]any, n) // one allocation for every command's args
	for i := range cmds {
		c := &cmds[i]
		g := &b.guards[i]
		*g = guard{b: b, name: c.Name(), readOnly: c.ReadOnly}
		if len(c.Args) == 0 {
			continue // never sent: errEmptyCommand
		}
		g.args, all = all[:len(c.Args):len(c.Args)], all[len(c.Args):]
		g.args[0] = g
		for j := 1; j < len(c.Args); j++ {
			// A *string in an interface needs no allocation, a string
			// does; go-redis writes and routes by either (WriteArg,
			// baseCmd.stringArg). Arguments are never modified once queued.
			g.args[j] = &c.Args[j]
		}
		if len(c.Keys) > 0 && c.Keys[0] > 0 && c.Keys[0] < len(c.Args) && c.Keys[0] <= math.MaxInt8 {
			g.keyPos = int8(c.Keys[0])
			if cluster && c.Args[g.keyPos] == "" {
				g.args[g.keyPos] = emptyKey{}
			}
		}
	}
}

// run sends the batch as one go-redis pipeline. Pipeline.Exec's error is
// not needed: go-redis leaves every command's outcome in the command.
func (b *batch) run(ctx context.Context, c pipeliner) {
	pipe := c.Pipeline()
	for i := range b.guards {
		g := &b.guards[i]
		if g.args == nil {
			continue
		}
		cmd := pipe.Do(ctx, g.args...)
		if g.keyPos > 0 {
			// Route by the key redpipe knows rather than by go-redis's
			// guess for commands its table does not cover (it falls back
			// to argument 1 while its COMMAND cache is cold).
			cmd.SetFirstKeyPos(g.keyPos)
		}
		// No lock needed: MarshalBinary runs inside pipe.Exec below, on this
		// goroutine or on ones it starts.
		g.cmd = cmd
		if b.first == nil {
			b.first = g
		}
	}
	if b.first != nil {
		_, _ = pipe.Exec(ctx)
	}
}

// results fills out from the commands' final state. Called only after run
// has returned.
func (b *batch) results(ctx context.Context, out []ports.Result) {
	for i := range b.guards {
		g := &b.guards[i]
		if g.cmd == nil {
			out[i] = ports.Result{Err: errEmptyCommand}
			continue
		}
		out[i] = g.outcome(ctx)
	}
}
