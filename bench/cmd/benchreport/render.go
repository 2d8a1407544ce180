package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// render writes the whole report.
func render(m machine, runs []run, took time.Duration) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Benchmarks\n\n")
	w("Written by `make bench` (`go run ./bench/cmd/benchreport`); do not edit by hand.\n")
	w("How the numbers are taken and how to read them: `go doc ./bench`. In short: every\n")
	w("benchmark runs all its variants in one rotating loop, each call timed and its heap\n")
	w("allocations counted on its own, so the **ratios** (same loop, same moment) are what\n")
	w("to compare; absolute times drift with the machine.\n\n")
	w("- Date: %s\n", m.Date)
	w("- CPU: %s, %d cores\n", m.CPU, m.Cores)
	w("- Go: %s\n", m.Go)
	w("- Redis: %s (loopback)\n", m.Redis)
	w("- Source: %s\n", m.Commit)
	w("- Whole run: %s\n\n", took.Round(time.Second))
	w("Reproduce everything with `make bench`, or one scenario with the command under its title.\n\n")

	w("## Targets (issues 5, 14 and 17)\n\n")
	w("| scenario | target | measured | met |\n|---|---|---|---|\n")
	for _, run := range runs {
		for _, t := range targets {
			if t.Scenario != run.Scenario.Name {
				continue
			}
			measured, met, ok := t.Check(index(run.Results))
			verdict := map[bool]string{true: "met", false: "**not met**"}[met]
			if !ok {
				measured, verdict = "no data", "?"
			}
			w("| %s | %s | %s | %s |\n", t.Scenario, t.Text, measured, verdict)
		}
	}
	w("\n")

	for _, run := range runs {
		w("## %s\n\n%s\n\n```sh\n%s\n```\n\n", run.Scenario.Name, run.Scenario.About, run.Command)
		for _, r := range run.Results {
			if len(run.Results) > 1 {
				w("### %s\n\n", strings.TrimPrefix(r.Name, "Benchmark"))
			}
			writeTable(&b, r)
		}
		w("<details><summary>raw go test output</summary>\n\n```\n%s\n```\n\n</details>\n\n", strings.Join(run.Lines, "\n"))
	}
	return b.String()
}

// writeTable writes one benchmark's per-variant figures and its ratios.
func writeTable(b *strings.Builder, r result) {
	if vs := r.concurrentVariants(); len(vs) > 0 {
		writeConcurrentTable(b, r, vs)
		return
	}
	fmt.Fprintf(b, "%d iterations of the loop (each runs every variant once).\n\n", r.N)
	fmt.Fprintf(b, "| variant | time/op | time/cmd | allocs/op | allocs/cmd | B/op |\n|---|---:|---:|---:|---:|---:|\n")
	for _, v := range r.variants() {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", v,
			duration(r.Metrics[v+"-ns/op"]), optional(r.Metrics, v+"-ns/cmd", duration),
			number(r.Metrics[v+"-allocs/op"]), optional(r.Metrics, v+"-allocs/cmd", number),
			fmt.Sprintf("%.0f", r.Metrics[v+"-B/op"]))
	}
	if rs := r.ratios(); len(rs) > 0 {
		fmt.Fprintf(b, "\n| time ratio (same loop) | value |\n|---|---:|\n")
		for _, u := range rs {
			fmt.Fprintf(b, "| %s | %.3f |\n", strings.TrimPrefix(u, "ratio-"), r.Metrics[u])
		}
	}
	fmt.Fprintln(b)
}

// writeConcurrentTable writes a concurrent benchmark's throughput and
// latency per variant and its throughput and p99 ratios.
func writeConcurrentTable(b *strings.Builder, r result, vs []string) {
	fmt.Fprintf(b, "%d iterations of the loop (each runs one burst of every variant).\n\n", r.N)
	fmt.Fprintf(b, "| variant | req/s | p50 | p99 |\n|---|---:|---:|---:|\n")
	for _, v := range vs {
		fmt.Fprintf(b, "| %s | %.0f | %s | %s |\n", v, r.Metrics[v+"-req/s"],
			duration(1e3*r.Metrics[v+"-p50-µs"]), duration(1e3*r.Metrics[v+"-p99-µs"]))
	}
	var pairs []string
	for unit := range r.Metrics {
		if pair, ok := strings.CutPrefix(unit, "tput-"); ok {
			pairs = append(pairs, pair)
		}
	}
	if len(pairs) > 0 {
		sortVariants(pairs)
		fmt.Fprintf(b, "\n| same loop | throughput ratio (> 1: faster) | p99 ratio (< 1: shorter) |\n|---|---:|---:|\n")
		for _, pair := range pairs {
			fmt.Fprintf(b, "| %s | %.3f | %s |\n", pair, r.Metrics["tput-"+pair], optional(r.Metrics, "p99-"+pair, ratio))
		}
	}
	fmt.Fprintln(b)
}

func ratio(v float64) string { return fmt.Sprintf("%.3f", v) }

func optional(m map[string]float64, unit string, f func(float64) string) string {
	if v, ok := m[unit]; ok {
		return f(v)
	}
	return "–"
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func number(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// sortVariants orders names by the driver they are about, raw before
// redpipe, redpipe before redpipe with coalescing: goredis,
// redpipe-goredis, redpipe-goredis-coalescing, redigo, ...
func sortVariants(vs []string) {
	key := func(s string) string {
		base, isRedpipe := strings.CutPrefix(strings.TrimPrefix(s, "ratio-"), "redpipe-")
		if !isRedpipe {
			return base + "\x00"
		}
		if base, ok := strings.CutSuffix(base, "-coalescing"); ok {
			return base + "\x02"
		}
		return base + "\x01"
	}
	slices.SortFunc(vs, func(a, b string) int { return strings.Compare(key(a), key(b)) })
}

// index maps benchmark names to their metrics.
func index(results []result) map[string]map[string]float64 {
	m := make(map[string]map[string]float64, len(results))
	for _, r := range results {
		m[r.Name] = r.Metrics
	}
	return m
}
