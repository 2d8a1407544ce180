// Command soakreport runs the soak package's chaos soak (go test with
// REDPIPE_SOAK=1), echoing its output as it comes, and writes the result
// of every configuration as Markdown (RELIABILITY.md). make soak runs it
// from the repository root:
//
//	go run ./soak/cmd/soakreport -o RELIABILITY.md
//
// A failing soak still gets its report written — the failure is the
// finding — and then exits with status 1, so make soak fails too. Only a
// run that produced no result at all (a build error, a crash before the
// first configuration finished) leaves the report untouched.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/redpipe-go/redpipe/internal/provenance"
)

func main() {
	out := flag.String("o", "RELIABILITY.md", "where to write the report")
	goCmd := flag.String("go", "go", "the go command")
	flag.Parse()

	loadBefore := provenance.LoadAverage()
	start := time.Now()
	r, err := runSoak(*goCmd)
	took := time.Since(start)
	if len(r.Rows) == 0 {
		fmt.Fprintf(os.Stderr, "soakreport: no results in the output of %s (%v); %s left as it was\n", r.Command, err, *out)
		os.Exit(1)
	}
	m := describeMachine(*goCmd)
	m.Load = loadBefore + " before the run, " + m.Load + " after it"
	if werr := os.WriteFile(*out, []byte(render(m, r, took)), 0o644); werr != nil {
		fmt.Fprintln(os.Stderr, "soakreport:", werr)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "soakreport: wrote %s in %s\n", *out, took.Round(time.Second))
	if err != nil || !r.passed() {
		fmt.Fprintf(os.Stderr, "soakreport: the soak FAILED (%v); see %s\n", err, *out)
		os.Exit(1)
	}
}
