// Package conformance is the specification every redpipe adapter is held to,
// as a Ginkgo v2 suite that any adapter — including a third party's — runs
// against real Redis servers.
//
// An adapter's test package registers one DescribeBackend per configuration
// (protocol, standalone or cluster) and lets redistest start the servers:
//
//	func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }
//
//	func TestConformance(t *testing.T) {
//		RegisterFailHandler(Fail)
//		RunSpecs(t, "mydriver conformance")
//	}
//
//	var _ = conformance.DescribeBackend("mydriver/resp3", newHarness)
//
// Capabilities a configuration lacks are declared by its Harness and the
// specs that need them are skipped at run time with the Harness's reason.
package conformance
