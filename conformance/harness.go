package conformance

import (
	"context"
	"errors"

	"github.com/redpipe-go/redpipe/ports"
)

// Topology is the kind of deployment the suite's main connection talks to.
type Topology int

const (
	Standalone Topology = iota // one redis-server
	Cluster                    // the 3-master, 3-replica cluster
	// Sentinel: the master of a Sentinel deployment (a master, a replica,
	// three sentinels), through a sentinel-aware client; the harness
	// implements SentinelHarness.
	Sentinel
)

func (t Topology) String() string {
	switch t {
	case Cluster:
		return "cluster"
	case Sentinel:
		return "sentinel"
	}
	return "standalone"
}

// Capability is an optional behaviour some configurations lack.
type Capability string

const (
	// CapPinned: the backend implements ports.Pinner.
	CapPinned Capability = "pinned connection (ports.Pinner)"
	// CapRESP3Types: replies carry RESP3-only types (doubles, booleans, big numbers) natively.
	CapRESP3Types Capability = "RESP3 native types"
	// CapOneConnection: the harness implements OneConnectionHarness.
	CapOneConnection Capability = "a driver limited to one pooled connection (conformance.OneConnectionHarness)"
)

// ErrUnsupported is returned by a Harness for a topology it cannot make.
var ErrUnsupported = errors.New("conformance: not supported by this harness")

// Harness makes backends for one adapter configuration.
type Harness interface {
	// Topology is what the main connection ("default") talks to.
	Topology() Topology
	// Standalone returns a backend for the standalone server at addr. It is
	// used for the second named connection and for servers behind the delay
	// proxy in every topology, and for the main connection in Standalone.
	Standalone(ctx context.Context, addr string) (ports.Backend, error)
	// Cluster returns a backend for the cluster reachable through seeds.
	// Harnesses whose Topology is Standalone may return ErrUnsupported.
	Cluster(ctx context.Context, seeds []string) (ports.Backend, error)
	// Lacks lists the capabilities this configuration does not have, each
	// with the reason a user reads when a spec needing it is skipped.
	Lacks() map[Capability]string
	// Close releases what the harness created (driver clients), after the
	// last spec of the configuration.
	Close() error
}

// HarnessMaker makes the Harness of one configuration; it is called once,
// before the configuration's first spec.
type HarnessMaker func(ctx context.Context) (Harness, error)

// OneConnectionHarness is implemented by harnesses that can make a backend
// whose driver holds at most one pooled connection to the server: pool size
// 1 for go-redis and redigo, a dedicated-connection pool of 1 for rueidis.
// The pool-exhaustion specs use it to hold that connection with Pin and
// check that a ctx deadline still bounds whatever waits for it.
type OneConnectionHarness interface {
	StandaloneOneConnection(ctx context.Context, addr string) (ports.Backend, error)
}

// SentinelHarness is implemented by harnesses whose Topology is Sentinel.
// It is an interface of its own, not a Harness method, so that harnesses
// written before it still compile.
type SentinelHarness interface {
	// Sentinel returns a backend for the master that the sentinels at
	// sentinelAddrs monitor as masterName, through a client that follows
	// the sentinels when the master changes.
	Sentinel(ctx context.Context, sentinelAddrs []string, masterName string) (ports.Backend, error)
}
