package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// machine is where the soak ran.
type machine struct {
	Date, CPU, Go, Redis string
	Commit               string // what was soaked
	Cores                int
	Load                 string // load averages around the run: other work on the machine shows in the overruns
}

func describeMachine(goCmd string) machine {
	return machine{
		Date:   time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		CPU:    cpuModel(),
		Cores:  runtime.NumCPU(),
		Go:     output(goCmd, "env", "GOVERSION"),
		Redis:  output("redis-server", "--version"),
		Commit: commit(),
		Load:   loadAverage(),
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

// loadAverage is /proc/loadavg's 1, 5 and 15 minute figures.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return strings.TrimSpace(string(out))
}

// commit names the source soaked: HEAD, and whether the work tree had
// changes on top of it. The report itself is left out: rewriting it is not
// a change to what is soaked.
func commit() string {
	c := output("git", "rev-parse", "--short", "HEAD")
	if out, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!RELIABILITY.md").Output(); err == nil && len(out) > 0 {
		c += " with uncommitted changes in the work tree"
	}
	return c
}
