package bench

import (
	"context"
	"testing"
)

// TestScenarios runs every variant of every scenario once on fresh keys
// and checks each reply's exact value: what each benchmark does before it
// measures anything. It asserts nothing about time.
func TestScenarios(t *testing.T) {
	scenarios := map[string]func(testing.TB) scenario{
		"mixed100": func(tb testing.TB) scenario { return mixedScenario(tb, 100) },
	}
	for name, mk := range scenarios {
		t.Run(name, func(t *testing.T) {
			if err := mk(t).checkAll(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
}
