package main

import (
	"strings"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/soak"
)

func sampleRun() run {
	ok := soak.Row{Config: "cluster/redigo-nodes", Load: "32 goroutines", Execs: 100, After: "ok",
		Faults:     []soak.Fault{{Short: "CLUSTER FAILOVER", Detail: "CLUSTER FAILOVER of master a to b at 8.5 s"}},
		Settlement: soak.Settlement{Counts: soak.Counts{Acked: 90, Unknown: 1, NotSent: 9}}}
	ok.Judge()
	bad := soak.Row{Config: "goredis/standalone", Load: "32 goroutines", Execs: 200, After: "ok",
		MaxOverrun: 150 * time.Millisecond, MaxOverrunBeyondStalls: 120 * time.Millisecond,
		Faults: []soak.Fault{
			{Short: "SIGKILL, restart 500ms later", Detail: "SIGKILL at 2.0 s"},
			{Short: "SIGSTOP 2s", Detail: "SIGSTOP at 5.0 s"},
			{Short: "SIGKILL, restart 500ms later", Detail: "SIGKILL at 8.5 s"},
		},
		Settlement: soak.Settlement{
			Counts: soak.Counts{Acked: 180, Unknown: 2, NotSent: 18}, NotSentApplied: 3, NotSentAppliedInWindows: 5,
			Errors:   []soak.ErrCount{{Outcome: "not sent", Text: "context deadline exceeded", N: 15}, {Outcome: "not sent", Text: "a | b", N: 3}},
			Culprits: []soak.ErrCount{{Outcome: "applied", Text: "context deadline exceeded", N: 5}},
			Violations: []soak.Violation{{Key: "soak:{k}:incr", Kind: "incr", Final: 12,
				Counts:  soak.Counts{Acked: 10, NotSent: 2},
				Windows: []soak.Window{{After: 3, Upto: 5, Ran: 1, NotSent: 1, Errors: []soak.ErrCount{{Outcome: "not sent", Text: "context deadline exceeded", N: 1}}}}}},
		}}
	bad.Judge()
	return run{Command: "REDPIPE_SOAK=1 go test ./soak/", Rows: []soak.Row{bad, ok}, Log: []string{"=== RUN   TestSoak"}}
}

func TestRender(t *testing.T) {
	md := render(machine{Date: "d", CPU: "c", Cores: 2, Commit: "abc"}, sampleRun(), 90*time.Second)
	for _, want := range []string{
		"- Verdict: **FAILED** — 1 of 2 configurations",
		"| goredis/standalone | SIGKILL, restart 500ms later (×2); SIGSTOP 2s | 200 | 180 | 0 | 2 | 18 | **3** (**5**) | 0 | 150 ms (**120 ms** beyond stalls) | 0 | **FAILED** |",
		"| cluster/redigo-nodes | CLUSTER FAILOVER | 100 | 90 | 0 | 1 | 9 | 0 | 0 | 0 ms | 0 | passed |",
		"| applied | 5 | `context deadline exceeded` |",
		"after reply 3, up to reply 5: 1 ran; futures there: 0 unknown, 1 not sent — 1× not sent `context deadline exceeded`",
		"`a \\| b`", // a pipe in an error text does not split the table cell
		"1. SIGKILL at 2.0 s\n2. SIGSTOP at 5.0 s\n3. SIGKILL at 8.5 s\n",
		"- Command: `REDPIPE_SOAK=1 go test ./soak/`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q\n%s", want, md)
		}
	}
	if strings.Contains(md, "### cluster/redigo-nodes") {
		t.Error("a passing configuration has no findings section")
	}
}

func TestPassed(t *testing.T) {
	r := sampleRun()
	if r.passed() {
		t.Error("a run with a failed row passed")
	}
	r.Rows = r.Rows[1:]
	if !r.passed() {
		t.Error("a run of passing rows failed")
	}
}
