package redpipeotel_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/cluster"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

func do(t *testing.T, addr string, args ...string) any {
	t.Helper()
	v, err := redistest.Do(context.Background(), addr, args...)
	if err != nil {
		t.Fatalf("%s %q: %v", addr, args, err)
	}
	return v
}

// moveSlot gives slot, holding keys, from one master to another, the way
// redis-cli does it (the target first told it owns the slot).
func moveSlot(t *testing.T, masters []string, slot, from, to string, keys ...string) {
	t.Helper()
	fromID, toID := do(t, from, "CLUSTER", "MYID").(string), do(t, to, "CLUSTER", "MYID").(string)
	do(t, to, "CLUSTER", "SETSLOT", slot, "IMPORTING", fromID)
	do(t, from, "CLUSTER", "SETSLOT", slot, "MIGRATING", toID)
	host, port, _ := net.SplitHostPort(to)
	do(t, from, append([]string{"MIGRATE", host, port, "", "0", "5000", "KEYS"}, keys...)...)
	order := []string{to, from}
	for _, m := range masters {
		if !slices.Contains(order, m) {
			order = append(order, m)
		}
	}
	for _, m := range order {
		do(t, m, "CLUSTER", "SETSLOT", slot, "NODE", toID)
	}
}

// TestRouterRedirectOnTheBatchSpan: a command the router had to follow a
// MOVED for is counted on its batch's span (redpipe.redirects).
func TestRouterRedirectOnTheBatchSpan(t *testing.T) {
	c, masters := sharedMasters(t)
	r, err := cluster.New(t.Context(), cluster.Options{
		Addrs:           c.Addrs(),
		RefreshInterval: -1, // the map changes only by the MOVED
		NewNode:         func(addr string) (ports.Backend, error) { return redigoBackend(t, addr), nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	tel := newTelemetry()
	client := tel.client(t, r)

	k := key(t, "moved")
	p := client.Pipeline()
	p.Set(k, "v", 0)
	if err := p.Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	slot := do(t, masters[0], "CLUSTER", "KEYSLOT", k).(int64)
	slotArg := strconv.FormatInt(slot, 10)
	from := owner(t, k)
	to := masters[0]
	if to == from {
		to = masters[1]
	}
	moveSlot(t, masters, slotArg, from, to, k)
	t.Cleanup(func() {
		keys := []string{}
		if n, _ := redistest.Do(context.Background(), to, "EXISTS", k); n == int64(1) {
			keys = append(keys, k)
		}
		moveSlot(t, masters, slotArg, to, from, keys...)
	})

	tel.spans.Reset()
	p = client.Pipeline()
	get := p.Get(k)
	if err := p.Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	if get.Val() != "v" {
		t.Fatalf("GET after the move: %v %v", get.Val(), get.Err())
	}
	spans := tel.spans.Ended()
	if len(spans) != 2 {
		t.Fatalf("spans %v", spanNames(spans))
	}
	batch := attrs(spans[0])
	if batch["redpipe.redirects"] != int64(1) {
		t.Errorf("batch span: redpipe.redirects = %v, want 1 (%v)", batch["redpipe.redirects"], batch)
	}
	if got := fmt.Sprint(batch["redpipe.servers"]); got != fmt.Sprint([]string{from, to}) {
		t.Errorf("batch span: redpipe.servers = %v, want the old owner then the new one %v", got, []string{from, to})
	}
	if _, ok := batch["server.address"]; ok {
		t.Errorf("batch span: server.address %v for a batch sent to two nodes", batch["server.address"])
	}
	if _, ok := batch["redpipe.retries"]; ok {
		t.Errorf("batch span: retries %v, want none", batch["redpipe.retries"])
	}
}

// TestCoalescedSendOnTheBatchSpan: on a coalescing connection, Execs that
// waited behind one in flight share a backend call, and their batch
// spans say how many did (redpipe.coalesced_execs).
func TestCoalescedSendOnTheBatchSpan(t *testing.T) {
	// Behind a 30 ms proxy the first Exec is in flight long enough for
	// the others to queue behind it (one send in flight at most).
	proxy, err := redistest.NewProxy(sharedAddr(t, 0), 15*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = proxy.Close() })
	tel := newTelemetry()
	c := redpipe.New(redpipe.WithObserver(tel.observer()))
	if err := c.Connect(redpipe.DefaultConn, goredisBackend(t, proxy.Addr), redpipe.WithCoalescingLimits(1, 0)); err != nil {
		t.Fatal(err)
	}
	warm := c.Pipeline()
	warm.Ping()
	if err := warm.Exec(t.Context()); err != nil { // the connection dialled
		t.Fatal(err)
	}
	tel.spans.Reset()

	first := c.Pipeline()
	first.Incr(key(t, "first"))
	firstDone := make(chan error, 1)
	go func() { firstDone <- first.Exec(t.Context()) }()
	time.Sleep(10 * time.Millisecond)
	const waiting = 3
	var wg sync.WaitGroup
	errs := make([]error, waiting)
	for w := range waiting {
		wg.Go(func() {
			p := c.Pipeline()
			p.Incr(key(t, "w"))
			errs[w] = p.Exec(t.Context())
		})
	}
	wg.Wait()
	if err := errors.Join(append(errs, <-firstDone)...); err != nil {
		t.Fatal(err)
	}
	shared := map[any]int{}
	for _, s := range tel.spans.Ended() {
		if s.Parent().IsValid() { // a batch span
			shared[attrs(s)["redpipe.coalesced_execs"]]++
		}
	}
	if want := map[any]int{int64(1): 1, int64(waiting): waiting}; !mapsEqual(shared, want) {
		t.Errorf("batch spans by redpipe.coalesced_execs: %v, want %v", shared, want)
	}
}

func mapsEqual(a, b map[any]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestCacheHitsOnTheBatchSpan: reads a caching backend answered from its
// client's cache are counted on their batch's span (redpipe.cache_hits),
// and a batch that reached the server for all of them carries none.
func TestCacheHitsOnTheBatchSpan(t *testing.T) {
	tel := newTelemetry()
	c := redpipe.New(redpipe.WithObserver(tel.observer()))
	b := rueidisOptions(t, rueidis.ClientOption{InitAddress: []string{sharedAddr(t, 0)}}) // RESP3, its cache on
	if err := c.Connect(redpipe.DefaultConn, b); err != nil {
		t.Fatal(err)
	}
	a, h := key(t, "a"), key(t, "h")
	do(t, sharedAddr(t, 0), "SET", a, "1")
	do(t, sharedAddr(t, 0), "HSET", h, "f", "v")
	for range 2 {
		p := c.Pipeline(redpipe.Cached(time.Minute))
		p.Get(a)
		p.HGetAll(h)
		p.Incr(key(t, "n")) // never cached
		if err := p.Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	var hits []any
	for _, s := range tel.spans.Ended() {
		if s.Parent().IsValid() { // a batch span
			hits = append(hits, attrs(s)["redpipe.cache_hits"])
		}
	}
	if want := []any{nil, int64(2)}; !slices.Equal(hits, want) {
		t.Errorf("redpipe.cache_hits of the two batch spans: %v, want %v", hits, want)
	}
}
