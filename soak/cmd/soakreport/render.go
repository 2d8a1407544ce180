package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/soak"
)

// Bounds on the report's detail: enough to diagnose, short enough to read.
const (
	shownErrors     = 10
	shownViolations = 4
	shownCulprits   = 6
	shownLogLines   = 400
)

// render writes the whole report.
func render(m machine, r run, took time.Duration) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Reliability\n\n")
	w("Written by `make soak` (`go run ./soak/cmd/soakreport`); do not edit by hand.\n")
	w("What the soak does and how its figures are counted: `go doc ./soak`. In short: 32\n")
	w("goroutines run composed pipelines over each configuration while its servers are\n")
	w("killed, frozen, failed over and resharded; every counter key has one writer, so\n")
	w("the server's final value says exactly how many writes ran, and each write's\n")
	w("future is checked against it.\n\n")
	w("- Date: %s\n", m.Date)
	w("- CPU: %s, %d cores (load average %s)\n", m.CPU, m.Cores, m.Load)
	w("- Go: %s\n", m.Go)
	w("- Redis: %s (loopback; every server with `--appendonly yes --appendfsync always`)\n", m.Redis)
	w("- Source: %s\n", m.Commit)
	w("- Whole run: %s\n", took.Round(time.Second))
	w("- Command: `%s`\n", r.Command)
	failed := 0
	for _, row := range r.Rows {
		if !row.Passed() {
			failed++
		}
	}
	if failed == 0 {
		w("- Verdict: **passed** (%d configurations)\n\n", len(r.Rows))
	} else {
		w("- Verdict: **FAILED** — %d of %d configurations (see Findings)\n\n", failed, len(r.Rows))
	}
	if len(r.Rows) > 0 {
		w("Load: %s.\n\n", r.Rows[0].Load)
	}

	w("## Results\n\n")
	w("| configuration | faults injected | Execs | acknowledged writes | lost | unknown outcome | not sent | not sent but applied | unresolved futures | max Exec overrun | leaked goroutines | verdict |\n")
	w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, row := range r.Rows {
		verdict := "passed"
		if !row.Passed() {
			verdict = "**FAILED**"
		}
		w("| %s | %s | %d | %d | %s | %d | %d | %s | %d | %s | %d | %s |\n",
			row.Config, cell(shortFaults(row.Faults)), row.Execs, row.Acked,
			bounded(row.Lost, row.LostInWindows), row.Unknown, row.NotSent,
			bounded(row.NotSentApplied, row.NotSentAppliedInWindows),
			row.Unresolved, overrun(row), row.Leaked, verdict)
	}
	w("\n")
	w("Writes are INCRs: plain, inside MULTI/EXEC, and in a Lua script, each on its own\n")
	w("counter. **acknowledged**: the future succeeded; **unknown outcome**: it failed\n")
	w("with a `*ports.TransportError` whose `MaybeWritten` is true; **not sent**: any\n")
	w("other error. **lost** = acknowledged writes missing from the final value\n")
	w("(final < acknowledged); **not sent but applied** = writes that ran beyond\n")
	w("acknowledged + unknown (final > acknowledged + unknown). Both must be 0; a figure\n")
	w("in parentheses is the same check made between each two consecutive acknowledged\n")
	w("replies (an INCR's reply is the counter after it), which a surplus elsewhere in\n")
	w("the key's history cannot hide. **max Exec overrun**: how late the latest Exec\n")
	w("returned after its ctx deadline; when over the limit (%s), in parentheses the\n", soak.MaxOverrun)
	w("part of it outside the soak process's own stalls (a 10 ms ticker served late:\n")
	w("the machine busy with other work, GC), which is what the verdict checks.\n")
	w("Goroutines are compared before the clients were made and after they were\n")
	w("closed. Every configuration also checks every future is ready when Exec\n")
	w("returns, reads (a GET never below the writer's own acknowledged INCRs, an\n")
	w("HGETALL exactly as written) and a fresh round trip with exact values once the\n")
	w("servers are healthy again. An unknown write may land after its writer's next\n")
	w("acknowledged ones: its Exec returned at its deadline while its batch was still\n")
	w("unread in a frozen server's socket (the writer's next Exec took another of the\n")
	w("driver's connections, which the server may serve first once it runs again), or\n")
	w("still being sent in a coalescing connection's merged batch. The window check\n")
	w("then counts it as late, not as not-sent-applied.\n\n")
	for _, row := range r.Rows {
		if row.LateInWindows > 0 {
			w("- %s: %d unknown writes landed after a later acknowledged write of their key.\n", row.Config, row.LateInWindows)
		}
	}
	w("\n")

	if failed > 0 {
		w("## Findings\n\n")
		for _, row := range r.Rows {
			if !row.Passed() {
				findings(&b, row)
			}
		}
	}

	w("## Faults, in order\n\n")
	w("Times are since the configuration's load started.\n\n")
	for _, row := range r.Rows {
		w("**%s** (load ran %.1f s):\n\n", row.Config, row.Seconds)
		for i, f := range row.Faults {
			w("%d. %s\n", i+1, f.Detail)
		}
		w("\n%s\n\n", timing(row))
	}

	w("## What the futures said\n\n")
	for _, row := range r.Rows {
		w("**%s**: %d Execs, %d of them with an error; writes by kind: %s; reads answered by the client's cache: %d.\n\n", row.Config, row.Execs, row.ExecErrors, byKind(row), row.CacheHits)
		if len(row.Errors) == 0 {
			w("No write failed.\n\n")
			continue
		}
		w("| outcome | futures | error text |\n|---|---:|---|\n")
		for _, e := range row.Errors[:min(len(row.Errors), shownErrors)] {
			w("| %s | %d | `%s` |\n", e.Outcome, e.N, cell(e.Text))
		}
		if len(row.Errors) > shownErrors {
			w("| … | | %d more texts |\n", len(row.Errors)-shownErrors)
		}
		w("\n")
	}

	log := r.Log
	if len(log) > shownLogLines {
		log = append([]string{fmt.Sprintf("(first %d lines left out)", len(log)-shownLogLines)}, log[len(log)-shownLogLines:]...)
	}
	w("<details><summary>go test output (the result lines left out)</summary>\n\n```\n%s\n```\n\n</details>\n", strings.Join(log, "\n"))
	return b.String()
}

