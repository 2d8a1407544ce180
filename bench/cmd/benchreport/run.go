package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// run is one scenario's go test: the command and what it printed.
type run struct {
	Scenario scenario
	Command  string
	Results  []result
	Lines    []string // the benchmark lines as printed
}

func benchArgs(sc scenario) []string {
	return []string{"test", "-run", "^$", "-bench", sc.Bench, "-benchtime", sc.Benchtime, "-benchmem", "-count", "1", "./bench/"}
}

// runScenario runs sc's benchmarks, echoing their output to stderr as it
// comes, and parses it.
func runScenario(goCmd string, sc scenario) (run, error) {
	args := benchArgs(sc)
	r := run{Scenario: sc, Command: shellLine(goCmd, args)}
	fmt.Fprintln(os.Stderr, "$", r.Command)
	var out bytes.Buffer
	cmd := exec.Command(goCmd, args...)
	cmd.Stdout = io.MultiWriter(&out, os.Stderr)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return r, err
	}
	r.Results, r.Lines = parse(out.String())
	if len(r.Results) == 0 {
		return r, fmt.Errorf("no benchmark results in the output of %s", r.Command)
	}
	return r, nil
}
