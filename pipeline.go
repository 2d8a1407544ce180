package redpipe

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Scope is anything that can give a pipeline: a *Client gives a root
// pipeline, a *Pipeline a nested one. Reusable functions take a Scope so
// they work alone (one round trip of their own) and composed (folded into
// the caller's batch).
type Scope interface {
	Pipeline(opts ...Option) *Pipeline
}

// Pipeline queues commands and returns their futures. Queueing is safe from
// several goroutines (each goroutine's commands keep their order); Exec is
// called once, by one goroutine.
type Pipeline struct {
	node   // where p sits in its tree, and whether its commands reach the root
	tree   *tree
	conn   string
	serial bool
	check  func(ports.Command) error // CheckCommands's, or nil
	// cacheTTL is the CacheTTL its cacheable reads get (Cached), 0: none.
	cacheTTL time.Duration
}

// tree is shared by a root pipeline and all its nested pipelines: every
// command goes straight into the root's queue in the order it was queued,
// tagged with the pipeline that owns it. A nested Exec only changes its
// state, so nesting costs no copying and queue order is kept across the tree.
type tree struct {
	mu        sync.Mutex
	conns     connections
	root      *Pipeline
	rootPipe  Pipeline    // root points here: one allocation for both
	q         *batchQueue // nil until the first command
	callbacks []callback
	one       oneBatch // the root Exec's plan when it is one batch
	// nested holds the tree's first nested pipelines, so that a request
	// composed of a few functions allocates its tree once: a nested
	// pipeline is request-scoped like the tree it lives in.
	nested     [3]Pipeline
	nestedUsed atomic.Int32
	// atomic: some pipeline of the tree is Atomic(), so the root Exec
	// folds transactions into its batches (atomic.go).
	atomic atomic.Bool
	// labels are the Label of each labelled pipeline, nil until one is:
	// most trees have none, and a map here costs them nothing. Written
	// under mu; read by the root Exec, which takes mu first.
	labels map[*node]string
}

func (t *tree) setLabel(n *node, label string) {
	t.mu.Lock()
	if t.labels == nil {
		t.labels = map[*node]string{}
	}
	t.labels[n] = label
	t.mu.Unlock()
}

func newRoot(conns connections, opts []Option) *Pipeline {
	o := applyOptions(opts)
	if o.conn == "" {
		o.conn = DefaultConn
	}
	t := &tree{conns: conns}
	t.rootPipe = Pipeline{node: node{atomic: o.atomic}, tree: t, conn: o.conn, serial: o.serial, check: o.check}
	t.rootPipe.cacheTTL = cacheTTLOf(&o, 0, &t.rootPipe.node)
	if o.atomic {
		t.atomic.Store(true)
	}
	t.root = &t.rootPipe
	if o.label != "" {
		t.labels = map[*node]string{&t.rootPipe.node: o.label}
	}
	return t.root
}

// Pipeline returns a pipeline nested in p: its Exec hands its commands and
// callbacks to p instead of sending them. It makes *Pipeline a Scope.
func (p *Pipeline) Pipeline(opts ...Option) *Pipeline {
	o := applyOptions(opts)
	if o.conn == "" {
		o.conn = p.conn
	}
	t := p.tree
	var np *Pipeline
	if i := t.nestedUsed.Add(1) - 1; int(i) < len(t.nested) {
		np = &t.nested[i]
	} else {
		np = new(Pipeline)
	}
	*np = Pipeline{node: node{parent: &p.node, atomic: o.atomic}, tree: t, conn: o.conn, check: o.check}
	np.cacheTTL = cacheTTLOf(&o, p.cacheTTL, &np.node)
	if o.atomic {
		t.atomic.Store(true)
	}
	if o.label != "" {
		t.setLabel(&np.node, o.label)
	}
	return np
}

