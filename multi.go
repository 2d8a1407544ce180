package redpipe

import (
	"context"
	"fmt"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

// TxAbortedError is the error of every command of a MULTI/EXEC transaction
// that Redis discarded (EXECABORT) because a command was rejected while
// queuing (an unknown command, a wrong number of arguments, CROSSSLOT,
// MOVED, OOM, ...): nothing of the transaction ran.
//
// Error() prints EXEC's reply, then the rejected command and Redis's
// reason, e.g.
//
//	EXECABORT Transaction discarded because of previous errors. (SET rejected: ERR wrong number of arguments for 'set' command)
//
// errors.As to *ports.RedisError finds the reason (Cause) first; Exec is
// EXEC's own EXECABORT reply.
//
// A command that redpipe itself refuses before sending (a value no codec
// can encode: ErrInvalidValue) aborts its transaction the same way, before
// anything of it is sent: Exec is then nil, Cause the refusal, and Error()
// reads "redpipe: transaction not sent (SET rejected: ...)".
type TxAbortedError struct {
	Command string            // the first command rejected while queuing
	Cause   error             // why Redis rejected it (usually a *ports.RedisError)
	Exec    *ports.RedisError // EXEC's reply: EXECABORT ...; nil when nothing was sent
}

func (e *TxAbortedError) Error() string {
	head := "redpipe: transaction not sent"
	if e.Exec != nil {
		head = e.Exec.Error()
	}
	if e.Cause == nil {
		return head
	}
	return fmt.Sprintf("%s (%s rejected: %v)", head, e.Command, e.Cause)
}

// Unwrap gives the cause, then EXEC's EXECABORT.
func (e *TxAbortedError) Unwrap() []error {
	var errs []error
	if e.Cause != nil {
		errs = append(errs, e.Cause)
	}
	if e.Exec != nil {
		errs = append(errs, e.Exec)
	}
	return errs
}

// errWatchConflict is the error of the commands of a transaction whose
// EXEC returned nil: a key WATCHed before it changed, so nothing ran.
// Watch then runs its function again.
var errWatchConflict = fmt.Errorf("%w: EXEC aborted: a watched key changed (nothing of the transaction ran)", ErrTxFailed)

// txOutcome is how one MULTI/EXEC ended.
type txOutcome uint8

const (
	txNotSent   txOutcome = iota // nothing was sent (no commands, or refused before sending)
	txCommitted                  // EXEC ran the commands: its array came back
	txConflict                   // EXEC returned nil: a watched key changed; nothing ran
	txAborted                    // EXECABORT: a command was rejected while queuing; nothing ran
	txUnknown                    // no EXEC reply (transport error, ctx): the outcome is unknown
)

var (
	multiCmd = ports.Command{Args: []string{"MULTI"}}
	execCmd  = ports.Command{Args: []string{"EXEC"}}
)

// multiSender is the send chain's link of a WithTransaction connection:
// every batch goes out as one MULTI ... EXEC in one Exec of next, and each
// command gets its element of EXEC's reply.
type multiSender struct {
	next      ports.Backend
	clustered bool
	// blocks: next must be told where the transaction is (a cluster or a
	// ring would otherwise route MULTI and EXEC apart); nil when next runs
	// a batch on one connection anyway.
	blocks ports.BlockExecer
	done   func(txOutcome) // when set, told how each transaction ended (Watch)
}

var (
	_ ports.Backend          = (*multiSender)(nil)
	_ ports.ContextHonouring = (*multiSender)(nil)
)

func newMultiSender(next ports.Backend, clustered bool, done func(txOutcome)) *multiSender {
	m := &multiSender{next: next, clustered: clustered, done: done}
	m.blocks, _ = next.(ports.BlockExecer)
	return m
}

// HonoursContext: the transaction is one Exec of next.
func (m *multiSender) HonoursContext() bool { return ports.HonoursContext(m.next) }

func (m *multiSender) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	o := m.exec(ctx, cmds, out)
	if m.done != nil {
		m.done(o)
	}
}

