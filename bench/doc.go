// Package bench measures redpipe against the drivers it wraps: go-redis,
// redigo and rueidis, standalone and cluster. It holds only benchmarks
// (the _test.go files) and the runner that turns them into BENCHMARKS.md
// (cmd/benchreport, run by make bench).
//
// # How the numbers are taken
//
// Every benchmark runs all its variants — the raw driver and redpipe over
// that driver, sometimes several drivers — in ONE rotating loop: iteration i
// runs every variant once, starting with variant i mod n, so each variant is
// first, second, ... equally often. The machines this runs on drift up to 2x
// in speed over a day, and a background GC or a noisy neighbour slows
// whatever is running at that moment: interleaving the variants spreads
// that noise evenly, and only ratios measured in the same loop mean
// anything. Comparing an absolute ns/op with one from another run, or
// another machine, does not.
//
// Each call of a variant is timed alone (time.Now and time.Since around the
// call) and its heap allocations are counted alone, from runtime/metrics
// (/gc/heap/allocs:objects plus /gc/heap/tiny/allocs:objects, and
// /gc/heap/allocs:bytes) read just outside the timed window. Reading them
// neither stops the world nor allocates. The runtime credits small
// allocations to these counters when a P's cached span is handed back (not
// at each allocation), so a single call's count is quantised; the span is
// credited to whichever call fills it, which, with the variants
// interleaved, charges each variant its share on average. Over the
// thousands of calls a benchmark makes, the per-variant figures are exact
// to well under one allocation per call; for the slow composed scenario (a
// few dozen calls) treat allocs as approximate. Allocations made by a
// driver's own goroutines while a variant runs (rueidis reads replies on
// one) are charged to that variant, which is where they belong.
//
// # Reading the metrics
//
// For a variant v, a benchmark reports with b.ReportMetric:
//
//	v-ns/op       mean wall time of one call (one batch, one Exec)
//	v-allocs/op   heap allocations per call
//	v-B/op        heap bytes per call
//	v-ns/cmd      the same per command, when a call sends several
//	v-allocs/cmd
//	ratio-a/b     a-ns/op divided by b-ns/op, both from the same loop
//
// The concurrent benchmarks measure bursts, not calls: an iteration runs,
// for every variant in turn, G goroutines released at once, each doing a
// fixed number of requests. For them a variant reports
//
//	v-req/s       requests divided by the bursts' summed wall time
//	v-p50-µs      median latency of one request, over every request
//	v-p99-µs      99th percentile of the same
//	tput-a/b      a-req/s divided by b-req/s: above 1, a serves more
//	p99-a/b       a-p99-µs divided by b-p99-µs: below 1, a's tail is shorter
//
// and no allocation figures (the goroutines' allocations overlap).
//
// The testing package's own ns/op, allocs/op and B/op (-benchmem) describe
// one iteration of the loop, which runs every variant once: they are the
// sum of the variants' figures plus the loop's bookkeeping, and the
// per-variant allocs/op add up to the -benchmem allocs/op.
//
// Every variant checks its replies before it is measured: once per
// benchmark run, on fresh keys, it compares every reply with its exact
// expected value (an INCR's counter, a GET's string, an HGETALL's map), so
// a broken variant fails instead of measuring nothing. In the loop every
// reply is still converted to its Go value and every error checked. Plain
// go test ./bench/ runs only those checks (TestScenarios), untimed.
//
// Servers are real redis-server processes from conformance/redistest,
// started once per test binary; latency, where a scenario needs it, comes
// from its delay proxy (1 ms round trip).
package bench
