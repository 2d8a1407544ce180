package soak

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// soakEnv turns the soak on: it takes about 90 s and starts nine
// redis-server processes, too much for every go test ./... .
const soakEnv = "REDPIPE_SOAK"

// Bounds of the whole run and of its parts.
const (
	soakLimit   = 4 * time.Minute
	tail        = 3 * time.Second // load on healthy servers after the last fault: stale pooled connections get weeded out before the final checks
	leakLimit   = 10 * time.Second
	settleAfter = 200 * time.Millisecond // lets a server run what closed connections left in its socket buffers before the counters are read
)

const loadText = "32 goroutines; per Exec (300 ms-1 s deadline) a rotating mix of GET+HGETALL (Cached: answered by the client's cache over rueidis), INCR, Lua INCR (EVALSHA) and MULTI/EXEC INCR on a second connection"

func TestSoak(t *testing.T) {
	if os.Getenv(soakEnv) != "1" {
		t.Skip("set REDPIPE_SOAK=1 (make soak) to run the 90 s chaos soak")
	}
	// go-redis logs every failed dial, thousands while a server is down;
	// the same errors reach the futures, where the soak counts them.
	redis.SetLogger(discardLogger{})
	ctx, cancel := context.WithTimeout(context.Background(), soakLimit)
	defer cancel()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)

	for _, cfg := range []config{goredisStandalone, redigoStandalone, rueidisStandalone, coalescing(goredisStandalone)} {
		t.Run(cfg.name, func(t *testing.T) {
			s, err := startStandalone(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = s.srv.Stop() }()
			soakOne(ctx, t, cfg, s, seed)
		})
	}

	rc, err := startCluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rc.c.Stop() }()
	for _, cfg := range []config{redigoNodesCluster, goredisNodesCluster, rueidisNodesCluster, coalescing(goredisNodesCluster)} {
		t.Run(cfg.name, func(t *testing.T) {
			rc.hot = keysFor(cfg.name, 0)
			soakOne(ctx, t, cfg, rc, seed)
		})
	}
}

// soakOne runs the load over one configuration while tgt's faults happen,
// then checks everything and prints the configuration's Row.
func soakOne(ctx context.Context, t *testing.T, cfg config, tgt target, seed uint64) {
	before := gleak.Goroutines()
	hits := &cacheHits{}
	c, closeAll, err := cfg.connect(ctx, tgt.seeds(), cfg.opts, hits)
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			_ = closeAll()
		}
	}()
	l := newLoad(cfg.name, seed)
	if err := l.setup(ctx, c); err != nil {
		t.Fatalf("setup before any fault: %v", err)
	}

	started := time.Now()
	l.start(ctx, c)
	faults, chaosErr := tgt.chaos(ctx, started)
	if chaosErr != nil {
		t.Errorf("fault injection: %v", chaosErr)
		faults = append(faults, Fault{Short: "(injection stopped)", Detail: "fault injection stopped: " + chaosErr.Error()})
	}
	time.Sleep(tail)
	l.halt()
	row := Row{Config: cfg.name, Load: loadText, Faults: faults, Seconds: time.Since(started).Seconds()}
	l.totals(&row)
	row.CacheHits = hits.n.Load()

	if err := tgt.heal(ctx); err != nil {
		t.Errorf("healing the servers: %v", err)
	}
	row.After = afterwards(ctx, c, cfg.name)

	closed = true
	if err := closeAll(); err != nil {
		t.Errorf("closing the clients: %v", err)
	}
	row.Leaked, row.LeakReport = waitLeaks(before, leakLimit)

	time.Sleep(settleAfter)
	final := map[string]int64{}
	for _, k := range l.ledger.Keys() {
		v, err := tgt.read(ctx, k)
		if err != nil {
			t.Fatalf("reading the counters: %v", err)
		}
		final[k] = v
	}
	row.Settlement = l.ledger.Settle(final)
	row.Judge()

	fmt.Println(row.Line())
	t.Logf("%s: %d Execs, %d acknowledged, %d unknown, %d not sent; lost %d, not sent but applied %d, max overrun %v",
		cfg.name, row.Execs, row.Acked, row.Unknown, row.NotSent, row.Lost, row.NotSentApplied, row.MaxOverrun.Round(time.Millisecond))
	for _, v := range row.Violations[:min(len(row.Violations), 5)] {
		t.Logf("violation: %s (%s) final %d, acknowledged %d, unknown %d, not sent %d", v.Key, v.Kind, v.Final, v.Acked, v.Unknown, v.NotSent)
		for _, w := range v.Windows {
			t.Logf("    between replies %d and %d%s: %d ran, futures: %d unknown, %d not sent: %s",
				w.After, w.Upto, map[bool]string{true: " (final value)"}[w.Final], w.Ran, w.Unknown, w.NotSent, errorTexts(w.Errors, 3))
		}
	}
	if len(row.Culprits) > 0 {
		t.Logf("not-sent futures in windows where more writes ran than were unknown: %s", errorTexts(row.Culprits, 5))
	}
	for _, f := range row.Failures {
		t.Error(f)
	}
}

type discardLogger struct{}

func (discardLogger) Printf(context.Context, string, ...any) {}

func errorTexts(es []ErrCount, n int) string {
	var parts []string
	for _, e := range es[:min(len(es), n)] {
		parts = append(parts, fmt.Sprintf("%d× %s %q", e.N, e.Outcome, e.Text))
	}
	return strings.Join(parts, "; ")
}

// afterwards checks that the Client still works with exact values: fresh
// keys INCRed once each way must read 1.
func afterwards(ctx context.Context, c *redpipe.Client, config string) string {
	k := keysFor(config, -1)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	p := c.Pipeline()
	incr := bump(ctx, p, k.incr)
	get := p.Get(k.incr)
	script := bumpByScript(ctx, p, k.script)
	tx := bumpInTx(ctx, p, k.tx)
	if err := p.Exec(ctx); err != nil {
		return err.Error()
	}
	got := fmt.Sprintf("INCR %d, GET %q, script %v, tx %d", incr.Val(), get.Val(), script.Val(), tx.Val())
	if want := `INCR 1, GET "1", script 1, tx 1`; got != want {
		return fmt.Sprintf("got %s, want %s", got, want)
	}
	return "ok"
}
