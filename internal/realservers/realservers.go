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

// Run runs specs in every configuration of Configs, from a plain
// *testing.T; the test binary's TestMain must be redistest.Main.
func Run(t *testing.T, specs ...func(s *conformance.Suite)) {
	conformance.RunWith(t, Configs(), specs...)
}
