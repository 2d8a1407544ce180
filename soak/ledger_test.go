package soak

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

func TestClassify(t *testing.T) {
	before := &ports.TransportError{Err: io.EOF}
	for _, tc := range []struct {
		name string
		err  error
		want Outcome
	}{
		{"success", nil, Acked},
		{"maybe written", maybe, Unknown},
		{"maybe written, wrapped", fmt.Errorf("node: %w", maybe), Unknown},
		{"maybe written, in a join", errors.Join(errors.New("x"), maybe), Unknown},
		{"maybe written on ctx's deadline (the fixed form)", &ports.TransportError{Err: context.DeadlineExceeded, MaybeWritten: true}, Unknown},
		// The bug the soak is there to catch reports this for a command that
		// may have run: the ledger must count it as "not sent".
		{"bare deadline", context.DeadlineExceeded, NotSent},
		{"not written", before, NotSent},
		{"redis error", ports.NewRedisError("CLUSTERDOWN The cluster is down"), NotSent},
		{"aborted transaction", &redpipe.TxAbortedError{Exec: ports.NewRedisError("EXECABORT x")}, NotSent},
	} {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("%s: Classify(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}

// writer is one key's only writer against a simulated counter n: each
// write is recorded with what its future said, and ran on the "server" or
// not, as the test decides.
type writer struct {
	l         *Ledger
	kind, key string
	n         int64
}

func (w *writer) ack() { w.n++; w.l.Record(w.kind, w.key, nil, w.n) }

func (w *writer) fail(err error, ran bool) {
	if ran {
		w.n++
	}
	w.l.Record(w.kind, w.key, err, 0)
}

var (
	maybe    = &ports.TransportError{Err: io.EOF, MaybeWritten: true}
	deadline = context.DeadlineExceeded // what the ctx bug reports for a command that may have run
)

func TestSettleBounds(t *testing.T) {
	l := NewLedger()
	key := func(kind, key string) *writer { return &writer{l: l, kind: kind, key: key} }

	exact := key("incr", "exact")
	exact.ack()
	exact.fail(deadline, false)
	exact.fail(deadline, false)
	exact.ack()

	unknownRan := key("incr", "unknown-ran")
	unknownRan.ack()
	unknownRan.fail(maybe, true)
	unknownRan.fail(maybe, false)
	unknownRan.ack()

	lost := key("tx", "lost")
	for range 5 {
		lost.ack()
	}

	applied := key("script", "applied")
	applied.ack()
	applied.fail(deadline, true) // ran although "not sent"
	applied.ack()
	applied.fail(maybe, true)
	applied.fail(deadline, false)
	applied.ack()
	applied.fail(deadline, true) // after the last acknowledged one: only the final value shows it

	// A surplus one window hides in the key's total: the unknown write did
	// not run, the not-sent one did.
	hidden := key("incr", "hidden")
	hidden.ack()
	hidden.fail(maybe, false)
	hidden.ack()
	hidden.fail(deadline, true)
	hidden.ack()

	never := key("incr", "never-written") // missing on the server: 0
	never.fail(deadline, false)

	s := l.Settle(map[string]int64{
		"exact": exact.n, "unknown-ran": unknownRan.n, "lost": 3, "applied": applied.n, "hidden": hidden.n,
	})

	if want := (Counts{Acked: 15, Unknown: 4, NotSent: 7}); s.Counts != want {
		t.Errorf("totals %+v, want %+v", s.Counts, want)
	}
	if s.Lost != 2 || s.LostInWindows != 2 {
		t.Errorf("lost %d, in windows %d; want 2 and 2 (5 acknowledged, 3 on the server)", s.Lost, s.LostInWindows)
	}
	if s.NotSentApplied != 2 {
		t.Errorf("not sent but applied %d, want 2 (key applied: 3 acknowledged + 1 unknown explain 4 of 6)", s.NotSentApplied)
	}
	if s.NotSentAppliedInWindows != 3 {
		t.Errorf("not sent but applied in windows %d, want 3 (2 of key applied, 1 hidden in key hidden's total)", s.NotSentAppliedInWindows)
	}
	wantKinds := map[string]Counts{
		"incr":   {Acked: 7, Unknown: 3, NotSent: 4},
		"tx":     {Acked: 5},
		"script": {Acked: 3, Unknown: 1, NotSent: 3},
	}
	if !reflect.DeepEqual(s.ByKind, wantKinds) {
		t.Errorf("by kind %+v, want %+v", s.ByKind, wantKinds)
	}
	var keys []string
	for _, v := range s.Violations {
		keys = append(keys, v.Key)
	}
	if !reflect.DeepEqual(keys, []string{"applied", "hidden", "lost"}) {
		t.Fatalf("violations on %q, want applied, hidden, lost", keys)
	}
	v := s.Violations[0]
	if v.Excess != 2 || v.Lost != 0 || v.Final != 6 || v.Kind != "script" {
		t.Errorf("violation %+v", v)
	}
	// Each offending future is pinned to the window it sat in, its text kept.
	deadlineText := []ErrCount{{Outcome: "not sent", Text: "context deadline exceeded", N: 1}}
	wantWindows := []Window{
		{After: 1, Upto: 3, Ran: 1, NotSent: 1, Errors: deadlineText},
		{After: 5, Upto: 6, Final: true, Ran: 1, NotSent: 1, Errors: deadlineText},
	}
	if !reflect.DeepEqual(v.Windows, wantWindows) {
		t.Errorf("windows %+v, want %+v", v.Windows, wantWindows)
	}
	if want := []ErrCount{{Outcome: "applied", Text: "context deadline exceeded", N: 3}}; !reflect.DeepEqual(s.Culprits, want) {
		t.Errorf("culprits %+v, want %+v", s.Culprits, want)
	}
}

func TestCulpritsSuspectWhenOnlySomeRan(t *testing.T) {
	l := NewLedger()
	w := &writer{l: l, kind: "incr", key: "k"}
	w.fail(deadline, true)
	w.fail(&ports.TransportError{Err: io.ErrClosedPipe}, false)
	w.ack()
	s := l.Settle(map[string]int64{"k": w.n})
	want := []ErrCount{
		{Outcome: "suspect", Text: "connection failed before the command was sent: io: read/write on closed pipe", N: 1},
		{Outcome: "suspect", Text: "context deadline exceeded", N: 1},
	}
	if !reflect.DeepEqual(s.Culprits, want) {
		t.Errorf("culprits %+v, want %+v", s.Culprits, want)
	}
}

func TestUnreadableReplyExplainsOneWrite(t *testing.T) {
	l := NewLedger()
	l.Record("script", "k", nil, 1)
	l.Record("script", "k", nil, -1) // ran; its reply was not a counter
	l.Record("script", "k", nil, 3)
	if s := l.Settle(map[string]int64{"k": 3}); len(s.Violations) != 0 {
		t.Errorf("violations %+v, want none", s.Violations)
	}
}

func TestErrorTextsBounded(t *testing.T) {
	l := NewLedger()
	for i := range textsPerKey + 5 {
		l.Record("incr", "k", fmt.Errorf("error %d", i), 0)
	}
	s := l.Settle(map[string]int64{"k": 100})
	es := s.Violations[0].Errors
	if len(es) != textsPerKey+1 {
		t.Fatalf("%d texts kept, want %d and one for the rest", len(es), textsPerKey)
	}
	var total int64
	for _, e := range es {
		total += e.N
	}
	if total != textsPerKey+5 || es[0].Text != "(other texts)" || es[0].N != 5 {
		t.Errorf("texts %+v: the overflow must be counted, not dropped", es)
	}
}

func TestClientPortsDoNotSplitTexts(t *testing.T) {
	l := NewLedger()
	for _, port := range []string{"42754", "42800"} {
		l.Record("incr", "k", &ports.TransportError{MaybeWritten: true,
			Err: errors.New("read tcp 127.0.0.1:" + port + "->127.0.0.1:6379: read: connection reset by peer")}, 0)
	}
	s := l.Settle(nil)
	want := []ErrCount{{Outcome: "unknown", N: 2,
		Text: "connection failed after the command may have been sent (outcome unknown, not retried): read tcp 127.0.0.1:*->127.0.0.1:6379: read: connection reset by peer"}}
	if !reflect.DeepEqual(s.Errors, want) {
		t.Errorf("texts %+v, want %+v", s.Errors, want)
	}
}

// Where late unknown writes are allowed, an unknown write that lands after
// its writer's next acknowledged one is counted late, not failed; a
// not-sent write that ran with no earlier unknown write to explain it
// still fails. Without the allowance the same history fails.
func TestSettleLateUnknown(t *testing.T) {
	history := func(l *Ledger) Settlement {
		late := &writer{l: l, kind: "incr", key: "late"}
		late.ack()              // 1
		late.fail(maybe, false) // unknown: not run yet ...
		late.ack()              // 2
		late.n++                // ... it lands now: 3
		late.ack()              // 4
		applied := &writer{l: l, kind: "incr", key: "applied"}
		applied.ack()
		applied.fail(deadline, true) // not sent, yet ran
		applied.ack()
		return l.Settle(map[string]int64{"late": late.n, "applied": applied.n})
	}
	strict := history(NewLedger())
	if strict.NotSentAppliedInWindows != 2 || strict.LateInWindows != 0 {
		t.Errorf("strict: not sent but applied in windows %d, late %d; want 2, 0", strict.NotSentAppliedInWindows, strict.LateInWindows)
	}
	l := NewLedger()
	l.AllowLateUnknown()
	lenient := history(l)
	if lenient.NotSentAppliedInWindows != 1 || lenient.LateInWindows != 1 {
		t.Errorf("late allowed: not sent but applied in windows %d, late %d; want 1, 1", lenient.NotSentAppliedInWindows, lenient.LateInWindows)
	}
}