// OnExec registers fn to run once after the root Exec has resolved every
// future, in registration order across the whole tree. A callback of a
// nested pipeline that never reaches its root does not run.
func (p *Pipeline) OnExec(fn func()) {
	t := p.tree
	t.mu.Lock()
	defer t.mu.Unlock()
	if p.state == pipeOpen && t.root.state == pipeOpen {
		t.callbacks = append(t.callbacks, callback{owner: &p.node, fn: fn})
	}
}

// enqueue adds a command; err (an encoding error) fails the command at Exec
// without sending it. Queueing onto an executed pipeline fails at once.
func (p *Pipeline) enqueue(cmd ports.Command, s sink, err error) {
	if p.check != nil && err == nil {
		err = checkCommand(p.check, cmd)
	}
	cached := err == nil && markCached(&cmd, p.cacheTTL)
	t := p.tree
	t.mu.Lock()
	if p.state != pipeOpen || t.root.state != pipeOpen {
		t.mu.Unlock()
		s.fail(errQueuedAfterExec)
		return
	}
	if t.q == nil {
		t.q = newQueue()
	}
	if len(t.q.cmds) == cap(t.q.cmds) {
		t.q.makeRoom(t.conns.batchHint())
	}
	t.q.cmds = append(t.q.cmds, cmd)
	t.q.cached = t.q.cached || cached
	t.q.entries = append(t.q.entries, entry{conn: p.conn, owner: &p.node, sink: s, err: err})
	t.mu.Unlock()
}

// Exec sends the batch (root) or hands it to the parent (nested). See the
// package documentation for the guarantees.
func (p *Pipeline) Exec(ctx context.Context) error {
	if p.parent != nil {
		return p.handToParent()
	}
	t := p.tree
	t.mu.Lock()
	if p.state != pipeOpen {
		t.mu.Unlock()
		return errExecTwice
	}
	p.state = pipeSent
	q, callbacks := t.q, t.callbacks
	t.q, t.callbacks = nil, nil
	if q == nil {
		q = &batchQueue{}
	}
	entries := q.entries
	// Decide under the lock which nested pipelines made it: a nested Exec
	// racing with this one either handed its commands before it or is dropped.
	for i := range entries {
		if entries[i].err == nil {
			entries[i].err = entries[i].owner.undelivered()
		}
	}
	kept := callbacks[:0]
	for _, cb := range callbacks {
		if cb.owner.undelivered() == nil {
			kept = append(kept, cb)
		}
	}
	labels := t.labels
	t.mu.Unlock()
	return execute(ctx, t.conns, q, kept, p.serial, &t.one, t.atomic.Load(), labels)
}

func (p *Pipeline) handToParent() error {
	t := p.tree
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case p.state != pipeOpen:
		return errExecTwice
	case p.parent.state != pipeOpen || t.root.state != pipeOpen:
		p.state, p.why = pipeDropped, errParentExecuted
		return errParentExecuted
	}
	p.state = pipeHanded
	return nil
}

// discard drops every command and callback p (and any pipeline nested in
// it) owns, without sending anything; their futures fail at once.
func (p *Pipeline) discard() {
	t := p.tree
	t.mu.Lock()
	if p.state != pipeOpen {
		t.mu.Unlock()
		return
	}
	if p.parent == nil {
		p.state = pipeSent
	} else {
		p.state, p.why = pipeDropped, errDiscarded
	}
	var dropped []entry
	if q := t.q; q != nil {
		kept := 0
		for i, e := range q.entries {
			if e.owner.within(&p.node) {
				dropped = append(dropped, e)
				continue
			}
			q.entries[kept], q.cmds[kept] = e, q.cmds[i]
			kept++
		}
		clear(q.entries[kept:]) // let dropped futures be collected
		clear(q.cmds[kept:])
		q.entries, q.cmds = q.entries[:kept], q.cmds[:kept]
	}
	cbs := t.callbacks[:0]
	for _, cb := range t.callbacks {
		if !cb.owner.within(&p.node) {
			cbs = append(cbs, cb)
		}
	}
	t.callbacks = cbs
	t.mu.Unlock()
	for _, e := range dropped {
		e.sink.fail(errDiscarded)
	}
}
