package redigo_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gomodule/redigo/redis"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe/adapters/redigo"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

func TestConformance(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "redigo conformance")
}

var _ = conformance.DescribeBackend("redigo/standalone", newHarness())

// harness makes redigo pools the way an application would and closes them
// all at the end (the backend itself never closes a pool).
type harness struct {
	mu    sync.Mutex
	pools []*redis.Pool
}

var (
	_ conformance.Harness              = (*harness)(nil)
	_ conformance.OneConnectionHarness = (*harness)(nil)
)

func newHarness() conformance.HarnessMaker {
	return func(context.Context) (conformance.Harness, error) { return &harness{}, nil }
}

func (h *harness) Topology() conformance.Topology { return conformance.Standalone }

func (h *harness) Standalone(_ context.Context, addr string) (ports.Backend, error) {
	return redigo.NewBackend(h.keep(appPool(addr))), nil
}

// StandaloneOneConnection: a pool of one connection that waits for it, so
// that Pin holding it makes every other user wait.
func (h *harness) StandaloneOneConnection(_ context.Context, addr string) (ports.Backend, error) {
	p := appPool(addr)
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

func (h *harness) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	var errs []error
	for _, p := range h.pools {
		errs = append(errs, p.Close())
	}
	h.pools = nil
	return errors.Join(errs...)
}

func (h *harness) keep(p *redis.Pool) *redis.Pool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pools = append(h.pools, p)
	return p
}

// appPool is a pool as redigo's documentation configures one; opts adjust
// its connections.
func appPool(addr string, opts ...redis.DialOption) *redis.Pool {
	return &redis.Pool{
		MaxIdle:     4,
		IdleTimeout: 4 * time.Minute,
		DialContext: func(ctx context.Context) (redis.Conn, error) {
			return redis.DialContext(ctx, "tcp", addr, opts...)
		},
	}
}
