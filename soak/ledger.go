package soak

import (
	"cmp"
	"errors"
	"maps"
	"regexp"
	"slices"
	"sync"

	"github.com/redpipe-go/redpipe/ports"
)

// Outcome is what a write's future told its caller about whether the write
// ran on the server.
type Outcome uint8

const (
	// Acked: the future holds the reply, so the write ran (exactly once).
	Acked Outcome = iota
	// Unknown: a *ports.TransportError with MaybeWritten — the library
	// admits it cannot know whether the write ran.
	Unknown
	// NotSent: any other error. The library thereby claims the write did not
	// run; a server counter showing it did is a violation.
	NotSent
)

func (o Outcome) String() string {
	switch o {
	case Acked:
		return "acknowledged"
	case Unknown:
		return "unknown"
	case NotSent:
		return "not sent"
	}
	return "?"
}

// Classify maps a write future's error to its Outcome.
func Classify(err error) Outcome {
	if err == nil {
		return Acked
	}
	var te *ports.TransportError
	if errors.As(err, &te) && te.MaybeWritten {
		return Unknown
	}
	return NotSent
}

// Counts are the outcomes of the writes to some set of counters.
type Counts struct {
	Acked   int64 `json:"acked"`
	Unknown int64 `json:"unknown"`
	NotSent int64 `json:"not_sent"`
}

func (c *Counts) add(o Outcome, n int64) {
	switch o {
	case Acked:
		c.Acked += n
	case Unknown:
		c.Unknown += n
	default:
		c.NotSent += n
	}
}

// ErrCount is one error text and how often it was seen.
type ErrCount struct {
	Outcome string `json:"outcome"`
	Text    string `json:"text"`
	N       int64  `json:"n"`
}

// Bounds on the error texts kept: a soak produces tens of thousands of
// errors, and a report needs the few kinds, not every instance.
const (
	textsPerKey  = 6
	textsOverall = 40
	maxTextLen   = 300
)

// texts counts error texts, keeping at most limit distinct ones; the rest
// are counted under one "(other texts)" entry so the totals stay exact.
type texts struct {
	limit int
	n     map[[2]string]int64 // {outcome, text} -> count
}

func (t *texts) add(o Outcome, err error) { t.addText(o.String(), normalise(err.Error()), 1) }

func (t *texts) addText(tag, text string, n int64) {
	if t.n == nil {
		t.n = map[[2]string]int64{}
	}
	k := [2]string{tag, text}
	if _, ok := t.n[k]; !ok && len(t.n) >= t.limit {
		k[1] = "(other texts)"
	}
	t.n[k] += n
}

// clientPort is the local end of a connection in a net error ("read tcp
// 127.0.0.1:42754->127.0.0.1:6379: ..."): a new port per connection would
// make every such error a text of its own.
var clientPort = regexp.MustCompile(`(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+->`)

// normalise makes error texts that differ only by the client's port one
// text, and bounds their length.
func normalise(text string) string {
	text = clientPort.ReplaceAllString(text, "$1:*->")
	if len(text) > maxTextLen {
		text = text[:maxTextLen] + "…"
	}
	return text
}

// sorted returns the texts most frequent first (ties by text, so that a
// report does not change order between identical runs).
func (t *texts) sorted() []ErrCount {
	out := make([]ErrCount, 0, len(t.n))
	for k, n := range t.n {
		out = append(out, ErrCount{Outcome: k[0], Text: k[1], N: n})
	}
	slices.SortFunc(out, func(a, b ErrCount) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Outcome, b.Outcome), cmp.Compare(a.Text, b.Text))
	})
	return out
}

// tally is what the one writer of a counter key was told, in order.
type tally struct {
	kind string
	Counts
	errs texts

	// Each acknowledged INCR's reply is the counter after it, so two
	// consecutive acknowledged replies say how many of the failed writes
	// between them ran: last is the latest acknowledged reply, pend the
	// failures since. That pins a write that ran against the futures of one
	// short window instead of a key's whole history.
	last    int64
	pend    window
	windows []Window
	seq     seqCounts
	// carried: unknown writes of earlier windows not shown to have run,
	// which may still explain a write of a later window where the ledger
	// allows late unknown writes (AllowLateUnknown).
	carried int64
}

// window accumulates the failed writes between two acknowledged ones.
type window struct {
	unknown, notSent int64
	errs             texts
}

