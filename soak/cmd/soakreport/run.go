package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/redpipe-go/redpipe/soak"
)

// run is the soak's go test: the command, what it printed and the rows
// parsed from it.
type run struct {
	Command string
	Rows    []soak.Row
	Log     []string // every other line of the output, for the report's appendix
}

// passed: every configuration passed (go test's own verdict is checked
// separately: a test can fail outside the rows, in its setup).
func (r run) passed() bool {
	for _, row := range r.Rows {
		if !row.Passed() {
			return false
		}
	}
	return true
}

// soakEnv is the switch TestSoak waits for (soak_test.go).
const soakEnv = "REDPIPE_SOAK=1"

func soakArgs() []string {
	return []string{"test", "-run", "^TestSoak$", "-count", "1", "-v", "-timeout", "5m", "./soak/"}
}

// runSoak runs the soak, echoing its output to stderr as it comes, and
// parses it. The error is go test's (a failing soak is one) or a parse
// error; the rows parsed so far are returned either way.
func runSoak(goCmd string) (run, error) {
	args := soakArgs()
	r := run{Command: soakEnv + " " + shellLine(goCmd, args)}
	fmt.Fprintln(os.Stderr, "$", r.Command)
	var out bytes.Buffer
	cmd := exec.Command(goCmd, args...)
	cmd.Env = append(os.Environ(), soakEnv)
	cmd.Stdout = io.MultiWriter(&out, os.Stderr)
	cmd.Stderr = io.MultiWriter(&out, os.Stderr)
	runErr := cmd.Run()
	rows, perr := soak.ParseRows(out.String())
	r.Rows = rows
	for _, line := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
		if !strings.Contains(line, soak.RowPrefix) {
			r.Log = append(r.Log, line)
		}
	}
	if perr != nil {
		return r, perr
	}
	return r, runErr
}
