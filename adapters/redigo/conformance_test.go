package redigo_test

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/adapters/redigo/redigotest"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

func TestConformance(t *testing.T) {
	conformance.RunAll(t,
		conformance.Config{Name: "redigo/standalone", Harness: redigotest.Harness()},
		conformance.Config{Name: "redigo/standalone/coalescing", Harness: redigotest.Harness(), Coalescing: true},
	)
}
