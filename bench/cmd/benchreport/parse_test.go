package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	results, lines := parse(sample)
	if len(results) != 2 || len(lines) != 2 {
		t.Fatalf("got %d results, %d lines; want 2, 2", len(results), len(lines))
	}
	f := results[0]
	if f.Name != "BenchmarkFanout" || f.N != 99 {
		t.Errorf("name, N = %q, %d; want BenchmarkFanout, 99", f.Name, f.N)
	}
	for unit, want := range map[string]float64{
		"ns/op":                               12053763,
		"allocs/op":                           772,
		"redpipe-parallel-ns/op":              2597916,
		"goredis-1rtt-allocs/cmd":             1.707,
		"ratio-redpipe-serial/goredis-1rtt":   3.005,
		"ratio-redpipe-parallel/goredis-1rtt": 1.101,
	} {
		if got := f.Metrics[unit]; got != want {
			t.Errorf("%s = %v, want %v", unit, got, want)
		}
	}
	if got, want := f.variants(), []string{"goredis-1rtt", "redpipe-parallel", "redpipe-serial"}; !slices.Equal(got, want) {
		t.Errorf("variants = %q, want %q", got, want)
	}
	if results[1].Name != "BenchmarkSizes/n=1" {
		t.Errorf("second name = %q", results[1].Name)
	}
}

func TestSortVariants(t *testing.T) {
	vs := []string{"rueidis", "redpipe-rueidis", "redpipe-goredis", "redigo", "goredis", "redpipe-redigo"}
	sortVariants(vs)
	want := []string{"goredis", "redpipe-goredis", "redigo", "redpipe-redigo", "rueidis", "redpipe-rueidis"}
	if !slices.Equal(vs, want) {
		t.Errorf("got %q, want %q", vs, want)
	}
}

func TestTargets(t *testing.T) {
	results, _ := parse(sample)
	m := index(results)
	for _, tc := range []struct {
		text string
		met  bool
	}{
		{"parallel / one round trip ≤ 1.3", true},
		{"Serial() / one round trip ≈ 3 (2.5–3.5)", true},
	} {
		i := slices.IndexFunc(targets, func(t target) bool { return t.Text == tc.text })
		if i < 0 {
			t.Fatalf("no target %q; fanout has %q", tc.text, scenarioTargets("fanout"))
		}
		if _, met, ok := targets[i].Check(m); !ok || met != tc.met {
			t.Errorf("%s: met=%v ok=%v, want met=%v", tc.text, met, ok, tc.met)
		}
	}
	// A run without a scenario's benchmark has no data, not a verdict.
	if _, _, ok := targets[0].Check(m); ok {
		t.Error("mixed100 target checked without mixed100 data")
	}
}

func TestRender(t *testing.T) {
	results, lines := parse(sample)
	sc := scenario{Name: "fanout", Bench: "^BenchmarkFanout$", Benchtime: "3s", About: "about"}
	md := render(machine{Date: "d", CPU: "c", Cores: 2, Go: "go1.26", Redis: "r"},
		[]run{{Scenario: sc, Command: shellLine("go", benchArgs(sc)), Results: results[:1], Lines: lines[:1]}}, time.Second)
	for _, want := range []string{
		"| fanout | parallel / one round trip ≤ 1.3 | 1.101 | met |",
		"| redpipe-serial | 7.09 ms |",
		"| redpipe-serial/goredis-1rtt | 3.005 |",
		"go test -run '^$' -bench '^BenchmarkFanout$' -benchtime 3s -benchmem -count 1 ./bench/",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

func TestConcurrent(t *testing.T) {
	results, _ := parse(concurrentSample)
	if len(results) != 1 || results[0].Name != "BenchmarkConcurrent/g=64" {
		t.Fatalf("got %+v", results)
	}
	r := results[0]
	vs := r.concurrentVariants()
	if want := []string{"goredis", "redpipe-goredis", "redpipe-goredis-coalescing", "goredis-cluster"}; !slices.Equal(vs[:4], want) {
		t.Errorf("variants = %q, want them to start with %q", vs, want)
	}
	m := index(results)
	text := "g=64: redpipe-goredis-coalescing req/s ≥ 1.5 × goredis"
	i := slices.IndexFunc(targets, func(t target) bool { return t.Text == text })
	if i < 0 {
		t.Fatalf("no target %q; concurrent has %q", text, scenarioTargets("concurrent"))
	}
	if got, met, ok := targets[i].Check(m); !ok || !met || got != "1.551" {
		t.Errorf("%s: %s met=%v ok=%v, want 1.551 met", text, got, met, ok)
	}
	// The g=1 and g=16 targets have no data in a g=64 line.
	for _, tg := range targets {
		if tg.Scenario == "concurrent" && strings.HasPrefix(tg.Text, "g=1:") {
			if _, _, ok := tg.Check(m); ok {
				t.Errorf("%s: checked without g=1 data", tg.Text)
			}
		}
	}
	var b strings.Builder
	writeTable(&b, r)
	for _, want := range []string{
		"| redpipe-goredis-coalescing | 61870 | ",
		"| redpipe-goredis-coalescing/goredis | 1.551 | ",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
