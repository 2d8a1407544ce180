package cluster

import (
	"context"
	"errors"

	"github.com/redpipe-go/redpipe/ports"
)

// action is what the router does with a unit after an attempt.
type action uint8

const (
	actDone   action = iota // the outcome stands
	actMoved                // the slot has a new owner: update the map, resend there
	actAsk                  // the slot is migrating: resend to the target behind ASKING
	actRetry                // not run now, may run soon: resend after a backoff
	actResend               // connection failed before the command was written: refresh, back off, resend
)

// verdict is an action and what it needs.
type verdict struct {
	act     action
	addr    string // MOVED / ASK target
	slot    int    // MOVED slot
	refresh bool   // the map is probably stale
}

// classify reads one command's outcome. Every reply that makes it resend is
// one Redis sends instead of running the command, so resending never runs
// a write twice; a broken connection resends only what cannot have run
// (never written) or cannot do harm twice (read-only).
func classify(res ports.Result, readOnly bool) verdict {
	if res.Err == nil {
		return verdict{}
	}
	var re *ports.RedisError
	if errors.As(res.Err, &re) {
		switch re.Kind() {
		case ports.ErrMoved:
			if slot, addr, ok := re.Redirect(); ok {
				return verdict{act: actMoved, addr: addr, slot: slot, refresh: true}
			}
		case ports.ErrAsk:
			if _, addr, ok := re.Redirect(); ok {
				return verdict{act: actAsk, addr: addr}
			}
		case ports.ErrTryAgain, ports.ErrLoading:
			return verdict{act: actRetry}
		case ports.ErrClusterDown, ports.ErrMasterDown:
			return verdict{act: actRetry, refresh: true}
		}
		return verdict{}
	}
	var te *ports.TransportError
	if errors.As(res.Err, &te) && (!te.MaybeWritten || readOnly) && !endOfContext(te.Err) {
		return verdict{act: actResend, refresh: true}
	}
	return verdict{}
}

// endOfContext: a node's batch stopped because the Exec's ctx ended, which
// no resend or reload can mend.
func endOfContext(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// judge reads a unit's outcomes. A transaction is resent only as a whole,
// and only when none of it ran: every command unwritten, or EXEC answered
// EXECABORT because a queued command was redirected. ASK is treated as
// TRYAGAIN for a transaction (ASKING covers one command, not a MULTI
// block): it is resent to the source until the migration ends in MOVED.
func judge(u *unit) verdict {
	if !u.tx {
		return classify(u.res[0], u.readOnly)
	}
	unwritten := 0
	for _, r := range u.res {
		var te *ports.TransportError
		if errors.As(r.Err, &te) {
			if te.MaybeWritten {
				return verdict{}
			}
			unwritten++
		}
	}
	if unwritten == len(u.res) {
		return verdict{act: actResend, refresh: true}
	}
	if unwritten > 0 {
		return verdict{}
	}
	var last *ports.RedisError
	if !errors.As(u.res[len(u.res)-1].Err, &last) || last.Kind() != ports.ErrExecAbort {
		return verdict{}
	}
	for _, r := range u.res {
		if v := classify(r, false); v.act != actDone {
			if v.act == actAsk {
				v = verdict{act: actRetry}
			}
			return v
		}
	}
	return verdict{}
}
