package conformance

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// Second is the name of the suite's second connection, a standalone server
// of its own in every topology.
const Second = "second"

// specs are registered by the spec files' init functions; Run and RunAll
// run every one of them for each configuration.
var specs []func(s *Suite)

func register(fn func(s *Suite)) bool {
	specs = append(specs, fn)
	return true
}

// describe registers specs for one adapter configuration.
func describe(c Config, specs []func(s *Suite)) bool {
	return Describe(c.Name, Ordered, ContinueOnFailure, func() {
		s := &Suite{coalescing: c.Coalescing}
		BeforeAll(func(ctx SpecContext) { s.start(ctx, c.Harness) }, NodeTimeout(90*time.Second))
		AfterAll(func() { s.stop() })
		BeforeEach(func() { s.newSpec() })
		for _, fn := range specs {
			fn(s)
		}
	})
}

// Suite is the per-configuration state the specs use.
type Suite struct {
	Harness Harness
	// Main and Other are the backends of the two connections, unwrapped.
	Main, Other ports.Backend
	// MainAddr, OtherAddr: the main standalone server (or a cluster seed) and the second server.
	// On Sentinel, MainAddr is the current master; a spec that fails over
	// updates it.
	MainAddr, OtherAddr string
	Servers             []*redistest.Server // the standalone servers, [0] main, [1] second
	ClusterNodes        *redistest.Cluster  // nil unless Topology is Cluster
	SentinelNodes       *redistest.Sentinel // nil unless Topology is Sentinel

	// Per spec:
	Client *redpipe.Client
	// Counts of Backend.Exec calls per connection name in this spec.
	MainCalls, OtherCalls *CountingBackend
	tag                   string
	coalescing            bool // the configuration's Coalescing
}

var runID = fmt.Sprintf("%d", os.Getpid())
var specSeq atomic.Int64

func (s *Suite) start(ctx context.Context, newHarness HarnessMaker) {
	h, err := newHarness(ctx)
	Expect(err).NotTo(HaveOccurred(), "making the harness")
	s.Harness = h
	for i := range 2 {
		srv, err := redistest.SharedServer(ctx, i)
		Expect(err).NotTo(HaveOccurred(), "starting standalone server %d", i)
		s.Servers = append(s.Servers, srv)
	}
	s.OtherAddr = s.Servers[1].Addr
	s.Other, err = h.Standalone(ctx, s.OtherAddr)
	Expect(err).NotTo(HaveOccurred())
	switch h.Topology() {
	case Cluster:
		s.ClusterNodes, err = redistest.SharedCluster(ctx)
		Expect(err).NotTo(HaveOccurred(), "starting the cluster")
		s.MainAddr = s.ClusterNodes.Addrs()[0]
		s.Main, err = h.Cluster(ctx, s.ClusterNodes.Addrs())
	case Sentinel:
		sh, ok := h.(SentinelHarness)
		Expect(ok).To(BeTrue(), "a harness whose Topology is Sentinel must implement conformance.SentinelHarness")
		s.SentinelNodes, err = redistest.SharedSentinel(ctx)
		Expect(err).NotTo(HaveOccurred(), "starting the Sentinel deployment")
		s.MainAddr, err = s.SentinelNodes.Master(ctx)
		Expect(err).NotTo(HaveOccurred(), "asking the sentinels for the master")
		s.Main, err = sh.Sentinel(ctx, s.SentinelNodes.SentinelAddrs(), s.SentinelNodes.MasterName)
	default:
		s.MainAddr = s.Servers[0].Addr
		s.Main, err = h.Standalone(ctx, s.MainAddr)
	}
	Expect(err).NotTo(HaveOccurred())
}

func (s *Suite) stop() {
	if s.Harness != nil {
		Expect(s.Harness.Close()).To(Succeed())
	}
}

func (s *Suite) newSpec() {
	s.tag = fmt.Sprintf("{rp%s-%d}", runID, specSeq.Add(1))
	s.MainCalls = &CountingBackend{Backend: s.Main}
	s.OtherCalls = &CountingBackend{Backend: s.Other}
	s.Client = redpipe.New()
	var opts []redpipe.ConnOption
	if s.coalescing {
		opts = append(opts, redpipe.WithCoalescing())
	}
	Expect(s.Client.Connect(redpipe.DefaultConn, s.MainCalls, opts...)).To(Succeed())
	Expect(s.Client.Connect(Second, s.OtherCalls, opts...)).To(Succeed())
}

// Coalescing reports whether the configuration's connections coalesce
// (Config.ConnOptions), for a spec whose count of backend Execs depends on
// it.
func (s *Suite) Coalescing() bool { return s.coalescing }

// Key returns a key unique to the running spec. All keys of one spec share
// a hash tag, so multi-key commands stay in one cluster slot.
func (s *Suite) Key(name string) string { return s.tag + ":" + name }

// Prefix is a keyspace prefix unique to the running spec: Key(name)
// without its braces, which a keyspace prefix may not hold (in a keyspace
// the id is the hash tag).
func (s *Suite) Prefix(name string) string {
	return strings.NewReplacer("{", "", "}", "").Replace(s.Key(name))
}

// Topology is the harness's topology.
func (s *Suite) Topology() Topology { return s.Harness.Topology() }

// Require skips the running spec, with the harness's reason, when the
// configuration lacks c.
func (s *Suite) Require(c Capability) {
	if _, ok := s.Harness.(OneConnectionHarness); c == CapOneConnection && !ok {
		Skip(fmt.Sprintf("%s lacks %s: its harness does not implement it", CurrentSpecReport().ContainerHierarchyTexts[0], c))
	}
	if why, lacks := s.Harness.Lacks()[c]; lacks {
		Skip(fmt.Sprintf("%s lacks %s: %s", CurrentSpecReport().ContainerHierarchyTexts[0], c, why))
	}
}

// Raw runs one command on the main connection without redpipe, for
// arranging and checking server state.
func (s *Suite) Raw(ctx context.Context, args ...string) ports.Result {
	return RunOne(ctx, s.Main, args...)
}

// RawOther is Raw on the second connection.
func (s *Suite) RawOther(ctx context.Context, args ...string) ports.Result {
	return RunOne(ctx, s.Other, args...)
}
