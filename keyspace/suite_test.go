package keyspace_test

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/adapters/goredis/goredistest"
	"github.com/redpipe-go/redpipe/adapters/redigo/redigotest"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// specs are registered by the spec files' init functions.
var specs []func(s *conformance.Suite)

func register(fn func(s *conformance.Suite)) bool {
	specs = append(specs, fn)
	return true
}

// TestBehaviour runs the package's behaviour against real servers: a
// standalone server through redigo and the test cluster through go-redis's
// ClusterClient, two drivers and both topologies. The Backend contract
// itself is the adapters' conformance suites; here a backend is only the
// way to a real server.
func TestBehaviour(t *testing.T) {
	conformance.RunWith(t, []conformance.Config{
		{Name: "redigo/standalone", Harness: redigotest.Harness()},
		{Name: "goredis/cluster/resp3", Harness: goredistest.Harness(conformance.Cluster, 3)},
	}, specs...)
}
