package bench

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// TestMain stops the redis-server processes the benchmarks started.
func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }
