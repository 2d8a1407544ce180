// Package difftest holds only tests: a differential test of the typed
// methods of *redpipe.Pipeline with go-redis as the oracle.
//
// Every case names a Pipeline method that has a counterpart of the same name
// on go-redis's Cmdable. The test starts two private redis-server processes
// (conformance/redistest): the oracle, which go-redis talks to directly, and
// the subject, which redpipe talks to through each adapter configuration
// (go-redis RESP2 and RESP3, redigo RESP2, rueidis RESP2 and RESP3). A case
// arranges the same keys on both servers with raw commands, makes the same
// calls through go-redis (one round trip each) and through redpipe (all
// queued on one root pipeline, one Exec), then compares:
//
//   - each call's value, after a normalisation (canon) that maps both sides
//     onto plain strings, numbers, slices and maps: redpipe's more precise
//     result types and go-redis's shapes meet there, structs compare field by
//     field by name;
//   - each call's error: go-redis's redis.Nil must be redpipe's ErrNil, an
//     error Redis produced must carry the same text, any other error on one
//     side must be an error on the other;
//   - the final state of every key under the case's prefix on both servers,
//     read by type (strings, hashes, lists, sets, sorted sets, streams, TTL
//     presence), so a command that replies right but writes wrong is caught.
//
// Differences that are understood and kept are listed, with their reason, in
// the expected table (expected_test.go); a difference not listed fails the
// test. TestCoverage lists Pipeline's methods with a go-redis counterpart and
// reports those without a case.
//
// The two servers are this test binary's alone, so the test may FLUSHDB them
// between adapter configurations.
package difftest
