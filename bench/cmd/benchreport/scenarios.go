package main

// scenario is one benchmark function of the bench package and how long to
// run it. The -benchtime values keep make bench to a few minutes on a
// 2-core machine while giving each loop thousands of calls, except
// composed, whose direct variant alone takes ~200 ms per call.
type scenario struct {
	Name      string
	Bench     string // the -bench pattern
	Benchtime string
	About     string // what the table shows, for the report
}

var scenarios = []scenario{
	{"mixed100", "^BenchmarkMixed100$", "8s",
		"100 commands (INCR, SET, GET, HSET, HGETALL, ZADD, EXPIRE on distinct keys) in one round trip to one standalone server, each driver's own pipeline (go-redis Pipeline, redigo Send/Flush/Receive, rueidis DoMulti) and redpipe over that same driver client."},
	{"sizes", "^BenchmarkSizes$", "2s",
		"The same mixed batch at 1 to 10000 commands: per-command cost, raw vs redpipe, for every driver."},
	{"composed", "^BenchmarkComposed$", "12x",
		"100 calls of a reusable function (INCR + EXPIRE of a per-call key, written once against redpipe.Scope) behind a proxy adding 1 ms per round trip (0.5 ms each way; its timers overshoot, so the effective round trip is the goredis-pipeline row's time/op): redpipe (one Exec), the same function with direct go-redis calls (200 round trips), and a hand-written go-redis pipeline of the same 200 commands."},
	{"fanout", "^BenchmarkFanout$", "4s",
		"3 standalone servers, each behind a proxy adding 1 ms per round trip (the effective round trip is the goredis-1rtt row), 10 commands each: one redpipe Exec over 3 named connections (go-redis backends), parallel (default) and Serial(), against one raw go-redis round trip with one server's 10 commands."},
	{"cluster", "^BenchmarkCluster$", "6s",
		"1000 keys (500 SET, 500 GET) over the 3 masters of a 3+3 Redis Cluster in one batch: go-redis ClusterClient pipeline (reference), rueidis cluster DoMulti, redpipe's router over redigo pools and over go-redis clients (one per node), and redpipe's goredis and rueidis adapters over those drivers' own cluster clients."},
}
