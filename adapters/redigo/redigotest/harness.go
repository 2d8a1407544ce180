// Package redigotest gives the conformance harness of the redigo adapter to
// other packages' tests (the keyspace and structs behaviour suites run
// over it), so that there is one copy of how the suite makes redigo pools.
package redigotest

import (
	"context"
	"time"

	"github.com/gomodule/redigo/redis"
	"github.com/redpipe-go/redpipe/adapters/redigo"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/ports"
)

// harness makes redigo pools the way an application would and closes them
// all at the end (the backend itself never closes a pool).
type harness struct {
	pools conformance.Closers
}

var (
	_ conformance.Harness              = (*harness)(nil)
	_ conformance.OneConnectionHarness = (*harness)(nil)
)

// Harness makes the suite's backends over redigo pools configured as
// redigo's documentation does: standalone servers only (redigo has no
// cluster client; adapters/cluster routes over redigo nodes), RESP2.
func Harness() conformance.HarnessMaker {
	return func(context.Context) (conformance.Harness, error) { return &harness{}, nil }
}

func (h *harness) Topology() conformance.Topology { return conformance.Standalone }

func (h *harness) Standalone(_ context.Context, addr string) (ports.Backend, error) {
	return redigo.NewBackend(h.keep(AppPool(addr))), nil
}

// StandaloneOneConnection: a pool of one connection that waits for it, so
// that Pin holding it makes every other user wait.
func (h *harness) StandaloneOneConnection(_ context.Context, addr string) (ports.Backend, error) {
	p := AppPool(addr)
	p.MaxActive, p.Wait = 1, true
	return redigo.NewBackend(h.keep(p)), nil
}

func (h *harness) Cluster(context.Context, []string) (ports.Backend, error) {
	return nil, conformance.ErrUnsupported
}

func (h *harness) Lacks() map[conformance.Capability]string {
	return map[conformance.Capability]string{
		conformance.CapRESP3Types: "redigo speaks RESP2 only: replies carry no double/boolean/big-number types",
	}
}

func (h *harness) Close() error { return h.pools.Close() }

func (h *harness) keep(p *redis.Pool) *redis.Pool {
	h.pools.Keep(p.Close)
	return p
}

// AppPool is a pool as redigo's documentation configures one; opts adjust
// its connections.
func AppPool(addr string, opts ...redis.DialOption) *redis.Pool {
	return &redis.Pool{
		MaxIdle:     4,
		IdleTimeout: 4 * time.Minute,
		DialContext: func(ctx context.Context) (redis.Conn, error) {
			return redis.DialContext(ctx, "tcp", addr, opts...)
		},
	}
}