// seqCounts are the per-window findings, summed over a key.
type seqCounts struct{ lost, applied, late int64 }

// Window is a stretch of a key's writes between two acknowledged ones (or
// after the last, up to the final value) whose counter the futures in it
// cannot explain.
type Window struct {
	After int64 `json:"after"` // acknowledged reply before it (0: the key's start)
	Upto  int64 `json:"upto"`  // acknowledged reply after it, or the final value
	Final bool  `json:"final"` // Upto is the final value, not a reply
	// Ran is how many writes ran in between by the counter (Upto - After,
	// less the acknowledged one closing the window); negative when
	// acknowledged writes vanished.
	Ran     int64      `json:"ran"`
	Unknown int64      `json:"unknown"`
	NotSent int64      `json:"not_sent"`
	Errors  []ErrCount `json:"errors"` // what the failed futures in it said
}

// windowsPerKey bounds the windows kept per key for the report.
const windowsPerKey = 3

// close ends the current window at upto (an acknowledged reply, or the
// final value) and records it when the counter contradicts its futures.
func (t *tally) close(upto int64, final bool, culprits *texts, late bool) {
	ran := upto - t.last
	if !final {
		ran-- // the acknowledged write closing the window ran too
	}
	lost := max(-ran, 0)
	applied := max(ran-t.pend.unknown, 0)
	if late {
		// Writes of this window the window's own unknown futures cannot
		// explain are first taken as earlier unknown writes landing late.
		fromEarlier := min(applied, t.carried)
		t.carried -= fromEarlier
		t.seq.late += fromEarlier
		applied -= fromEarlier
		t.carried += max(t.pend.unknown-max(ran, 0), 0)
	}
	if lost > 0 || applied > 0 {
		t.seq.lost += lost
		t.seq.applied += applied
		if len(t.windows) < windowsPerKey {
			t.windows = append(t.windows, Window{After: t.last, Upto: upto, Final: final, Ran: ran,
				Unknown: t.pend.unknown, NotSent: t.pend.notSent, Errors: t.pend.errs.sorted()})
		}
		if applied > 0 {
			// When every not-sent future of the window must have run, each
			// one is a proven offender; otherwise each is a suspect.
			tag := "suspect"
			if applied == t.pend.notSent {
				tag = "applied"
			}
			for k, n := range t.pend.errs.n {
				if k[0] == NotSent.String() {
					culprits.addText(tag, k[1], n)
				}
			}
		}
	}
	if !final {
		t.last = upto
	}
	t.pend = window{errs: texts{limit: textsPerKey}}
}

// Ledger records, per counter key, the outcome of every write future. The
// arithmetic is exact only because each key has one writer that adds 1 per
// write, one at a time, so the server's value is the number of writes that
// ran, and each acknowledged reply the number that ran up to it.
// Safe for concurrent use.
type Ledger struct {
	// late: an unknown write may run after later acknowledged writes of its
	// key (AllowLateUnknown).
	late     bool
	mu       sync.Mutex
	keys     map[string]*tally
	errs     texts // across all keys, for the report
	culprits texts // not-sent futures in windows where more writes ran than were unknown
}

// AllowLateUnknown tells the ledger that a write whose future said
// "outcome unknown" may run after later writes of the same key, not only
// before the next acknowledged one (DESIGN §3.8 promises the outcome is
// reported unknown, not where it lands). True of a coalescing connection,
// whose abandoned Exec can stay in a merged batch still being sent while
// its writer goes on, and of any driver with several connections: an Exec
// abandoned at its deadline can leave its batch unread in a frozen
// server's socket while its writer's next Exec takes another connection,
// which the server may serve first once it runs again. Such late writes are
// counted (LateInWindows), not failed; a write the unknown futures cannot
// explain still is. Call before the first Record.
func (l *Ledger) AllowLateUnknown() { l.late = true }

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{keys: map[string]*tally{}, errs: texts{limit: textsOverall}, culprits: texts{limit: textsOverall}}
}

