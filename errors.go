package redpipe

import (
	"errors"
	"fmt"
	"strings"

	"github.com/redpipe-go/redpipe/domain"
)

var (
	// ErrNotReady is the error of a future whose pipeline has not executed yet.
	ErrNotReady = errors.New("redpipe: future not ready: its pipeline has not executed")
	// ErrNil is a nil reply (a missing key). It is not a failure of Exec.
	ErrNil = domain.ErrNil
	// ErrAlreadyConnected is returned by Connect when the name is taken by another backend.
	ErrAlreadyConnected = errors.New("redpipe: connection name already in use")
	// ErrUnknownConn is the error of commands sent to a connection name nobody connected.
	ErrUnknownConn = errors.New("redpipe: unknown connection")
	// ErrInvalidPipeline is misuse of a pipeline: Exec twice, queueing after
	// Exec, a nested Exec after its parent executed, or a nested pipeline
	// that was never executed before its root did.
	ErrInvalidPipeline = errors.New("redpipe: invalid pipeline use")
	// ErrInvalidValue is a value that cannot be sent (nil, a struct, a map,
	// a value a codec rejects). It is detected when queued; nothing is sent.
	ErrInvalidValue = domain.ErrInvalidValue
	// ErrUnexpectedReply is a reply, or a stored value a codec decodes,
	// that does not fit the Go type asked for. It fails only its own future.
	ErrUnexpectedReply = domain.ErrUnexpectedReply
	// ErrCrossSlot is a cluster command whose keys span slots and cannot be split.
	ErrCrossSlot = domain.ErrCrossSlot
	// ErrTxFailed is an optimistic transaction that still conflicted after its last retry.
	ErrTxFailed = errors.New("redpipe: transaction failed: watched keys kept changing")
)

// CommandError is one failed command in Exec's error: which command, on
// which connection, and why. Unwrap gives the cause (*ports.RedisError, a
// transport error, ctx's error, ErrInvalidValue, ...).
type CommandError struct {
	Conn    string // the connection name the command was queued for
	Command string // the command name, as queued
	Err     error
}

func (e *CommandError) Error() string {
	return fmt.Sprintf("%s on %q: %v", e.Command, e.Conn, e.Err)
}

func (e *CommandError) Unwrap() error { return e.Err }

// ExecError is what Exec returns when any command failed. errors.Is and
// errors.As reach every command's error through it.
type ExecError struct {
	Errors []*CommandError
	// Panics are the OnExec callbacks that panicked, in the order they
	// ran; every other callback ran regardless.
	Panics []*PanicError
}

const shownErrors = 5

func (e *ExecError) Error() string {
	var b strings.Builder
	if len(e.Errors) > 0 {
		fmt.Fprintf(&b, "redpipe: %d command(s) failed: ", len(e.Errors))
		for i, ce := range e.Errors {
			if i == shownErrors {
				fmt.Fprintf(&b, "; and %d more", len(e.Errors)-shownErrors)
				break
			}
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(ce.Error())
		}
	}
	if len(e.Panics) > 0 {
		if b.Len() > 0 {
			b.WriteString("; and ")
		} else {
			b.WriteString("redpipe: ")
		}
		fmt.Fprintf(&b, "%d OnExec callback(s) panicked, the first: %v", len(e.Panics), e.Panics[0].Value)
	}
	return b.String()
}

func (e *ExecError) Unwrap() []error {
	out := make([]error, 0, len(e.Errors)+len(e.Panics))
	for _, ce := range e.Errors {
		out = append(out, ce)
	}
	for _, pe := range e.Panics {
		out = append(out, pe)
	}
	return out
}
