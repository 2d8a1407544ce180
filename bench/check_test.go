package bench

import (
	"context"
	"testing"
)

// TestScenarios runs every variant of every scenario once on fresh keys
// and checks each reply's exact value: what each benchmark does before it
// measures anything. It asserts nothing about time.
func TestScenarios(t *testing.T) {
	type named struct {
		name string
		mk   func(testing.TB) scenario
	}
	scenarios := []named{
		{"mixed100", func(tb testing.TB) scenario { return mixedScenario(tb, 100) }},
		{"composed", composedScenario},
		{"fanout", fanoutScenario},
		{"cluster", clusterScenario},
		{"cached", cachedScenario},
		{"cachedmiss", cachedMissScenario},
		{"concurrent", func(tb testing.TB) scenario { return concurrentScenario(tb).asScenario() }},
		{"concurrent-rtt", func(tb testing.TB) scenario { return concurrentRTTScenario(tb).asScenario() }},
	}
	for _, n := range batchSizes {
		scenarios = append(scenarios, named{"sizes/n=" + itoa(n), func(tb testing.TB) scenario { return mixedScenario(tb, n) }})
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			if err := s.mk(t).checkAll(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
}
