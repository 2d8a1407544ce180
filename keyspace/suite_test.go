package keyspace_test

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/internal/realservers"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// specs are registered by the spec files' init functions.
var specs []func(s *conformance.Suite)

func register(fn func(s *conformance.Suite)) bool {
	specs = append(specs, fn)
	return true
}

// TestBehaviour runs the package's specs against real servers (see
// realservers: redigo standalone, go-redis on the cluster).
func TestBehaviour(t *testing.T) { realservers.Run(t, specs...) }
