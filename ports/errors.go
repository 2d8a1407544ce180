package ports

import (
	"context"
	"errors"
	"strconv"
	"strings"
)

// ErrorKind classifies a Redis error reply by its prefix, so that callers
// never match strings.
type ErrorKind uint8

const (
	ErrGeneric     ErrorKind = iota // any prefix not listed below, ERR included
	ErrWrongType                    // WRONGTYPE
	ErrMoved                        // MOVED slot host:port
	ErrAsk                          // ASK slot host:port
	ErrTryAgain                     // TRYAGAIN
	ErrClusterDown                  // CLUSTERDOWN
	ErrNoScript                     // NOSCRIPT
	ErrExecAbort                    // EXECABORT
	ErrLoading                      // LOADING
	ErrBusy                         // BUSY
	ErrReadOnly                     // READONLY
	ErrMasterDown                   // MASTERDOWN
	ErrCrossSlot                    // CROSSSLOT
	ErrNoAuth                       // NOAUTH, WRONGPASS
)

var errorPrefixes = map[string]ErrorKind{
	"WRONGTYPE": ErrWrongType, "MOVED": ErrMoved, "ASK": ErrAsk, "TRYAGAIN": ErrTryAgain,
	"CLUSTERDOWN": ErrClusterDown, "NOSCRIPT": ErrNoScript, "EXECABORT": ErrExecAbort,
	"LOADING": ErrLoading, "BUSY": ErrBusy, "READONLY": ErrReadOnly, "MASTERDOWN": ErrMasterDown,
	"CROSSSLOT": ErrCrossSlot, "NOAUTH": ErrNoAuth, "WRONGPASS": ErrNoAuth,
}

// RedisError is an error reply from the server. Its text is exactly Redis's,
// prefix included ("ERR unknown command ...", "WRONGTYPE Operation ...").
type RedisError struct {
	msg  string
	kind ErrorKind
}

// NewRedisError classifies msg once. Adapters whose driver strips the "ERR "
// prefix must restore it before calling this.
func NewRedisError(msg string) *RedisError {
	return &RedisError{msg: msg, kind: errorPrefixes[prefix(msg)]}
}

func prefix(msg string) string {
	if i := strings.IndexByte(msg, ' '); i >= 0 {
		return msg[:i]
	}
	return msg
}

func (e *RedisError) Error() string { return e.msg }

// Kind returns the error's class.
func (e *RedisError) Kind() ErrorKind { return e.kind }

// Prefix returns the first word of the error ("ERR", "WRONGTYPE", ...).
func (e *RedisError) Prefix() string { return prefix(e.msg) }

// Redirect parses a MOVED or ASK error into its slot and target address.
func (e *RedisError) Redirect() (slot int, addr string, ok bool) {
	if e.kind != ErrMoved && e.kind != ErrAsk {
		return 0, "", false
	}
	f := strings.Fields(e.msg)
	if len(f) != 3 {
		return 0, "", false
	}
	slot, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, "", false
	}
	return slot, f[2], true
}

// Is lets errors.Is match two Redis errors by their exact text.
func (e *RedisError) Is(target error) bool {
	t, ok := target.(*RedisError)
	return ok && t.msg == e.msg
}

// TransportError is a failure of the connection rather than of the command,
// or the end of the batch's ctx after the command may have been written (its
// Err is then ctx's error, so errors.Is(err, context.DeadlineExceeded) holds).
type TransportError struct {
	Err error
	// MaybeWritten is true when the command may have reached the server (and
	// run there) before the connection failed. Such a command must never be
	// resent automatically.
	MaybeWritten bool
}

func (e *TransportError) Error() string {
	if e.MaybeWritten {
		if isContextError(e.Err) {
			return "context ended after the command may have been sent (outcome unknown, not retried): " + e.Err.Error()
		}
		return "connection failed after the command may have been sent (outcome unknown, not retried): " + e.Err.Error()
	}
	return "connection failed before the command was sent: " + e.Err.Error()
}

// ContextEnded is the outcome of a command whose batch stopped because ctx
// ended (ctxErr is ctx.Err()). A command certainly never written gets
// ctxErr alone, exactly what a cancelled ctx gives; one that may have been
// written — and so may have run — gets a *TransportError with MaybeWritten,
// which errors.Is(err, ctxErr) still reaches, so that it is never mistaken
// for a write that did not happen. Every adapter and the root use it: one
// rule for what a deadline says about a command's fate.
func ContextEnded(ctxErr error, maybeWritten bool) error {
	if !maybeWritten {
		return ctxErr
	}
	return &TransportError{Err: ctxErr, MaybeWritten: true}
}

func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func (e *TransportError) Unwrap() error { return e.Err }
