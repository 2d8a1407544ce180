package bench

import "testing"

// batchSizes are the sizes scenario's batches.
var batchSizes = []int{1, 10, 100, 1000, 10000}

// BenchmarkSizes: the mixed batch at 1 to 10000 commands, each driver raw
// and under redpipe; read the -ns/cmd and -allocs/cmd figures.
func BenchmarkSizes(b *testing.B) {
	for _, n := range batchSizes {
		b.Run("n="+itoa(n), func(b *testing.B) { measure(b, mixedScenario(b, n)) })
	}
}
