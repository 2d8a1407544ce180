package main

import "github.com/redpipe-go/redpipe/internal/provenance"

// machine is where the numbers were taken.
type machine = provenance.Machine

func describeMachine(goCmd string) machine { return provenance.Describe(goCmd, "BENCHMARKS.md") }

var shellLine = provenance.ShellLine
