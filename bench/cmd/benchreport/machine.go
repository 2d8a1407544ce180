package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// machine is where the numbers were taken.
type machine struct {
	Date, CPU, Go, Redis string
	Commit               string // what was measured
	Cores                int
}

func describeMachine(goCmd string) machine {
	return machine{
		Date:   time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		CPU:    cpuModel(),
		Cores:  runtime.NumCPU(),
		Go:     output(goCmd, "env", "GOVERSION"),
		Redis:  output("redis-server", "--version"),
		Commit: commit(),
	}
}

// cpuModel is /proc/cpuinfo's first "model name".
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return strings.TrimSpace(string(out))
}

// commit names the source measured: HEAD, and whether the work tree had
// changes on top of it (then the numbers are not HEAD's alone). The report
// itself is left out: rewriting it is not a change to what is measured.
func commit() string {
	c := output("git", "rev-parse", "--short", "HEAD")
	if out, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md").Output(); err == nil && len(out) > 0 {
		c += " with uncommitted changes in the work tree"
	}
	return c
}
