package redpipe

import (
	"fmt"
	"strings"

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
	keys, readOnly := domain.Describe(strs)
	return ports.Command{Args: strs, Keys: keys, ReadOnly: readOnly}, nil
}

// queue is how typed methods add a command whose arguments are already text.
func queue[T any](p *Pipeline, decode func(ports.Reply) (T, error), cmd ports.Command) *Future[T] {
	f := &Future[T]{decode: decode}
	p.enqueue(cmd, f, nil)
	return f
}

// queueKey queues NAME key args... — the most common shape — with its
// future and its arguments in one allocation when they are few.
func queueKey[T any](p *Pipeline, decode func(ports.Reply) (T, error), readOnly bool, name, key string, args ...string) *Future[T] {
	cmd := ports.Command{Keys: domain.FirstKey, ReadOnly: readOnly}
	var f *Future[T]
	if n := 2 + len(args); n <= inlineArgs {
		h := &futureArgs[T]{f: Future[T]{decode: decode}}
		h.args[0], h.args[1] = name, key
		copy(h.args[2:], args)
		f, cmd.Args = &h.f, h.args[:n:n]
	} else {
		f, cmd.Args = &Future[T]{decode: decode}, keyArgs(name, key, args)
	}
	p.enqueue(cmd, f, nil)
	return f
}

// futureArgs is a future and its command's arguments, allocated together:
// they live exactly as long as each other anyway (the arguments until Exec,
// the future as long as the caller keeps it).
type futureArgs[T any] struct {
	f    Future[T]
	args [inlineArgs]string
}

// inlineArgs fits most NAME key ... commands (GET, INCRBY, EXPIRE, HGET, LRANGE ...).
const inlineArgs = 4

// queueBuilt is queue for commands built with a builder that may have
// rejected a value.
func queueBuilt[T any](p *Pipeline, decode func(ports.Reply) (T, error), b *builder) *Future[T] {
	f := &Future[T]{decode: decode}
	p.enqueue(b.cmd, f, b.err)
	return f
}

// builder assembles a typed command's arguments; the first value that
// cannot be encoded is kept as the command's error.
type builder struct {
	cmd ports.Command
	err error
}

func newBuilder(readOnly bool, keys []int, args ...string) *builder {
	// Room for a few more arguments, so that most commands take one
	// allocation for their arguments (and args itself stays on the stack).
	a := make([]string, len(args), len(args)+builderRoom)
	copy(a, args)
	return &builder{cmd: ports.Command{Args: a, Keys: keys, ReadOnly: readOnly}}
}

// builderRoom fits SET key value EX n, HSET key field value, ZADD key score member.
const builderRoom = 4

func (b *builder) str(s ...string) *builder {
	b.cmd.Args = append(b.cmd.Args, s...)
	return b
}

func (b *builder) val(vs ...any) *builder {
	for _, v := range vs {
		var err error
		b.cmd.Args, err = domain.AppendArg(b.cmd.Args, v)
		if err != nil && b.err == nil {
			b.err = fmt.Errorf("%s argument %d: %w", strings.ToUpper(b.cmd.Name()), len(b.cmd.Args), err)
		}
	}
	return b
}

// keysFrom marks every argument from position from to the current end as a key.
func (b *builder) keysFrom(from int) *builder {
	b.cmd.Keys = domain.KeysFrom(from, len(b.cmd.Args))
	return b
}

// readKey and writeKey build the most common shape: NAME key args...
func readKey(name, key string, args ...string) ports.Command {
	return ports.Command{Args: keyArgs(name, key, args), Keys: domain.FirstKey, ReadOnly: true}
}

func writeKey(name, key string, args ...string) ports.Command {
	return ports.Command{Args: keyArgs(name, key, args), Keys: domain.FirstKey}
}

// keyArgs is name, key, args... in one allocation.
func keyArgs(name, key string, args []string) []string {
	a := make([]string, 2+len(args))
	a[0], a[1] = name, key
	copy(a[2:], args)
	return a
}
