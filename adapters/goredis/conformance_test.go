package goredis_test

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/adapters/goredis/goredistest"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

func TestConformance(t *testing.T) {
	conformance.RunAll(t,
		conformance.Config{Name: "goredis/standalone/resp3", Harness: goredistest.Harness(conformance.Standalone, 3)},
		conformance.Config{Name: "goredis/standalone/resp3/coalescing", Harness: goredistest.Harness(conformance.Standalone, 3), Coalescing: true},
		conformance.Config{Name: "goredis/standalone/resp2", Harness: goredistest.Harness(conformance.Standalone, 2)},
		conformance.Config{Name: "goredis/cluster/resp3", Harness: goredistest.Harness(conformance.Cluster, 3)},
		conformance.Config{Name: "goredis/cluster/resp3/coalescing", Harness: goredistest.Harness(conformance.Cluster, 3), Coalescing: true},
		conformance.Config{Name: "goredis/sentinel/resp3", Harness: goredistest.Harness(conformance.Sentinel, 3)},
	)
}
