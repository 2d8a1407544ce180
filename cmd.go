package redpipe

// How a command reaches a pipeline. Every typed method queues through one
// of two primitives: queueKey for the common NAME key args... shape (the
// future and its arguments in one allocation), queueBuilt for anything
// assembled with a domain.Builder (keys elsewhere, values to encode, a
// value refused). refuse queues a command that is never sent. Cmd, Do and
// Queue are the exported doors for commands redpipe has no method for.
//
// Adding a command: put its method in the commands_<family>.go of its
// family (its argument struct beside it, its name in the index at the top
// of the file), with go-redis's name and parameters minus ctx; build it
// with queueKey or domain.NewBuilder/KeyCmd + queueBuilt, marking its keys
// (KeysFrom/Described) and whether it only reads; decode with a domain
// decoder; add it to commands_describe_test.go, which checks the keys and
// read-only flag against domain.Describe, and to a conformance spec that
// shows its exact reply through every adapter.

import (
	"fmt"
	"slices"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Cmd queues any command and decodes its reply with decode. Which arguments
// are keys (for cluster routing) and whether the command only reads are
// looked up by the command name, as Do does.
func Cmd[T any](p *Pipeline, decode func(ports.Reply) (T, error), args ...any) *Future[T] {
	f := &Future[T]{decode: decode}
	if decode == nil {
		f.decode = func(ports.Reply) (T, error) { var zero T; return zero, nil }
	}
	cmd, err := buildCommand(args)
	p.enqueue(cmd, f, err)
	return f
}

// Do queues any command and returns its reply as plain Go values: bulk and
// status replies as string, integers int64, doubles float64, booleans bool,
// arrays and sets []any, maps map[string]any. Where RESP2 and RESP3 reply
// differently (HGETALL, ZSCORE, ...), the RESP2 reply is lifted to the RESP3
// shape, so the Go value never depends on the driver or protocol.
func (p *Pipeline) Do(args ...any) *Future[any] {
	cmd, err := buildCommand(args)
	f := &Future[any]{decode: func(r ports.Reply) (any, error) {
		return domain.Any(domain.Lift(cmd.Args, r))
	}}
	p.enqueue(cmd, f, err)
	return f
}

func buildCommand(args []any) (ports.Command, error) {
	if len(args) == 0 {
		return ports.Command{}, fmt.Errorf("%w: empty command", ErrInvalidValue)
	}
	strs, err := domain.EncodeArgs(make([]string, 0, len(args)), args...)
	if err != nil {
		return ports.Command{Args: strs}, err
	}
	if strs[0] == "" {
		// Redis would answer "unknown command", and some drivers refuse
		// it with texts of their own: one text, and nothing sent.
		return ports.Command{Args: strs}, fmt.Errorf("%w: empty command name", ErrInvalidValue)
	}
	keys, readOnly := domain.Describe(strs)
	return ports.Command{Args: strs, Keys: keys, ReadOnly: readOnly}, nil
}

// Queue queues one already-encoded command — its arguments, the positions
// of its keys (for cluster routing and the checks of transactions and
// scripts) and whether it only reads — and decodes its reply with decode.
// It is what packages keyspace and structs build on, and what a
// third-party package of typed commands can use: the command goes out in
// the pipeline's batch like any typed method's. A command without
// arguments is refused with ErrInvalidValue and never sent.
func Queue[T any](p *Pipeline, cmd ports.Command, decode func(ports.Reply) (T, error)) *Future[T] {
	f := &Future[T]{decode: decode}
	if decode == nil {
		f.decode = func(ports.Reply) (T, error) { var zero T; return zero, nil }
	}
	var err error
	switch {
	case len(cmd.Args) == 0:
		err = fmt.Errorf("%w: empty command", ErrInvalidValue)
	case cmd.Args[0] == "":
		err = fmt.Errorf("%w: empty command name", ErrInvalidValue)
	}
	p.enqueue(cmd, f, err)
	return f
}

// Reject queues cmd never to be sent: its future, and the root Exec's
// error, get err — for a value a codec refused while the command was being
// built. err should wrap ErrInvalidValue (or say in its own words why).
// The other commands of the batch are sent as usual.
func Reject[T any](p *Pipeline, cmd ports.Command, err error) *Future[T] {
	if err == nil {
		err = fmt.Errorf("%w: command rejected without a reason", ErrInvalidValue)
	}
	f := &Future[T]{}
	p.enqueue(cmd, f, err)
	return f
}

// queueKey queues NAME key args... — the most common shape — with its
// future and its arguments in one allocation when they are few.
func queueKey[T any](p *Pipeline, decode func(ports.Reply) (T, error), readOnly bool, name, key string, args ...string) *Future[T] {
	var buf [domain.BuilderRoom]string
	n := 2 + len(args)
	if n > len(buf) {
		f := &Future[T]{decode: decode}
		p.enqueue(ports.Command{Args: domain.KeyArgs(name, key, args), Keys: domain.FirstKey, ReadOnly: readOnly}, f, nil)
		return f
	}
	buf[0], buf[1] = name, key
	copy(buf[2:], args)
	f, a := newFuture(decode, buf[:n])
	p.enqueue(ports.Command{Args: a, Keys: domain.FirstKey, ReadOnly: readOnly}, f, nil)
	return f
}

// newFuture returns a future and a copy of args, in one allocation when
// args are few: they live exactly as long as each other anyway (the
// arguments until Exec, the future as long as the caller keeps it).
func newFuture[T any](decode func(ports.Reply) (T, error), args []string) (*Future[T], []string) {
	// Sized by the size classes of Go's allocator: a Future of a string
	// and 2 arguments fit 96 bytes, 4 arguments 128.
	switch n := len(args); {
	case n <= 2:
		h := &struct {
			f    Future[T]
			args [2]string
		}{f: Future[T]{decode: decode}}
		copy(h.args[:], args)
		return &h.f, h.args[:n:n]
	case n <= 4:
		h := &struct {
			f    Future[T]
			args [4]string
		}{f: Future[T]{decode: decode}}
		copy(h.args[:], args)
		return &h.f, h.args[:n:n]
	case n <= 8:
		h := &struct {
			f    Future[T]
			args [8]string
		}{f: Future[T]{decode: decode}}
		copy(h.args[:], args)
		return &h.f, h.args[:n:n]
	}
	return &Future[T]{decode: decode}, slices.Clone(args)
}

// queueBuilt is queue for commands built with a builder that may have
// rejected a value.
func queueBuilt[T any](p *Pipeline, decode func(ports.Reply) (T, error), b *domain.Builder) *Future[T] {
	cmd, room, err := b.Parts()
	var f *Future[T]
	if cmd.Args != nil {
		f = &Future[T]{decode: decode}
	} else {
		f, cmd.Args = newFuture(decode, room)
	}
	p.enqueue(cmd, f, err)
	return f
}

// refuse queues a command that is never sent: its future and the root
// Exec's error get "NAME: invalid value: reason", and the rest of the
// batch runs.
func refuse[T any](p *Pipeline, name, reason string) *Future[T] {
	return Reject[T](p, ports.Command{Args: []string{name}}, fmt.Errorf("%s: %w: %s", name, ErrInvalidValue, reason))
}