// Record classifies one write (kind says which: "incr", "tx", "script")
// to key, reply being the counter the write returned when it succeeded
// (negative: a success whose reply was not a counter), and returns its
// outcome. A key's writes must be recorded in the order they were made,
// and each key must start at 0.
func (l *Ledger) Record(kind, key string, err error, reply int64) Outcome {
	o := Classify(err)
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.keys[key]
	if t == nil {
		t = &tally{kind: kind, errs: texts{limit: textsPerKey}, pend: window{errs: texts{limit: textsPerKey}}}
		l.keys[key] = t
	}
	t.add(o, 1)
	switch {
	case o == Acked && reply < 0:
		// It ran, but where in the sequence is unknown: it may explain one
		// write of the window, as an unknown one would.
		t.pend.unknown++
	case o == Acked:
		t.close(reply, false, &l.culprits, l.late)
	case o == Unknown:
		t.pend.unknown++
	default:
		t.pend.notSent++
	}
	if err != nil {
		t.errs.add(o, err)
		t.pend.errs.add(o, err)
		l.errs.add(o, err)
	}
	return o
}

// Keys returns every key written to, sorted.
func (l *Ledger) Keys() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Sorted(maps.Keys(l.keys))
}

// Violation is one counter whose final value or whose acknowledged replies
// the futures cannot explain.
type Violation struct {
	Key   string `json:"key"`
	Kind  string `json:"kind"`
	Final int64  `json:"final"`
	Counts
	Lost    int64      `json:"lost"`    // acknowledged writes missing on the server
	Excess  int64      `json:"excess"`  // writes that ran beyond acknowledged + unknown
	Windows []Window   `json:"windows"` // where in the key's history, and what its futures said there
	Errors  []ErrCount `json:"errors"`  // what this key's writer was told overall
}

// Settlement is the ledger checked against the servers' final values.
type Settlement struct {
	Counts
	ByKind map[string]Counts `json:"by_kind"`
	// Lost: acknowledged writes not on the server (final < acknowledged).
	Lost int64 `json:"lost"`
	// NotSentApplied: writes that ran although their futures said not sent
	// (final > acknowledged + unknown).
	NotSentApplied int64 `json:"not_sent_applied"`
	// The same two checked window by window between acknowledged replies:
	// never below the totals' figures, and above them when a window's
	// surplus hides another's shortfall in the key's total.
	LostInWindows           int64 `json:"lost_in_windows"`
	NotSentAppliedInWindows int64 `json:"not_sent_applied_in_windows"`
	// LateInWindows: unknown writes that ran after a later acknowledged
	// write of their key, where the ledger allows it (AllowLateUnknown).
	LateInWindows int64       `json:"late_in_windows"`
	Violations    []Violation `json:"violations"`
	Errors        []ErrCount  `json:"errors"`
	// Culprits are the texts of the not-sent futures in windows where more
	// writes ran than were unknown: "applied" when all of that window's
	// not-sent futures must have run, "suspect" when only some did.
	Culprits []ErrCount `json:"culprits"`
}

// Settle compares each key's final server value (a missing key is 0) with
// what its futures said: acknowledged <= final <= acknowledged + unknown,
// for the key's total and for each window between acknowledged replies.
// It is meant to be called once, after the last Record.
func (l *Ledger) Settle(final map[string]int64) Settlement {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := Settlement{ByKind: map[string]Counts{}, Errors: l.errs.sorted()}
	for _, key := range slices.Sorted(maps.Keys(l.keys)) {
		t := l.keys[key]
		f := final[key]
		t.close(f, true, &l.culprits, l.late)
		s.Acked += t.Acked
		s.Unknown += t.Unknown
		s.NotSent += t.NotSent
		k := s.ByKind[t.kind]
		k.Acked += t.Acked
		k.Unknown += t.Unknown
		k.NotSent += t.NotSent
		s.ByKind[t.kind] = k

		lost := max(t.Acked-f, 0)
		excess := max(f-(t.Acked+t.Unknown), 0)
		s.Lost += lost
		s.NotSentApplied += excess
		s.LostInWindows += t.seq.lost
		s.NotSentAppliedInWindows += t.seq.applied
		s.LateInWindows += t.seq.late
		if lost > 0 || excess > 0 || len(t.windows) > 0 {
			s.Violations = append(s.Violations, Violation{
				Key: key, Kind: t.kind, Final: f, Counts: t.Counts,
				Lost: lost, Excess: excess, Windows: t.windows, Errors: t.errs.sorted(),
			})
		}
	}
	s.Culprits = l.culprits.sorted()
	return s
}
