package main

// scenario is one benchmark function of the bench package and how long to
// run it. The -benchtime values keep make bench to a few minutes on a
// 2-core machine while giving each loop thousands of calls, except
// composed, whose direct variant alone takes ~200 ms per call, and
// concurrent, whose loop runs bursts of thousands of requests (20 loops of
// every variant at every level: about two minutes).
type scenario struct {
	Name      string
	Bench     string // the -bench pattern
	Benchtime string
	About     string // what the table shows, for the report
}

var scenarios = []scenario{
	{"mixed100", "^BenchmarkMixed100$", "8s",
		"100 commands (INCR, SET, GET, HSET, HGETALL, ZADD, EXPIRE on distinct keys) in one round trip to one standalone server, each driver's own pipeline (go-redis Pipeline, redigo Send/Flush/Receive, rueidis DoMulti) and redpipe over that same driver client; redpipe-goredis-otel is redpipe over go-redis with redpipeotel's Observer (OpenTelemetry SDK tracer provider sampling every span into a batch processor whose exporter discards them, and a meter provider aggregating the histogram), against redpipe-goredis unobserved."},
	{"sizes", "^BenchmarkSizes$", "2s",
		"The same mixed batch at 1 to 10000 commands: per-command cost, raw vs redpipe, for every driver."},
	{"composed", "^BenchmarkComposed$", "12x",
		"100 calls of a reusable function (INCR + EXPIRE of a per-call key, written once against redpipe.Scope) behind a proxy adding 1 ms per round trip (0.5 ms each way; its timers overshoot, so the effective round trip is the goredis-pipeline row's time/op): redpipe (one Exec), the same function with direct go-redis calls (200 round trips), and a hand-written go-redis pipeline of the same 200 commands."},
	{"fanout", "^BenchmarkFanout$", "4s",
		"3 standalone servers, each behind a proxy adding 1 ms per round trip (the effective round trip is the goredis-1rtt row), 10 commands each: one redpipe Exec over 3 named connections (go-redis backends), parallel (default) and Serial(), against one raw go-redis round trip with one server's 10 commands."},
	{"cluster", "^BenchmarkCluster$", "6s",
		"1000 keys (500 SET, 500 GET) over the 3 masters of a 3+3 Redis Cluster in one batch: go-redis ClusterClient pipeline (reference), rueidis cluster DoMulti, redpipe's router over redigo pools and over go-redis clients (one per node), and redpipe's goredis and rueidis adapters over those drivers' own cluster clients."},
	{"cached", "^BenchmarkCached$", "3s",
		"A request reading 10 strings and 10 hashes that do not change (GET, HGETALL), behind a proxy adding 1 ms per round trip, through one rueidis client with its cache on (rueidis's defaults: RESP3, tracking): raw rueidis DoMultiCache (every read answered by the cache) and DoMulti (one round trip), and redpipe over that client with redpipe.Cached(time.Minute) and without it."},
	{"cachedmiss", "^BenchmarkCachedMiss$", "600x",
		"A request incrementing a counter and reading a key the cache does not hold (a new key each call), behind the same 1 ms proxy: raw rueidis DoMulti of both, against redpipe with the read Cached: the miss rides in the INCR's round trip (nothing in the batch writes the read's key)."},
	{"concurrent", "^BenchmarkConcurrent(RTT)?$", "20x",
		"A service workload: each request composes three functions of two commands each (GET + HGETALL, INCR + EXPIRE, SET + GET), written once against redpipe.Scope, into one root pipeline; the raw variants send the same six commands in their driver's own pipeline. G goroutines (1 to 256) send about 2000 requests per burst at once (fewer behind the proxy); throughput is the requests over the bursts' wall time, p50/p99 the latency of every request. Standalone: every driver raw, redpipe over it, and redpipe over it with WithCoalescing(); cluster (3 masters): go-redis ClusterClient pipeline and redpipe's router over go-redis node clients, with and without coalescing; redpipe-goredis-otel: redpipe over go-redis traced and measured by redpipeotel (as in mixed100), against redpipe-goredis. Drivers keep their default pool sizes (go-redis 10 per core), except redigo's MaxIdle, raised to 256 so that no level measures dialling. ConcurrentRTT: the standalone variants behind a proxy adding 1 ms per round trip (its timers overshoot: the effective round trip is about the g=1 rows' p50)."},
}
