package main

import "github.com/redpipe-go/redpipe/internal/provenance"

// machine is where the soak ran.
type machine = provenance.Machine

func describeMachine(goCmd string) machine { return provenance.Describe(goCmd, "RELIABILITY.md") }

var shellLine = provenance.ShellLine
