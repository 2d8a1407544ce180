package redpipe

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

// okBackend answers every command +OK without I/O: what is measured here
// is the queue alone.
type okBackend struct{}

func (okBackend) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	for i := range cmds {
		out[i] = ports.Result{Reply: ports.StatusReply("OK")}
	}
}

// emptyPool drops every recycled queue, as a GC cycle or many concurrent
// pipelines would: the worst case for what a new queue costs.
func emptyPool() { queues = sync.Pool{New: queues.New} }

// allocated is the heap bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func execSets(t *testing.T, c *Client, n int) {
	t.Helper()
	p := c.Pipeline()
	for range n {
		p.Set("k", "v", 0)
	}
	if err := p.Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestSmallPipelineAfterABigBatchStaysSmall(t *testing.T) {
	c := New()
	if err := c.Connect(DefaultConn, okBackend{}); err != nil {
		t.Fatal(err)
	}
	execSets(t, c, 100_000)
	emptyPool()
	got := allocated(func() { execSets(t, c, 1) })
	if got >= 64<<10 {
		t.Errorf("a 1-command Exec after a 100,000-command batch allocated %d bytes, want < 64 KB", got)
	}
	t.Logf("a 1-command Exec after a 100,000-command batch, on an empty pool: %d bytes", got)
}

func TestRepeatedBigBatchesKeepTheHint(t *testing.T) {
	const n = 10_000
	hinted := New()
	if err := hinted.Connect(DefaultConn, okBackend{}); err != nil {
		t.Fatal(err)
	}
	execSets(t, hinted, n)
	fresh := New()
	if err := fresh.Connect(DefaultConn, okBackend{}); err != nil {
		t.Fatal(err)
	}
	emptyPool()
	withHint := allocated(func() { execSets(t, hinted, n) })
	emptyPool()
	without := allocated(func() { execSets(t, fresh, n) })
	// Growing by doubling allocates every smaller size on the way; the hint
	// goes from the first capacity straight to n.
	if withHint >= without {
		t.Errorf("a %d-command batch after another allocated %d bytes, a first one %d: the hint saved nothing", n, withHint, without)
	}
	t.Logf("%d-command batch on an empty pool: %d bytes after a batch of the same size, %d without", n, withHint, without)
}