// exec sends cmds as one MULTI ... EXEC.
//
// The batch on the wire is MULTI, a SCRIPT LOAD per distinct script run by
// EVALSHA (so that EVALSHA cannot meet NOSCRIPT, which could not be fixed
// afterwards without breaking atomicity), the commands, EXEC. The QUEUED
// replies are dropped; a command rejected while queuing makes EXEC answer
// EXECABORT, and every command then gets a *TxAbortedError naming it. On a
// cluster backend, keys in several slots are refused before sending.
func (m *multiSender) exec(ctx context.Context, cmds []ports.Command, out []ports.Result) txOutcome {
	if len(cmds) == 0 {
		return txNotSent
	}
	fail := func(err error) { fill.All(out, err) }
	if m.clustered {
		if err := sameSlot(cmds, "a MULTI/EXEC transaction"); err != nil {
			fail(err)
			return txNotSent
		}
	}
	tx := newTxWire(cmds)
	res := make([]ports.Result, len(tx.wire))
	if m.blocks != nil {
		m.blocks.ExecBlocks(ctx, tx.wire, []ports.Block{{Start: 0, End: len(tx.wire)}}, res)
	} else {
		m.next.Exec(ctx, tx.wire, res)
	}
	return tx.results(res, out)
}

// txWire is one MULTI ... EXEC on the wire: MULTI, a SCRIPT LOAD per
// distinct script run by EVALSHA, the commands, EXEC.
type txWire struct {
	cmds   []ports.Command // the transaction's own commands
	wire   []ports.Command
	loads  int
	loadOf map[int]int
}

// newTxWire lays out cmds as a transaction.
func newTxWire(cmds []ports.Command) txWire {
	loads, loadOf := scriptLoads(cmds)
	wire := make([]ports.Command, 0, len(cmds)+len(loads)+2)
	wire = append(wire, multiCmd)
	wire = append(wire, loads...)
	wire = append(wire, cmds...)
	wire = append(wire, execCmd)
	return txWire{cmds: cmds, wire: wire, loads: len(loads), loadOf: loadOf}
}

// results gives each command its element of EXEC's reply, res being the
// results of tx.wire; it reports how the transaction ended. The QUEUED
// replies are dropped; a command rejected while queuing makes EXEC answer
// EXECABORT, and every command then gets a *TxAbortedError naming it.
func (tx txWire) results(res []ports.Result, out []ports.Result) txOutcome {
	fail := func(err error) { fill.All(out, err) }
	exec := res[len(res)-1]
	if exec.Err != nil {
		re, ok := exec.Err.(*ports.RedisError)
		if !ok || re.Kind() != ports.ErrExecAbort {
			fail(exec.Err)
			return txUnknown
		}
		abort := &TxAbortedError{Exec: re}
		for i := range len(tx.wire) - 1 {
			if err := res[i].Err; err != nil {
				abort.Command, abort.Cause = tx.wire[i].Name(), err
				break
			}
		}
		fail(abort)
		return txAborted
	}
	reply := exec.Reply
	switch {
	case reply.Kind == ports.KindNil:
		fail(errWatchConflict)
		return txConflict
	case reply.Kind != ports.KindArray || len(reply.Elems) != tx.loads+len(tx.cmds):
		fail(fmt.Errorf("%w: EXEC of %d commands replied %s", ErrUnexpectedReply, tx.loads+len(tx.cmds), reply))
		return txUnknown
	}
	for i := range tx.cmds {
		e := reply.Elems[tx.loads+i]
		if e.Kind != ports.KindError {
			out[i] = ports.Result{Reply: e}
			continue
		}
		out[i] = ports.Result{Err: e.Err}
		if j, ok := tx.loadOf[i]; ok && isNoScript(e.Err) {
			// The script could not be loaded (a compile error): that says why.
			if le := reply.Elems[j]; le.Kind == ports.KindError {
				out[i] = ports.Result{Err: le.Err}
			}
		}
	}
	return txCommitted
}

// scriptLoads returns a SCRIPT LOAD for each distinct registered script run
// by an EVALSHA of cmds, and for each such command the position of its
// script's load in EXEC's reply.
func scriptLoads(cmds []ports.Command) (loads []ports.Command, loadOf map[int]int) {
	var seen map[*Script]int
	for i := range cmds {
		s, ok := registeredScript(&cmds[i])
		if !ok {
			continue
		}
		if seen == nil {
			seen, loadOf = map[*Script]int{}, map[int]int{}
		}
		j, ok := seen[s]
		if !ok {
			j = len(loads)
			seen[s] = j
			loads = append(loads, ports.Command{Args: []string{"SCRIPT", "LOAD", s.src}})
		}
		loadOf[i] = j
	}
	return loads, loadOf
}
