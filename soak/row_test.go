package soak

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestJudge(t *testing.T) {
	ok := Row{Config: "x", After: "ok", MaxOverrun: MaxOverrun}
	ok.Judge()
	if !ok.Passed() {
		t.Errorf("a clean row failed: %v", ok.Failures)
	}
	stalled := ok
	stalled.MaxOverrun = time.Second // the process itself did not run for most of it
	stalled.Judge()
	if !stalled.Passed() {
		t.Errorf("an overrun inside a stall of the whole process failed: %v", stalled.Failures)
	}
	for _, tc := range []struct {
		name string
		mod  func(*Row)
		want string
	}{
		{"lost", func(r *Row) { r.Lost, r.LostInWindows = 1, 1 }, "1 acknowledged writes lost"},
		{"lost in a window only", func(r *Row) { r.LostInWindows = 1 }, "0 acknowledged writes lost (1 counted window by window"},
		{"applied", func(r *Row) { r.NotSentApplied, r.NotSentAppliedInWindows = 3, 3 }, "3 writes applied although their futures said not sent"},
		{"applied in a window only", func(r *Row) { r.NotSentAppliedInWindows = 2 }, "0 writes applied although their futures said not sent (2 counted"},
		{"unresolved", func(r *Row) { r.Unresolved = 1 }, "1 futures unresolved"},
		{"overrun", func(r *Row) { r.MaxOverrun, r.MaxOverrunBeyondStalls = time.Second, MaxOverrun+time.Millisecond }, "1s after its deadline, 101ms of it while the process was running"},
		{"stale", func(r *Row) { r.StaleReads = 2 }, "2 reads older"},
		{"wrong", func(r *Row) { r.WrongValues = 1 }, "wrong value"},
		{"leak", func(r *Row) { r.Leaked = 4 }, "4 goroutines leaked"},
		{"after", func(r *Row) { r.After = "EOF" }, "does not work afterwards: EOF"},
	} {
		r := ok
		tc.mod(&r)
		r.Judge()
		if len(r.Failures) != 1 || !strings.Contains(r.Failures[0], tc.want) {
			t.Errorf("%s: failures %q, want one containing %q", tc.name, r.Failures, tc.want)
		}
	}
}

func TestRowLineRoundTrip(t *testing.T) {
	r := Row{
		Config: "goredis/standalone", Faults: []Fault{{Short: "SIGKILL", Detail: "SIGKILL at 2.0 s"}}, Execs: 10, After: "ok",
		MaxOverrun: 12 * time.Millisecond,
		Settlement: Settlement{Counts: Counts{Acked: 7, Unknown: 1, NotSent: 2}, NotSentApplied: 1,
			Violations: []Violation{{Key: "k", Excess: 1, Errors: []ErrCount{{Outcome: "not sent", Text: "context deadline exceeded\nsecond line", N: 2}}}}},
	}
	r.Judge()
	out := "=== RUN   TestSoak\nnoise\n" + r.Line() + "\n    soak_test.go:1: " + r.Line() + "\n--- FAIL\n"
	rows, err := ParseRows(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !reflect.DeepEqual(rows[0], r) || !reflect.DeepEqual(rows[1], r) {
		t.Fatalf("parsed %+v, want twice %+v", rows, r)
	}
	if strings.Count(r.Line(), "\n") != 0 {
		t.Error("a row must be one line")
	}
}
