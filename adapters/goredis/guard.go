package goredis

import (
	"errors"
	"reflect"
	"sync"
	"unsafe"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/ports"
)

// errResendRefused is what a guard returns from MarshalBinary to stop
// go-redis from sending a command a second time. go-redis's proto.Writer
// returns it from WriteArgs before a byte of that command leaves its bufio
// buffer; pool.Conn.WithWriter then skips the Flush, so nothing of the
// aborted attempt reaches the server, and the connection is discarded
// (isBadConn is true for a non-Redis error), so its half-filled buffer is
// never reused. It wraps nothing on purpose: go-redis's shouldRetry must see
// a plain, non-retryable error, or it would try again (and be refused again)
// up to MaxRetries times.
var errResendRefused = errors.New("goredis adapter: resend refused, the command's first send may have run on the server and redpipe never sends a write twice")

// errAbandoned is what a guard returns from MarshalBinary once its Exec
// was abandoned at ctx's end: go-redis may still be waiting for a
// connection (a dial, a full pool) when the caller has already been told
// the outcome is unknown and has gone on; writing the command then would
// run it after the caller's next commands. Refused the same way as a
// resend, before a byte of it leaves the buffer, it is simply not sent —
// which "outcome unknown" covers.
var errAbandoned = errors.New("goredis adapter: the Exec ended at its ctx before this command was written; it is not sent")

// batch is the state the guards of one Exec share. Its mutex is held only
// inside MarshalBinary, which go-redis calls from one goroutine per node
// connection (ClusterClient sends node batches concurrently).
type batch struct {
	mu     sync.Mutex
	guards []guard
	first  *guard // the guard of the first command given to go-redis
	// whole is true for a *redis.Client, whose baseClient.generalProcessPipeline
	// always resends the whole pipeline: there the first guard decides for
	// all, so a resend that would be refused half-way writes nothing at all.
	whole bool
	// abandoned: the Exec returned at ctx's end; nothing more is written.
	abandoned bool
}

// abandon stops every later write of the batch's commands.
func (b *batch) abandon() {
	b.mu.Lock()
	b.abandoned = true
	b.mu.Unlock()
}

// guard stands in for a command's name (its first argument) in the args
// given to go-redis. go-redis reads the name through fmt.Sprint (String), for
// Cmder.Name, routing and command-info lookups, and serialises it through
// encoding.BinaryMarshaler, which is the one place every send of the command
// goes through: so the guard sees each attempt to (re)send its command, and
// can veto it.
type guard struct {
	b        *batch
	name     string
	args     []any      // what go-redis gets: the guard, then the arguments
	cmd      *redis.Cmd // set right after the command is queued, before Exec
	sends    int32      // serialisations allowed so far (one per attempt)
	readOnly bool
	keyPos   int8         // position of the first key, 0 for none or unknown
	resend   *resendState // nil until go-redis tries to send the command again
}

// resendState is what a guard remembers about resends, kept apart because
// almost no command is ever resent (one guard per command of every batch).
type resendState struct {
	permittedBy error // the not-run error that allowed the latest resend
	refused     bool  // a resend of this command was refused
	refusedWith error // the command's error when the resend was refused
}

// resent returns the guard's resend state, made on first use.
func (g *guard) resent() *resendState {
	if g.resend == nil {
		g.resend = &resendState{}
	}
	return g.resend
}

// permittedBy is the not-run error that allowed the latest resend, if any.
func (g *guard) permittedBy() error {
	if g.resend == nil {
		return nil
	}
	return g.resend.permittedBy
}

// String gives go-redis the command name (Cmder.Name lower-cases it).
func (g *guard) String() string { return g.name }

// MarshalBinary is called by go-redis's proto.Writer each time the command
// is written to a connection. The first call is the first send. A later call
// is a resend by go-redis's retry logic, allowed only when sending again
// cannot run the command twice.
func (g *guard) MarshalBinary() ([]byte, error) {
	b := g.b
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.abandoned {
		return nil, errAbandoned
	}
	if b.whole && g == b.first && g.sends > 0 {
		// A standalone resend always starts with the first command and
		// carries every command: refuse it whole, before anything is
		// written, if any command of it may not go again.
		refuse := false
		for i := range b.guards {
			if h := &b.guards[i]; h.cmd != nil && !h.mayResend() {
				h.refuse()
				refuse = true
			}
		}
		if refuse {
			return nil, errResendRefused
		}
	}
	if !g.mayResend() {
		g.refuse()
		return nil, errResendRefused
	}
	if g.sends > 0 {
		g.resent().permittedBy = g.cmd.Err()
	}
	g.sends++
	// The name's own bytes, without a copy: go-redis's writer only reads
	// them into its buffer.
	return unsafe.Slice(unsafe.StringData(g.name), len(g.name)), nil
}

// mayResend tells whether the command may be written now. Caller holds b.mu.
func (g *guard) mayResend() bool {
	if g.sends == 0 || g.readOnly {
		// Never written yet (a dial error or an unreachable node before the
		// write), or a command that cannot change anything.
		return true
	}
	err := g.cmd.Err()
	// The previous attempt's reply said the server refused the command
	// without running it, and no resend has been made on that reply yet.
	return notRun(err) && !sameError(err, g.permittedBy())
}

func (g *guard) refuse() {
	if r := g.resent(); !r.refused {
		r.refused = true
		r.refusedWith = g.cmd.Err()
	}
}

// notRun reports whether err is a Redis error reply sent instead of running
// the command: the server rejected it before executing it, so sending it
// again (what go-redis does for these) cannot run it twice.
//
//	MOVED, ASK          cluster redirections (ClusterClient.checkMovedErr)
//	TRYAGAIN            multi-key command during resharding
//	CLUSTERDOWN         the cluster cannot serve the slot
//	LOADING             the server is loading its dataset
//	READONLY            a write sent to a replica (standalone client after a failover)
//	MASTERDOWN          a replica that lost its master and serves no stale data
//
// Redis checks each of these in processCommand, before call(). Other errors
// that go-redis retries (NOREPLICAS, "ERR max number of clients reached") are
// left out: being conservative only costs a retry, never a double write.
func notRun(err error) bool {
	var re redis.Error
	if !errors.As(err, &re) || err == redis.Nil {
		return false
	}
	switch ports.NewRedisError(re.Error()).Kind() {
	case ports.ErrMoved, ports.ErrAsk, ports.ErrTryAgain, ports.ErrClusterDown,
		ports.ErrLoading, ports.ErrReadOnly, ports.ErrMasterDown:
		return true
	}
	return false
}

// sameError reports whether a and b are the same error value. go-redis
// builds a new *MovedError (etc.) for every error reply it parses, so
// identity tells one reply from the next even when their text is equal.
func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}
