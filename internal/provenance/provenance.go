// Package provenance says where a report's figures were taken: the
// machine, the toolchain, the Redis server and the source. make bench and
// make soak both put it at the top of what they write.
package provenance

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// Machine is where a run took place.
type Machine struct {
	Date, CPU, Go, Redis string
	Commit               string // the source that ran (see Describe)
	Load                 string // load averages at the time: other work on the machine shows in timings
	Cores                int
}

// Describe reads the machine now. report is the file the run rewrites:
// rewriting it is not a change to the source that ran.
func Describe(goCmd, report string) Machine {
	return Machine{
		Date:   time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		CPU:    cpuModel(),
		Cores:  runtime.NumCPU(),
		Go:     output(goCmd, "env", "GOVERSION"),
		Redis:  output(redistest.ServerBinary(), "--version"), // the server the tests run
		Commit: commit(report),
		Load:   LoadAverage(),
	}
}

// LoadAverage is /proc/loadavg's 1, 5 and 15 minute figures.
func LoadAverage() string {
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

// ShellLine quotes args as a POSIX shell would need them, so a report can
// show the exact command that produced it.
func ShellLine(name string, args []string) string {
	parts := []string{name}
	for _, a := range args {
		if a == "" || strings.ContainsAny(a, " $^|*?'\"\\()") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
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

// commit names the source that ran: HEAD, and whether the work tree had
// changes on top of it (then the figures are not HEAD's alone).
func commit(report string) string {
	c := output("git", "rev-parse", "--short", "HEAD")
	if out, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!"+report).Output(); err == nil && len(out) > 0 {
		c += " with uncommitted changes in the work tree"
	}
	return c
}
