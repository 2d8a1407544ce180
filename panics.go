package redpipe

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

// PanicError is a panic in code redpipe runs for the application while it
// executes a batch — a decode function (Cmd, Queue, a Codec's Decode), a
// Codec's Encode, an OnExec callback, a Then function — or in a backend's
// Exec. redpipe recovers it so that every other future still resolves and
// every other callback still runs, and reports it as an error: on the
// future whose decoding panicked (and in Exec's error, through its
// CommandError), or in ExecError.Panics for a callback. Exec never
// re-raises it: a reply redpipe cannot decode must not take down a service
// that was about to answer its other requests. Stack is where it happened.
//
// The functions given to Autoexec and Watch run on the caller's own stack,
// before anything is sent: their panics propagate, after redpipe has
// resolved what they queued (ErrInvalidPipeline) and released what it held.
type PanicError struct {
	In    string // what panicked: "OnExec callback", "decode function", ...
	Value any    // what was passed to panic
	Stack []byte // the stack of the panicking goroutine, from debug.Stack
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("redpipe: %s panicked: %v", e.In, e.Value)
}

// Unwrap gives the panic's value when it was an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// ErrPanicked matches every *PanicError with errors.Is.
var ErrPanicked = errors.New("redpipe: user code panicked")

// Is makes errors.Is(err, ErrPanicked) true for every PanicError.
func (e *PanicError) Is(target error) bool { return target == ErrPanicked }

func newPanicError(in string, v any) *PanicError {
	return &PanicError{In: in, Value: v, Stack: debug.Stack()}
}

// GuardCodec makes a codec's panics its errors: an Encode that panics
// rejects its value at queue time (the command is never sent), a Decode
// that panics fails its future. The standard scalar codecs cannot panic
// and are used as they are. Packages that encode values with a codec the
// application gave them (keyspace, structs) call it once, when the codec
// is given.
func GuardCodec[T any](c Codec[T]) Codec[T] {
	switch any(c).(type) {
	case nil, IntCodec, FloatCodec, TextCodec, ASCIICodec, BytesCodec, BoolCodec, StringListCodec:
		return c
	}
	return guardedCodec[T]{c}
}

type guardedCodec[T any] struct{ c Codec[T] }

func (g guardedCodec[T]) Encode(v T) (s string, err error) {
	defer recoverInto(&err, "codec Encode")
	return g.c.Encode(v)
}

func (g guardedCodec[T]) Decode(s string) (v T, err error) {
	defer recoverInto(&err, "codec Decode")
	return g.c.Decode(s)
}

// GuardField is GuardCodec for a FieldCodec.
func GuardField(c FieldCodec) FieldCodec {
	switch c.(type) {
	case nil, IntCodec, FloatCodec, TextCodec, ASCIICodec, BytesCodec, BoolCodec, StringListCodec, guardedField:
		return c
	}
	return guardedField{c}
}

type guardedField struct{ c FieldCodec }

func (g guardedField) EncodeAny(v any) (s string, err error) {
	defer recoverInto(&err, "codec Encode")
	return g.c.EncodeAny(v)
}

func (g guardedField) DecodeAny(s string) (v any, err error) {
	defer recoverInto(&err, "codec Decode")
	return g.c.DecodeAny(s)
}

// checkCommand runs a CheckCommands function, its panic being the
// command's error.
func checkCommand(check func(ports.Command) error, cmd ports.Command) (err error) {
	defer recoverInto(&err, "CheckCommands function")
	return check(cmd)
}

// recoverInto, deferred, turns a panic into *err.
func recoverInto(err *error, in string) {
	if v := recover(); v != nil {
		*err = newPanicError(in, v)
	}
}

// recoverBackendPanic, deferred around a backend's Exec, turns its panic
// into every slot of out failing as outcome unknown.
func recoverBackendPanic(backend ports.Backend, out []ports.Result) {
	if v := recover(); v != nil {
		err := &ports.TransportError{Err: newPanicError(fmt.Sprintf("the Exec of backend %T", backend), v), MaybeWritten: true}
		fill.All(out, err)
	}
}
