// Package realservers runs the keyspace and structs packages' behaviour
// specs against real servers, in the two configurations both packages
// name: a standalone server through redigo and the test cluster through
// go-redis's ClusterClient — two drivers and both topologies. The Backend
// contract itself is the adapters' conformance suites; here a backend is
// only the way to a real server.
package realservers

import (
	"testing"

	"github.com/redpipe-go/redpipe/adapters/goredis/goredistest"
	"github.com/redpipe-go/redpipe/adapters/redigo/redigotest"
	"github.com/redpipe-go/redpipe/conformance"
)

// Configs are the two configurations.
func Configs() []conformance.Config {
	return []conformance.Config{
		{Name: "redigo/standalone", Harness: redigotest.Harness()},
		{Name: "goredis/cluster/resp3", Harness: goredistest.Harness(conformance.Cluster, 3)},
	}
}

// Specs collects a package's specs, registered by its spec files' init
// functions (var _ = register(...)).
type Specs []func(s *conformance.Suite)

// Add registers fn; the bool lets a spec file register from a var
// declaration.
func (ss *Specs) Add(fn func(s *conformance.Suite)) bool {
	*ss = append(*ss, fn)
	return true
}

// Run runs the specs in every configuration of Configs, from a plain
// *testing.T; the test binary's TestMain must be redistest.Main.
func (ss Specs) Run(t *testing.T) {
	conformance.RunWith(t, Configs(), ss...)
}
