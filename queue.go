package redpipe

import (
	"slices"
	"sync"

	"github.com/redpipe-go/redpipe/ports"
)

// batchQueue is a root pipeline's commands, what redpipe knows about each, and
// the room for their results. entries[i] and out[i] are about cmds[i]; the
// commands are kept apart so that a batch going to one connection is handed
// to the backend as it is, without a copy.
//
// Queues are recycled: an application sending batches of similar size
// reuses the same slices instead of growing new ones every Exec.
type batchQueue struct {
	cmds    []ports.Command
	entries []entry
	out     []ports.Result
	// cached: some command has a CacheTTL (Cached), so the root Exec
	// keeps the batch's order for them (keepOrderForCache).
	cached bool
}

var queues = sync.Pool{New: func() any {
	return &batchQueue{cmds: make([]ports.Command, 0, firstCapacity), entries: make([]entry, 0, firstCapacity)}
}}

// firstCapacity is a new queue's size: a batch of a few commands never
// grows it, a big one grows it a few times, once.
const firstCapacity = 16

// maxRecycled keeps one huge batch from pinning its memory in the pool.
const maxRecycled = 1 << 16

// newQueue returns a recycled queue.
func newQueue() *batchQueue { return queues.Get().(*batchQueue) }

// makeRoom is called before adding a command to a full queue: it grows at once
// to hint (the client's last batch size) when that is bigger than doubling,
// so a big batch repeated is not grown by doubling (copying its commands
// each time) when the pool has nothing big to offer. Only a pipeline that
// outgrows its first capacity looks at the hint: one big batch never makes
// every later small pipeline allocate room for it.
func (q *batchQueue) makeRoom(hint int) {
	n := max(min(hint, maxRecycled), 2*cap(q.cmds), firstCapacity) - len(q.cmds)
	q.cmds, q.entries = slices.Grow(q.cmds, n), slices.Grow(q.entries, n)
}

// results returns out sized for every command, zeroed.
func (q *batchQueue) results() []ports.Result {
	if cap(q.out) < len(q.cmds) {
		q.out = make([]ports.Result, len(q.cmds))
	}
	q.out = q.out[:len(q.cmds)]
	return q.out
}

// recycle drops every reference the queue holds (futures, arguments,
// replies) and puts it back in the pool. Only called once nothing else
// (an abandoned backend goroutine) can still read it.
func (q *batchQueue) recycle() {
	if cap(q.cmds) > maxRecycled {
		return
	}
	clear(q.cmds)
	clear(q.entries)
	clear(q.out)
	q.cmds, q.entries, q.out = q.cmds[:0], q.entries[:0], q.out[:0]
	q.cached = false
	queues.Put(q)
}
