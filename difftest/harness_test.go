package difftest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
	redigoadapter "github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// ctx is what every oracle call gets: the cases are closures written once
// for all configurations, and a deadline per test is enforced by go test.
var ctx = context.Background()

// servers are the oracle's and the subject's redis-server, started once per
// test binary and shared by the tests of this package (which run one after
// the other).
type servers struct {
	oracle, subject string
}

var (
	serversOnce sync.Once
	serversVal  servers
	serversErr  error
)

func startServers(t *testing.T) servers {
	t.Helper()
	serversOnce.Do(func() {
		o, err := redistest.StartServer(ctx)
		if err != nil {
			serversErr = err
			return
		}
		s, err := redistest.StartServer(ctx)
		if err != nil {
			serversErr = err
			return
		}
		serversVal = servers{oracle: o.Addr, subject: s.Addr}
	})
	if serversErr != nil {
		t.Fatalf("starting redis-server: %v", serversErr)
	}
	return serversVal
}

// config is one way redpipe reaches the subject server.
type config struct {
	name     string
	protocol int // the oracle speaks the same RESP version
	backend  func(t *testing.T, addr string) ports.Backend
}

var configs = []config{
	{"goredis/resp2", 2, func(t *testing.T, addr string) ports.Backend {
		return goredisadapter.NewBackend(goredisClient(t, addr, 2))
	}},
	{"goredis/resp3", 3, func(t *testing.T, addr string) ports.Backend {
		return goredisadapter.NewBackend(goredisClient(t, addr, 3))
	}},
	{"redigo/resp2", 2, func(t *testing.T, addr string) ports.Backend {
		pool := &redigo.Pool{MaxIdle: 2, DialContext: func(ctx context.Context) (redigo.Conn, error) {
			return redigo.DialContext(ctx, "tcp", addr)
		}}
		t.Cleanup(func() { _ = pool.Close() })
		return redigoadapter.NewBackend(pool)
	}},
	{"rueidis/resp2", 2, func(t *testing.T, addr string) ports.Backend {
		return rueidisadapter.NewBackend(rueidisClient(t, addr, true))
	}},
	{"rueidis/resp3", 3, func(t *testing.T, addr string) ports.Backend {
		return rueidisadapter.NewBackend(rueidisClient(t, addr, false))
	}},
}

func goredisClient(t *testing.T, addr string, protocol int) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: addr, Protocol: protocol, MaxRetries: -1})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func rueidisClient(t *testing.T, addr string, resp2 bool) rueidis.Client {
	o := rueidis.ClientOption{InitAddress: []string{addr}, DisableCache: true, AlwaysRESP2: resp2}
	c, err := rueidis.NewClient(o)
	if err != nil {
		t.Fatalf("rueidis.NewClient: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

// raw runs one command on addr without any of the clients under test.
func raw(t *testing.T, addr string, args ...string) any {
	t.Helper()
	v, err := redistest.Do(ctx, addr, args...)
	if err != nil {
		t.Fatalf("%s %q: %v", addr, args, err)
	}
	return v
}

// flush empties both servers: they are this binary's alone.
func flush(t *testing.T, s servers) {
	t.Helper()
	raw(t, s.oracle, "FLUSHDB")
	raw(t, s.subject, "FLUSHDB")
}

// K names a case's keys: every key of a case is under "dt:{<case>}:", one
// hash tag per case, so multi-key commands would stay in one slot.
type K func(name string) string

func keyer(caseName string) K {
	prefix := "dt:{" + caseName + "}:"
	return func(name string) string { return prefix + name }
}

// expand replaces "@name" arguments by the case's key name.
func expand(k K, args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.HasPrefix(a, "@") {
			a = k(a[1:])
		}
		out[i] = a
	}
	return out
}

// TestDifferential runs every case over every configuration.
func TestDifferential(t *testing.T) {
	s := startServers(t)
	start := time.Now()
	tally := runConfigs(t, s, allCases, func(t *testing.T) { flush(t, s) })
	if tally.ran == 0 {
		return
	}
	t.Logf("%d cases (%d skipped per configuration for commands the server lacks), %d calls per configuration run over %d configurations: %d unexpected differences, %d expected ones, in %v",
		len(allCases()), tally.skipped/tally.ran, tally.calls/tally.ran, tally.ran, tally.diffs, tally.kept, time.Since(start).Round(time.Millisecond))
}

// tally counts what runConfigs did, over every configuration.
type tally struct{ ran, calls, diffs, kept, skipped int }

// runConfigs runs cases over every configuration against s, after
// prepare: the oracle through go-redis, the subject through the
// configuration's adapter. A case needing a command s lacks is skipped,
// and counted.
func runConfigs(t *testing.T, s servers, cases func() []tcase, prepare func(t *testing.T)) tally {
	t.Helper()
	var n tally
	for _, cfg := range configs {
		t.Run(cfg.name, func(t *testing.T) {
			n.ran++
			prepare(t)
			oracle := goredisClient(t, s.oracle, cfg.protocol)
			c := redpipe.New()
			if err := c.Connect(redpipe.DefaultConn, cfg.backend(t, s.subject)); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = c.Close() })
			for _, tc := range cases() {
				if lacks := missingCommand(t, s, tc.needs); lacks != "" {
					n.skipped++
					t.Logf("%s skipped: the servers lack %s (COMMAND INFO gives nil): the command is newer than the server here", tc.name, lacks)
					continue
				}
				calls, d, e := runCase(t, s, cfg, oracle, c, tc)
				n.calls, n.diffs, n.kept = n.calls+calls, n.diffs+d, n.kept+e
			}
		})
	}
	return n
}

// runCase arranges tc on both servers, makes its calls both ways and
// compares values, errors and the final state. It returns the number of
// calls, of unexpected differences and of expected ones.
func runCase(t *testing.T, s servers, cfg config, oracle *redis.Client, c *redpipe.Client, tc tcase) (n, diffs, kept int) {
	t.Helper()
	k := keyer(tc.name)
	for _, cmd := range tc.arrange {
		args := expand(k, cmd)
		raw(t, s.oracle, args...)
		raw(t, s.subject, args...)
	}
	want := make([]outcome, len(tc.calls))
	for i, cl := range tc.calls {
		v, err := cl.oracle(oracle, k)
		want[i] = outcome{v, err}
	}
	p := c.Pipeline()
	got := make([]func() (any, error), len(tc.calls))
	for i, cl := range tc.calls {
		got[i] = cl.queue(p, k)
	}
	// Exec reports the calls that failed; each call's error is compared
	// with go-redis's below, so its summary adds nothing.
	_ = p.Exec(ctx)
	report := func(what, diff string) {
		if reason, ok := expectedDiff(cfg.name, what); ok {
			kept++
			t.Logf("%s (expected: %s): %s", what, reason, diff)
			return
		}
		diffs++
		t.Errorf("%s: %s", what, diff)
	}
	for i, cl := range tc.calls {
		v, err := got[i]()
		what := fmt.Sprintf("%s#%d", tc.name, i)
		if d := compare(want[i], outcome{v, err}, cl.norm); d != "" {
			report(what, d)
		}
	}
	for _, d := range compareState(t, s, k("")) {
		report(tc.name+"#state", d)
	}
	return len(tc.calls), diffs, kept
}
