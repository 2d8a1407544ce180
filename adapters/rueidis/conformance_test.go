package rueidis_test

import (
	"context"
	"os"
	"testing"

	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

func TestConformance(t *testing.T) {
	conformance.RunAll(t,
		conformance.Config{Name: "rueidis/standalone/resp3", Harness: newHarness(conformance.Standalone, false)},
		conformance.Config{Name: "rueidis/standalone/resp3/coalescing", Harness: newHarness(conformance.Standalone, false), Coalescing: true},
		conformance.Config{Name: "rueidis/standalone/resp2", Harness: newHarness(conformance.Standalone, true)},
		conformance.Config{Name: "rueidis/cluster/resp3", Harness: newHarness(conformance.Cluster, false)},
		conformance.Config{Name: "rueidis/sentinel/resp3", Harness: newHarness(conformance.Sentinel, false)},
	)
}

// harness makes rueidis clients the way an application would, with
// rueidis's default options apart from the protocol and, for a standalone
// address, ForceSingleClient (see standalone), and closes them all at the
// end (the backend itself never closes a client).
type harness struct {
	topology conformance.Topology
	resp2    bool

	clients conformance.Closers
}

var (
	_ conformance.Harness              = (*harness)(nil)
	_ conformance.OneConnectionHarness = (*harness)(nil)
	_ conformance.SentinelHarness      = (*harness)(nil)
)

func newHarness(t conformance.Topology, resp2 bool) conformance.HarnessMaker {
	return func(context.Context) (conformance.Harness, error) {
		return &harness{topology: t, resp2: resp2}, nil
	}
}

func (h *harness) Topology() conformance.Topology { return h.topology }

// options are rueidis's defaults for the harness's protocol. AlwaysRESP2
// needs DisableCache: rueidis refuses client-side caching without RESP3
// (pipe.go _newPipe returns ErrNoCache).
func (h *harness) options(addrs ...string) rueidis.ClientOption {
	return rueidis.ClientOption{InitAddress: addrs, AlwaysRESP2: h.resp2, DisableCache: h.resp2}
}

func (h *harness) Standalone(ctx context.Context, addr string) (ports.Backend, error) {
	return h.standalone(h.options(addr))
}

// StandaloneOneConnection: rueidis multiplexes pipelined commands over its
// shared connections whatever the pool size; BlockingPoolSize limits the
// dedicated connections Pin (Dedicate) and blocking commands take.
func (h *harness) StandaloneOneConnection(ctx context.Context, addr string) (ports.Backend, error) {
	o := h.options(addr)
	o.BlockingPoolSize = 1
	return h.standalone(o)
}

// standalone makes a client for a server known to be standalone, the way
// an application that may start before its Redis does: rueidis.NewClient
// dials at once and, without ForceSingleClient, fails when the server is
// down or silent; with it, NewClient also returns a client whose
// connection dials again for the next command (rueidis.go NewClient,
// client.go newSingleClient). The suite's dead and silent servers need
// that client. (Against the silent server, NewClient still waits
// Dialer.Timeout, 5 s, for the handshake before it returns.)
func (h *harness) standalone(o rueidis.ClientOption) (ports.Backend, error) {
	o.ForceSingleClient = true
	c, err := rueidis.NewClient(o)
	if c == nil {
		return nil, err
	}
	return rueidisadapter.NewBackend(h.keep(c)), nil
}

func (h *harness) Cluster(_ context.Context, seeds []string) (ports.Backend, error) {
	if h.topology != conformance.Cluster {
		return nil, conformance.ErrUnsupported
	}
	c, err := rueidis.NewClient(h.options(seeds...))
	if err != nil {
		return nil, err
	}
	return rueidisadapter.NewBackend(h.keep(c)), nil
}

// Sentinel: rueidis's sentinel mode (ClientOption.Sentinel.MasterSet), a
// client that asks the sentinels for the master and moves to the new one
// when they announce a switch.
func (h *harness) Sentinel(_ context.Context, sentinelAddrs []string, masterName string) (ports.Backend, error) {
	if h.topology != conformance.Sentinel {
		return nil, conformance.ErrUnsupported
	}
	o := h.options(sentinelAddrs...)
	o.Sentinel = rueidis.SentinelOption{MasterSet: masterName}
	c, err := rueidis.NewClient(o)
	if err != nil {
		return nil, err
	}
	return rueidisadapter.NewBackend(h.keep(c)), nil
}

func (h *harness) Lacks() map[conformance.Capability]string {
	lacks := map[conformance.Capability]string{}
	if h.resp2 {
		lacks[conformance.CapRESP3Types] = "RESP2 has no double/boolean/big-number types"
	}
	return lacks
}

// IgnoredGoroutines names the goroutines rueidis keeps per open connection
// (ended when the connection closes, at the latest by Client.Close after
// the last spec): the read and write loops of a connection that pipelines
// concurrent callers (pipe.go _background).
func (h *harness) IgnoredGoroutines() []any { return rueidisGoroutines() }

func (h *harness) Close() error { return h.clients.Close() }

// keep: rueidis's Client.Close returns nothing.
func (h *harness) keep(c rueidis.Client) rueidis.Client {
	h.clients.Keep(func() error { c.Close(); return nil })
	return c
}
