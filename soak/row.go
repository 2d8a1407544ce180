package soak

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// MaxOverrun is how late an Exec may return after its ctx deadline
// (DESIGN.md §3, invariant 8: "within ~100 ms").
const MaxOverrun = 100 * time.Millisecond

// Row is one configuration's soak result: one line of the report's table
// and everything needed to explain it. The soak test prints it as one line
// (RowPrefix + JSON) and soakreport parses it back, so the two cannot drift.
type Row struct {
	Config string  `json:"config"` // adapter configuration, e.g. "goredis/standalone"
	Load   string  `json:"load"`   // what the goroutines ran
	Faults []Fault `json:"faults"` // faults injected, in order

	Seconds    float64 `json:"seconds"` // load duration
	Execs      int64   `json:"execs"`
	ExecErrors int64   `json:"exec_errors"` // Execs that returned an error

	Settlement

	Unresolved int64         `json:"unresolved"`  // futures not Ready() after their Exec returned
	MaxOverrun time.Duration `json:"max_overrun"` // latest Exec return after its deadline
	// OverrunExample is the Exec behind MaxOverrun: its budget, when, its error.
	OverrunExample string `json:"overrun_example,omitempty"`
	// ExecsOverLimit counts the Execs later than MaxOverrun.
	ExecsOverLimit int64 `json:"execs_over_limit"`
	// MaxStall is the longest the soak process went unscheduled, by a 10 ms
	// ticker (other work on the machine, GC), at MaxStallAt since the load
	// started: an overrun within a stall at that moment is the machine's.
	MaxStall   time.Duration `json:"max_stall"`
	MaxStallAt time.Duration `json:"max_stall_at"`
	// MaxOverrunBeyondStalls is the latest Exec's overrun less the stalls
	// of the whole process during it: what redpipe itself made late. It is
	// what the verdict checks against MaxOverrun, so that a busy machine
	// does not fail the soak while lateness of redpipe's own still does.
	MaxOverrunBeyondStalls time.Duration `json:"max_overrun_beyond_stalls"`

	// CacheHits are the reads the client's cache answered (Cached; rueidis
	// configurations), checked like the others.
	CacheHits   int64  `json:"cache_hits"`
	StaleReads  int64  `json:"stale_reads"`  // GETs below the writer's own acknowledged INCRs
	WrongValues int64  `json:"wrong_values"` // HGETALLs that did not return the hash as written
	Leaked      int    `json:"leaked"`       // goroutines left after every client was closed
	LeakReport  string `json:"leak_report,omitempty"`
	After       string `json:"after"` // the fresh round trip after the faults: "ok" or what went wrong

	Examples []string `json:"examples,omitempty"` // unresolved futures, stale reads, ... (a few)
	Failures []string `json:"failures,omitempty"` // why this configuration failed; empty: passed
}

// Fault is one fault injected: Short for the table ("SIGSTOP 2 s"),
// Detail with its timings since the load started and the servers involved.
type Fault struct {
	Short  string `json:"short"`
	Detail string `json:"detail"`
}

// RowPrefix starts the line a Row is printed on.
const RowPrefix = "SOAK-ROW "

// Judge fills r.Failures from the figures: the soak fails a configuration
// for any lost acknowledged write, any write that ran although its future
// said it was not sent, any future left unresolved, an Exec later than its
// deadline + MaxOverrun (stalls of the whole process left out), a stale
// or wrong read, a leaked goroutine, or a Client that does not work
// afterwards.
func (r *Row) Judge() {
	r.Failures = nil
	fail := func(format string, a ...any) { r.Failures = append(r.Failures, fmt.Sprintf(format, a...)) }
	if r.Lost > 0 || r.LostInWindows > 0 {
		fail("%d acknowledged writes lost (%d counted window by window between acknowledged replies)", r.Lost, r.LostInWindows)
	}
	if r.NotSentApplied > 0 || r.NotSentAppliedInWindows > 0 {
		fail("%d writes applied although their futures said not sent (%d counted window by window between acknowledged replies)", r.NotSentApplied, r.NotSentAppliedInWindows)
	}
	if r.Unresolved > 0 {
		fail("%d futures unresolved after Exec returned", r.Unresolved)
	}
	if r.MaxOverrunBeyondStalls > MaxOverrun {
		fail("an Exec returned %v after its deadline, %v of it while the process was running (limit %v)",
			r.MaxOverrun.Round(time.Millisecond), r.MaxOverrunBeyondStalls.Round(time.Millisecond), MaxOverrun)
	}
	if r.StaleReads > 0 {
		fail("%d reads older than the reader's own acknowledged writes", r.StaleReads)
	}
	if r.WrongValues > 0 {
		fail("%d reads returned a wrong value", r.WrongValues)
	}
	if r.Leaked > 0 {
		fail("%d goroutines leaked", r.Leaked)
	}
	if r.After != "ok" {
		fail("the Client does not work afterwards: %s", r.After)
	}
}

// Passed reports whether Judge found nothing wrong.
func (r *Row) Passed() bool { return len(r.Failures) == 0 }

// Line is r as the soak test prints it.
func (r *Row) Line() string {
	b, err := json.Marshal(r)
	if err != nil {
		// Row has only plain fields; this cannot happen.
		panic(err)
	}
	return RowPrefix + string(b)
}

// ParseRows finds every Row line in a go test output. go test -v may
// indent a test's output; the prefix may follow spaces or a file:line.
func ParseRows(out string) ([]Row, error) {
	var rows []Row
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		_, js, ok := strings.Cut(sc.Text(), RowPrefix)
		if !ok {
			continue
		}
		var r Row
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return rows, fmt.Errorf("soak: bad %sline: %w", RowPrefix, err)
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}
