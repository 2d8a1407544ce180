package main

import (
	"regexp"
	"strconv"
	"strings"
)

// result is one benchmark line: its name without the -GOMAXPROCS suffix,
// its iteration count and every value by unit (ns/op, allocs/op and the
// bench package's ReportMetric units such as goredis-ns/op or
// ratio-redpipe-goredis/goredis).
type result struct {
	Name    string
	N       int
	Metrics map[string]float64
}

var procSuffix = regexp.MustCompile(`-\d+$`)

// parse reads go test -bench output and returns the benchmark results and
// their lines, in order. Other lines (goos:, PASS, logs) are skipped.
func parse(out string) ([]result, []string) {
	var results []result
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		r := result{Name: procSuffix.ReplaceAllString(f[0], ""), N: n, Metrics: map[string]float64{}}
		ok := true
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			r.Metrics[f[i+1]] = v
		}
		if ok {
			results = append(results, r)
			lines = append(lines, strings.TrimSpace(line))
		}
	}
	return results, lines
}

// variants returns the variant names of r (every unit ending in -ns/op),
// each raw driver followed by redpipe over it.
func (r result) variants() []string { return r.variantsBy("-ns/op") }

// variantsBy returns the names of the units ending in suffix, less it,
// sorted like variants.
func (r result) variantsBy(suffix string) []string {
	var vs []string
	for unit := range r.Metrics {
		if v, ok := strings.CutSuffix(unit, suffix); ok {
			vs = append(vs, v)
		}
	}
	sortVariants(vs)
	return vs
}

// ratios returns r's ratio units (ratio-a/b) in a stable order.
func (r result) ratios() []string {
	var rs []string
	for unit := range r.Metrics {
		if strings.HasPrefix(unit, "ratio-") {
			rs = append(rs, unit)
		}
	}
	sortVariants(rs)
	return rs
}

// concurrentVariants returns the variant names of a concurrent benchmark
// (every unit ending in -req/s), sorted like variants; none for others.
func (r result) concurrentVariants() []string { return r.variantsBy("-req/s") }