// findings explains why one configuration failed: its failures, the error
// texts of the futures that said "not sent" for writes that ran, and a
// few keys where that happened, window by window.
func findings(b *strings.Builder, row soak.Row) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	w("### %s\n\n", row.Config)
	for _, f := range row.Failures {
		w("- %s\n", f)
	}
	if row.After != "ok" {
		w("- afterwards: `%s`\n", cell(row.After))
	}
	w("\n")
	if len(row.Culprits) > 0 {
		w("Not-sent futures in the stretches (between two acknowledged replies of a key) where\n")
		w("more writes ran than were unknown: *applied* when every not-sent future of its\n")
		w("stretch must have run, *suspect* when only some of them did.\n\n")
		w("| | futures | error text |\n|---|---:|---|\n")
		for _, c := range row.Culprits[:min(len(row.Culprits), shownCulprits)] {
			w("| %s | %d | `%s` |\n", c.Outcome, c.N, cell(c.Text))
		}
		w("\n")
	}
	if len(row.Violations) > 0 {
		w("%d counter keys out of bounds; the first %d:\n\n", len(row.Violations), min(len(row.Violations), shownViolations))
		for _, v := range row.Violations[:min(len(row.Violations), shownViolations)] {
			w("- `%s` (%s): final %d; futures: %d acknowledged, %d unknown, %d not sent\n", v.Key, v.Kind, v.Final, v.Acked, v.Unknown, v.NotSent)
			for _, win := range v.Windows {
				upto := fmt.Sprintf("reply %d", win.Upto)
				if win.Final {
					upto = fmt.Sprintf("the final value %d", win.Upto)
				}
				w("  - after reply %d, up to %s: %d ran; futures there: %d unknown, %d not sent — %s\n",
					win.After, upto, win.Ran, win.Unknown, win.NotSent, texts(win.Errors))
			}
		}
		w("\n")
	}
	if len(row.Examples) > 0 {
		w("Examples:\n\n")
		for _, e := range row.Examples {
			w("- %s\n", cell(e))
		}
		w("\n")
	}
	if row.LeakReport != "" {
		w("<details><summary>goroutines left</summary>\n\n```\n%s\n```\n\n</details>\n\n", row.LeakReport)
	}
}

