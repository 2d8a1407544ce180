// Package goredistest gives the conformance harness of the go-redis
// adapter to other packages' tests (the keyspace and structs behaviour
// suites run over it), so that there is one copy of how the suite makes
// go-redis clients.
package goredistest

import (
	"context"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/go-redis/v9"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/ports"
)

// harness makes go-redis clients the way an application would, with
// go-redis's default options apart from the protocol, and closes them all at
// the end (the backend itself never closes a client).
type harness struct {
	topology conformance.Topology
	protocol int

	clients conformance.Closers
}

var (
	_ conformance.Harness              = (*harness)(nil)
	_ conformance.OneConnectionHarness = (*harness)(nil)
	_ conformance.SentinelHarness      = (*harness)(nil)
)

// Harness makes the suite's backends over go-redis clients of topology t
// (a *redis.Client, *redis.ClusterClient or failover client) speaking
// protocol 2 or 3.
func Harness(t conformance.Topology, protocol int) conformance.HarnessMaker {
	return func(context.Context) (conformance.Harness, error) {
		return &harness{topology: t, protocol: protocol}, nil
	}
}

func (h *harness) Topology() conformance.Topology { return h.topology }

func (h *harness) Standalone(_ context.Context, addr string) (ports.Backend, error) {
	return goredis.NewBackend(h.keep(redis.NewClient(&redis.Options{Addr: addr, Protocol: h.protocol}))), nil
}

func (h *harness) Cluster(_ context.Context, seeds []string) (ports.Backend, error) {
	if h.topology != conformance.Cluster {
		return nil, conformance.ErrUnsupported
	}
	return goredis.NewBackend(h.keep(redis.NewClusterClient(&redis.ClusterOptions{Addrs: seeds, Protocol: h.protocol}))), nil
}

// Sentinel: redis.NewFailoverClient, a *redis.Client that asks the
// sentinels for the master's address when it dials and drops its
// connections to the old master when they announce a switch.
func (h *harness) Sentinel(_ context.Context, sentinelAddrs []string, masterName string) (ports.Backend, error) {
	if h.topology != conformance.Sentinel {
		return nil, conformance.ErrUnsupported
	}
	return goredis.NewBackend(h.keep(redis.NewFailoverClient(&redis.FailoverOptions{
		MasterName:    masterName,
		SentinelAddrs: sentinelAddrs,
		Protocol:      h.protocol,
	}))), nil
}

// StandaloneOneConnection: a client whose pool holds one connection.
func (h *harness) StandaloneOneConnection(_ context.Context, addr string) (ports.Backend, error) {
	return goredis.NewBackend(h.keep(redis.NewClient(&redis.Options{Addr: addr, Protocol: h.protocol, PoolSize: 1}))), nil
}

func (h *harness) Lacks() map[conformance.Capability]string {
	lacks := map[conformance.Capability]string{}
	if h.protocol == 2 {
		lacks[conformance.CapRESP3Types] = "RESP2 has no double/boolean/big-number types"
	}
	return lacks
}

// IgnoredGoroutines names the goroutines go-redis keeps per client while
// the client is open (closed by Close, after the last spec): RESP3 clients
// start a maintenance-notifications circuit-breaker cleanup loop.
func (h *harness) IgnoredGoroutines() []any {
	return []any{
		gleak.IgnoringTopFunction("github.com/redis/go-redis/v9/maintnotifications.(*CircuitBreakerManager).cleanupLoop"),
	}
}

func (h *harness) Close() error { return h.clients.Close() }

func (h *harness) keep(c redis.UniversalClient) redis.UniversalClient {
	h.clients.Keep(c.Close)
	return c
}
