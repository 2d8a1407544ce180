// Package redistest runs real Redis for tests and benchmarks: standalone
// redis-server processes, a 3-master/3-replica Redis Cluster and a Sentinel
// deployment (a master, a replica, three sentinels) on free loopback
// ports, a latency-injecting TCP proxy that also counts round trips, and
// the two degenerate endpoints every client must survive (a server that
// never answers, an address where nothing listens).
//
// It is exported, not internal, so that third-party adapters can run the
// redpipe conformance suite against the same kind of servers the project's
// own adapters are held to.
//
// Servers are child processes of the test binary (never daemonized), each in
// its own directory under one per-process temporary directory. They are put in
// their own process group and are sent SIGKILL by the kernel if the test
// binary dies, so an aborted run does not leave Redis behind. Call Main from
// TestMain so that servers are stopped and their logs kept or removed
// according to the result:
//
//	func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }
//
// The package talks to Redis with its own tiny RESP2 client (Do) and imports
// only the standard library, so it can test any driver without depending on
// one. redis-server and redis-cli must be on PATH; ErrNoRedis says how to
// install them. Only loopback addresses are ever targeted.
package redistest
