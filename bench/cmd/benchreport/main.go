// Command benchreport runs the bench package's benchmarks, one go test per
// scenario with that scenario's -benchtime, and writes their figures,
// ratios and the targets as Markdown (BENCHMARKS.md). make bench
// runs it from the repository root:
//
//	go run ./bench/cmd/benchreport -o BENCHMARKS.md
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	out := flag.String("o", "BENCHMARKS.md", "where to write the report")
	goCmd := flag.String("go", "go", "the go command")
	only := flag.String("only", "", "run only the scenario of this name (for trying the runner; the report then has only it)")
	flag.Parse()

	start := time.Now()
	var runs []run
	for _, sc := range scenarios {
		if *only != "" && sc.Name != *only {
			continue
		}
		r, err := runScenario(*goCmd, sc)
		if err != nil {
			fmt.Fprintf(os.Stderr, "benchreport: %s: %v\n", sc.Name, err)
			os.Exit(1)
		}
		runs = append(runs, r)
	}
	m := describeMachine(*goCmd)
	md := render(m, runs, time.Since(start))
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "benchreport: wrote %s in %s\n", *out, time.Since(start).Round(time.Second))
}
