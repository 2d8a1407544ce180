package redpipe

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

// pagesBackend answers *SCAN with scripted pages by cursor, and records
// every batch it is sent.
type pagesBackend struct {
	mu      sync.Mutex
	pages   map[string]ports.Reply // cursor -> reply
	batches [][]string
}

func page(cursor string, elems ...string) ports.Reply {
	es := make([]ports.Reply, len(elems))
	for i, e := range elems {
		es[i] = ports.BulkReply(e)
	}
	return ports.ArrayReply([]ports.Reply{ports.BulkReply(cursor), ports.ArrayReply(es)})
}

func (b *pagesBackend) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, c := range cmds {
		b.batches = append(b.batches, append([]string(nil), c.Args...))
		cursor := c.Args[1]
		if c.Args[0] != "SCAN" {
			cursor = c.Args[2]
		}
		r, ok := b.pages[cursor]
		if !ok {
			out[i] = ports.Result{Reply: ports.ErrorReply(ports.NewRedisError("ERR invalid cursor"))}
			continue
		}
		out[i] = ports.Result{Reply: r}
	}
}

func pagesClient(t *testing.T, pages map[string]ports.Reply) (*Client, *pagesBackend) {
	t.Helper()
	b := &pagesBackend{pages: pages}
	c := New()
	if err := c.Connect(DefaultConn, b); err != nil {
		t.Fatal(err)
	}
	return c, b
}

func TestScanIteratorPagesUntilCursorZero(t *testing.T) {
	c, b := pagesClient(t, map[string]ports.Reply{"0": page("7", "a", "b"), "7": page("9"), "9": page("0", "c")})
	var got []string
	for k, err := range ScanIterator(context.Background(), c, "k*", 10) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, k)
	}
	if !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Fatalf("keys %q", got)
	}
	want := [][]string{{"SCAN", "0", "MATCH", "k*", "COUNT", "10"}, {"SCAN", "7", "MATCH", "k*", "COUNT", "10"}, {"SCAN", "9", "MATCH", "k*", "COUNT", "10"}}
	if !reflect.DeepEqual(b.batches, want) {
		t.Fatalf("sent %q: one Exec per page, an empty page included", b.batches)
	}
}

func TestScanIteratorBreakSendsNothingMore(t *testing.T) {
	c, b := pagesClient(t, map[string]ports.Reply{"0": page("7", "a", "b"), "7": page("0", "c")})
	for range SScanIterator(context.Background(), c, "s", "", 0) {
		break
	}
	if len(b.batches) != 1 {
		t.Fatalf("sent %q after a break on the first element", b.batches)
	}
}

func TestScanIteratorStopsAtTheFirstError(t *testing.T) {
	c, _ := pagesClient(t, map[string]ports.Reply{"0": page("5", "f", "1")}) // cursor 5 is unknown: an error page
	var got []KeyValue
	var errs []error
	for kv, err := range HScanIterator(context.Background(), c, "h", "", 0) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, kv)
	}
	var re *ports.RedisError
	if !reflect.DeepEqual(got, []KeyValue{{Key: "f", Value: "1"}}) || len(errs) != 1 || !errors.As(errs[0], &re) {
		t.Fatalf("got %v, errors %v", got, errs)
	}

	c, _ = pagesClient(t, map[string]ports.Reply{"0": page("0", "m", "1.5", "n", "inf", "odd")})
	var zs []Z
	for z, err := range ZScanIterator(context.Background(), c, "z", "", 0) {
		if err != nil {
			if !errors.Is(err, ErrUnexpectedReply) || len(zs) != 0 {
				t.Fatalf("error %v after %v: an odd page fails before any element", err, zs)
			}
			return
		}
		zs = append(zs, z)
	}
	t.Fatal("an odd ZSCAN page gave no error")
}

func TestZScanIteratorParsesScores(t *testing.T) {
	c, _ := pagesClient(t, map[string]ports.Reply{"0": page("0", "m", "1.5", "n", "inf")})
	var zs []Z
	for z, err := range ZScanIterator(context.Background(), c, "z", "", 0) {
		if err != nil {
			t.Fatal(err)
		}
		zs = append(zs, z)
	}
	if len(zs) != 2 || zs[0] != (Z{Member: "m", Score: 1.5}) || zs[1].Member != "n" || zs[1].Score <= 1e308 {
		t.Fatalf("members %v", zs)
	}
}

func TestScanIteratorRefusesAPipelineScope(t *testing.T) {
	c, b := pagesClient(t, map[string]ports.Reply{"0": page("0", "a")})
	p := c.Pipeline()
	n := 0
	for _, err := range ScanTypeIterator(context.Background(), p, "", 0, "hash") {
		n++
		if !errors.Is(err, ErrInvalidPipeline) || !strings.Contains(err.Error(), "not a *Pipeline") {
			t.Fatalf("error %v", err)
		}
	}
	if err := p.Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n != 1 || len(b.batches) != 0 {
		t.Fatalf("%d yields, sent %q", n, b.batches)
	}
	for _, err := range ScanIterator(context.Background(), (*Client)(nil), "", 0) {
		if !errors.Is(err, ErrInvalidPipeline) {
			t.Fatalf("nil client: %v", err)
		}
	}
}
