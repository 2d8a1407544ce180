// Package conformance is the specification every redpipe adapter is held to:
// the Backend contract of DESIGN §3 (one round trip per connection, order,
// every future resolved, failures isolated, bytes exact, the same Go values
// over every driver and protocol, bad input refused, ctx, panics, clients
// refused before anything is sent), as a Ginkgo v2 suite that any adapter —
// a third party's too — runs against real Redis servers from a plain test:
//
//	func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }
//
//	func TestConformance(t *testing.T) { conformance.Run(t, "mydriver/resp3", newHarness) }
//
// RunAll takes several configurations (protocols, topologies) at once;
// Ginkgo runs one suite per process, so a test binary calls Run or RunAll
// once. Capabilities a configuration lacks are declared by its Harness and
// the specs that need them are skipped at run time with the Harness's reason.
//
// What is package behaviour rather than the backend's — keyspaces, records,
// Repository, codecs through them — is tested where it lives (the tests of
// packages keyspace and structs), over real servers too, through RunWith:
// the same fixture (servers, two counting connections, spec-unique keys)
// running the caller's own specs. The harnesses of adapters/redigo and
// adapters/goredis are importable for that, as redigotest and goredistest.
package conformance
