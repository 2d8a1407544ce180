package redistest_test

import (
	"errors"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// TestSentinel starts the shared deployment, checks that every sentinel
// names the first master and that its replica follows it, then fails over
// and checks the same of the new pair, down to the exact addresses, and
// that a write made before the failover is on the new master.
func TestSentinel(t *testing.T) {
	ctx := ctxFor(t, 60*time.Second)
	start := time.Now()
	d, err := redistest.SharedSentinel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sentinel deployment ready in %v", time.Since(start))
	if again, err := redistest.SharedSentinel(ctx); err != nil || again != d {
		t.Fatalf("SharedSentinel again = %p, %v; want %p", again, err, d)
	}
	if len(d.Nodes) != 2 || len(d.Sentinels) != 3 || d.MasterName == "" {
		t.Fatalf("%d nodes, %d sentinels, master name %q", len(d.Nodes), len(d.Sentinels), d.MasterName)
	}
	addrs := d.SentinelAddrs()
	if len(slices.Compact(slices.Sorted(slices.Values(addrs)))) != 3 {
		t.Fatalf("SentinelAddrs = %v, want 3 distinct", addrs)
	}
	for _, a := range addrs {
		if d.Node(a) != nil {
			t.Fatalf("sentinel %s is also a data node", a)
		}
	}

	// Roles may have been changed by an earlier test of this binary; the
	// deployment says which node is which.
	first, err := d.Master(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Node(first) == nil {
		t.Fatalf("Master = %s, not a data node (%s, %s)", first, d.Nodes[0].Addr, d.Nodes[1].Addr)
	}
	second := d.Nodes[0].Addr
	if second == first {
		second = d.Nodes[1].Addr
	}
	checkPair(t, d, first, second)

	key := "rt:sentinel:" + strconv.FormatInt(time.Now().UnixNano(), 10)
	if v := mustDo(t, ctx, first, "SET", key, "before"); v != "OK" {
		t.Fatalf("SET = %#v", v)
	}
	start = time.Now()
	if err := d.Failover(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("failover %s -> %s in %v", first, second, time.Since(start))
	if got, err := d.Master(ctx); err != nil || got != second {
		t.Fatalf("Master after Failover = %s, %v; want %s", got, err, second)
	}
	checkPair(t, d, second, first)
	if v := mustDo(t, ctx, second, "GET", key); v != "before" {
		t.Fatalf("GET on the new master = %#v, want \"before\"", v)
	}
	_, err = redistest.Do(ctx, first, "SET", key, "after")
	var re redistest.ReplyError
	if !errors.As(err, &re) || !strings.HasPrefix(string(re), "READONLY ") {
		t.Fatalf("SET on the old master = %v, want a READONLY error", err)
	}
	if v := mustDo(t, ctx, first, "CONFIG", "GET", "min-replicas-to-write"); !slices.Equal(v.([]any), []any{"min-replicas-to-write", "0"}) {
		t.Fatalf("old master left fenced: %#v", v)
	}
}

// checkPair: every sentinel names master, master lists replica online, and
// replica follows master with its link up.
func checkPair(t *testing.T, d *redistest.Sentinel, master, replica string) {
	t.Helper()
	ctx := ctxFor(t, 10*time.Second)
	host, port, _ := net.SplitHostPort(master)
	for _, s := range d.SentinelAddrs() {
		v := mustDo(t, ctx, s, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", d.MasterName)
		if got, ok := v.([]any); !ok || !slices.Equal(got, []any{host, port}) {
			t.Fatalf("sentinel %s names %#v, want %s", s, v, master)
		}
	}
	info, _ := mustDo(t, ctx, master, "INFO", "replication").(string)
	_, rport, _ := net.SplitHostPort(replica)
	if !strings.Contains(info, "role:master\r\n") || !strings.Contains(info, "connected_slaves:1\r\n") ||
		!strings.Contains(info, ",port="+rport+",state=online,") {
		t.Fatalf("master %s INFO replication:\n%s", master, info)
	}
	info, _ = mustDo(t, ctx, replica, "INFO", "replication").(string)
	for _, want := range []string{"role:slave\r\n", "master_host:" + host + "\r\n", "master_port:" + port + "\r\n", "master_link_status:up\r\n"} {
		if !strings.Contains(info, want) {
			t.Fatalf("replica %s INFO replication lacks %q:\n%s", replica, want, info)
		}
	}
}

// TestSharedSentinelRevives: a replica and a sentinel killed by a test are
// restarted by the next SharedSentinel, and the restarted node, which comes
// up as a master of its own, follows the master again.
func TestSharedSentinelRevives(t *testing.T) {
	ctx := ctxFor(t, 60*time.Second)
	d, err := redistest.SharedSentinel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	master, err := d.Master(ctx)
	if err != nil {
		t.Fatal(err)
	}
	replica := d.Nodes[0]
	if replica.Addr == master {
		replica = d.Nodes[1]
	}
	if err := replica.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := d.Sentinels[2].Kill(); err != nil {
		t.Fatal(err)
	}
	if err := d.WaitReady(ctx); err == nil || !strings.Contains(err.Error(), "is not running") {
		t.Fatalf("WaitReady with a killed node = %v, want a not-running error", err)
	}
	start := time.Now()
	if again, err := redistest.SharedSentinel(ctx); err != nil || again != d {
		t.Fatalf("SharedSentinel after kills = %p, %v", again, err)
	}
	t.Logf("revived in %v", time.Since(start))
	if got, err := d.Master(ctx); err != nil || got != master {
		t.Fatalf("Master after reviving a replica = %s, %v; want %s", got, err, master)
	}
	checkPair(t, d, master, replica.Addr)
	for _, s := range d.SentinelAddrs() {
		v, _ := mustDo(t, ctx, s, "SENTINEL", "DEBUG").([]any)
		if i := slices.Index(v, any("TILT-PERIOD")); i < 0 || i+1 >= len(v) || v[i+1] != "3000" {
			t.Fatalf("sentinel %s SENTINEL DEBUG = %#v, want TILT-PERIOD 3000 (restarted sentinels too)", s, v)
		}
	}
}
