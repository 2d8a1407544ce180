package soak

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/onsi/gomega/gleak"
)

// waitLeaks waits until no goroutine started since before is left, and
// otherwise returns how many are and their stacks. The one goroutine
// redistest starts per server process (it reaps the process) is not
// redpipe's: a restart makes a new one.
func waitLeaks(before []gleak.Goroutine, limit time.Duration) (int, string) {
	reaper := gleak.IgnoringCreator("github.com/redpipe-go/redpipe/conformance/redistest.(*Server).launch")
	known := gleak.IgnoringGoroutines(before)
	end := time.Now().Add(limit)
	for {
		now := gleak.Goroutines()
		var left []gleak.Goroutine
		for _, g := range now {
			if ok, _ := known.Match(g); ok {
				continue
			}
			if ok, _ := reaper.Match(g); ok {
				continue
			}
			left = append(left, g)
		}
		if len(left) == 0 {
			return 0, ""
		}
		if time.Now().After(end) {
			var b strings.Builder
			for _, g := range left[:min(len(left), 10)] {
				fmt.Fprintf(&b, "%s\n%s\n", g.String(), g.Backtrace)
			}
			return len(left), b.String()
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The leak check must see a goroutine started after its snapshot, and
// stop seeing it once it ended.
func TestWaitLeaks(t *testing.T) {
	before := gleak.Goroutines()
	release := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-release
	}()
	n, report := waitLeaks(before, 100*time.Millisecond)
	if n != 1 || !strings.Contains(report, "TestWaitLeaks") {
		t.Errorf("leaked %d, report %q; want the one goroutine blocked in TestWaitLeaks", n, report)
	}
	close(release)
	<-done
	if n, report := waitLeaks(before, time.Second); n != 0 {
		t.Errorf("leaked %d after it ended: %s", n, report)
	}
}
