package conformance

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// Config is one configuration of an adapter the suite runs against: its
// name (driver/topology/protocol, as it shows in failures) and how to make
// its backends.
type Config struct {
	Name    string
	Harness HarnessMaker
	// Coalescing connects both of the suite's connections
	// WithCoalescing(), holding coalescing to the whole contract.
	Coalescing bool
}

// Run runs the Backend contract (DESIGN §3) against one configuration,
// from a plain test function:
//
//	func TestConformance(t *testing.T) { conformance.Run(t, "mydriver/resp3", newHarness) }
//
// Ginkgo runs one suite per process: call Run (or RunAll) once per test
// binary, and use TestMain(m) { os.Exit(redistest.Main(m)) } so the
// servers the suite starts are stopped when the binary ends.
func Run(t *testing.T, name string, newHarness HarnessMaker) {
	t.Helper()
	RunAll(t, Config{Name: name, Harness: newHarness})
}

// RunAll is Run for an adapter with several configurations (protocols,
// topologies), each its own ordered container of every spec.
func RunAll(t *testing.T, configs ...Config) {
	t.Helper()
	RunWith(t, configs, specs...)
}

// RunWith runs specs of the caller's own — for a package's behaviour over
// real servers rather than the Backend contract — with the suite's
// fixture: the servers of each configuration's topology, a Client whose
// two connections count their round trips, and keys unique to each spec
// (Suite.Key, Suite.Prefix). Each spec function registers Ginkgo nodes
// (Describe, It) that read s when they run. Like Run, once per test binary.
func RunWith(t *testing.T, configs []Config, specs ...func(s *Suite)) {
	t.Helper()
	for _, c := range configs {
		describe(c, specs)
	}
	RegisterFailHandler(Fail)
	RunSpecs(t, t.Name())
}