// timing says how late Execs returned, next to how long the process itself
// went unscheduled: an overrun within a stall at that moment is the
// machine's, one well beyond it is redpipe's.
func timing(row soak.Row) string {
	s := fmt.Sprintf("Latest Exec: %s. %d Execs returned more than %s after their deadline.", cell(row.OverrunExample), row.ExecsOverLimit, soak.MaxOverrun)
	return s + fmt.Sprintf(" Longest scheduling stall of the soak process (a 10 ms ticker firing late): %s at %s.",
		row.MaxStall.Round(time.Millisecond), secs(row.MaxStallAt))
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

func texts(es []soak.ErrCount) string {
	if len(es) == 0 {
		return "no failed future"
	}
	var parts []string
	for _, e := range es {
		parts = append(parts, fmt.Sprintf("%d× %s `%s`", e.N, e.Outcome, cell(e.Text)))
	}
	return strings.Join(parts, ", ")
}

// shortFaults is the table's summary: each fault's short form, repeats
// counted.
func shortFaults(fs []soak.Fault) string {
	var order []string
	n := map[string]int{}
	for _, f := range fs {
		if n[f.Short] == 0 {
			order = append(order, f.Short)
		}
		n[f.Short]++
	}
	parts := make([]string, len(order))
	for i, s := range order {
		parts[i] = s
		if n[s] > 1 {
			parts[i] = fmt.Sprintf("%s (×%d)", s, n[s])
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}

// bounded prints a total-based figure, with the window-based one beside
// it when that is larger.
func bounded(total, windows int64) string {
	s := fmt.Sprint(total)
	if total > 0 {
		s = "**" + s + "**"
	}
	if windows > total {
		s += fmt.Sprintf(" (**%d**)", windows)
	}
	return s
}

// overrun prints the latest Exec's overrun and, when it is over the
// limit, the part of it the process was running for (the verdict's figure).
func overrun(row soak.Row) string {
	ms := func(d time.Duration) string {
		return fmt.Sprintf("%d ms", max(d, 0).Round(time.Millisecond).Milliseconds())
	}
	s := ms(row.MaxOverrun)
	if row.MaxOverrun > soak.MaxOverrun {
		beyond := ms(row.MaxOverrunBeyondStalls)
		if row.MaxOverrunBeyondStalls > soak.MaxOverrun {
			beyond = "**" + beyond + "**"
		}
		s += " (" + beyond + " beyond stalls)"
	}
	return s
}

func byKind(row soak.Row) string {
	var parts []string
	for _, k := range []string{"incr", "tx", "script"} {
		c, ok := row.ByKind[k]
		if !ok {
			continue
		}
		name := map[string]string{"incr": "INCR", "tx": "MULTI/EXEC INCR", "script": "Lua INCR"}[k]
		parts = append(parts, fmt.Sprintf("%s %d acknowledged / %d unknown / %d not sent", name, c.Acked, c.Unknown, c.NotSent))
	}
	return strings.Join(parts, "; ")
}

// cell makes text safe inside a table cell or a code span on one line.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "`", "'")
}
