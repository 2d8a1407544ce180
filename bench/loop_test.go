package bench

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// variant is one way of doing a scenario's work: a raw driver, or redpipe
// over a driver.
type variant struct {
	name string
	// run does the work once. With check it runs on fresh keys and compares
	// every reply with its exact expected value; without, it still converts
	// every reply and returns the first error.
	run func(ctx context.Context, check bool) error
}

// scenario is what one benchmark measures.
type scenario struct {
	variants []variant
	cmds     int         // commands per call, for the per-command figures
	ratios   [][2]string // {a, b}: report ratio-a/b = a-ns/op / b-ns/op
}

// tally accumulates one variant's calls.
type tally struct {
	ns, objects, bytes uint64
}

// checkAll runs every variant once in check mode.
func (sc scenario) checkAll(ctx context.Context) error {
	for _, v := range sc.variants {
		if err := v.run(ctx, true); err != nil {
			return fmtErr(v.name, err)
		}
	}
	return nil
}

// measure checks every variant, then runs them all in one rotating loop
// and reports each one's figures and the ratios.
func measure(b *testing.B, sc scenario) {
	ctx := context.Background()
	if err := sc.checkAll(ctx); err != nil {
		b.Fatal(err)
	}
	n := len(sc.variants)
	tallies := make([]tally, n)
	hc := newHeapCounter()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		for j := range n {
			k := (i + j) % n
			before := hc.read()
			start := time.Now()
			err := sc.variants[k].run(ctx, false)
			d := time.Since(start)
			after := hc.read()
			if err != nil {
				b.Fatal(fmtErr(sc.variants[k].name, err))
			}
			t := &tallies[k]
			t.ns += uint64(d)
			t.objects += after.objects - before.objects
			t.bytes += after.bytes - before.bytes
		}
	}
	b.StopTimer()
	report(b, sc, tallies)
}

func report(b *testing.B, sc scenario, tallies []tally) {
	calls := float64(b.N)
	nsPerOp := make(map[string]float64, len(tallies))
	for k, v := range sc.variants {
		t := tallies[k]
		ns, objs, bytes := float64(t.ns)/calls, float64(t.objects)/calls, float64(t.bytes)/calls
		nsPerOp[v.name] = ns
		b.ReportMetric(ns, v.name+"-ns/op")
		b.ReportMetric(objs, v.name+"-allocs/op")
		b.ReportMetric(bytes, v.name+"-B/op")
		if sc.cmds > 1 {
			b.ReportMetric(ns/float64(sc.cmds), v.name+"-ns/cmd")
			b.ReportMetric(objs/float64(sc.cmds), v.name+"-allocs/cmd")
		}
	}
	for _, r := range sc.ratios {
		a, ok1 := nsPerOp[r[0]]
		d, ok2 := nsPerOp[r[1]]
		if !ok1 || !ok2 || d == 0 {
			b.Fatalf("ratio %s/%s: unknown variant", r[0], r[1])
		}
		b.ReportMetric(a/d, "ratio-"+r[0]+"/"+r[1])
	}
}

func fmtErr(name string, err error) error { return fmt.Errorf("%s: %w", name, err) }
