package redpipe

import (
	"fmt"
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Argument helpers shared by the typed command methods.

func itoa(n int64) string   { return strconv.FormatInt(n, 10) }
func utoa(n uint64) string  { return strconv.FormatUint(n, 10) }
func ftoa(f float64) string { return domain.FormatFloat(f) }

// secArg and msArg format a duration in whole seconds or milliseconds,
// rounding a positive duration too short for the unit up to 1 (as go-redis
// does) rather than down to 0, which Redis would read as "now".
func secArg(d time.Duration) string {
	if d > 0 && d < time.Second {
		return "1"
	}
	return formatSec(d)
}

func msArg(d time.Duration) string {
	if d > 0 && d < time.Millisecond {
		return "1"
	}
	return formatMs(d)
}

// precise reports whether d needs milliseconds (PX, PEXPIRE) rather than seconds.
func precise(d time.Duration) bool { return d < time.Second || d%time.Second != 0 }

// timeoutArg formats a blocking command's timeout in seconds, with a
// fraction when d is not whole seconds (Redis reads it as a double), so a
// short timeout never turns into 0, which blocks forever.
func timeoutArg(d time.Duration) string {
	if d%time.Second == 0 {
		return formatSec(d)
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

// appendValues encodes values the way go-redis reads a variadic value list:
// a lone []string or []any argument stands for its elements. Anything
// AppendArg rejects (nil, maps, structs, ...) fails the command at queue time.
func appendValues(b *builder, vs []any) *builder {
	if len(vs) == 1 {
		switch x := vs[0].(type) {
		case []string:
			return b.str(x...)
		case []any:
			vs = x
		}
	}
	return b.val(vs...)
}

// described sets the command's keys and read-only flag from domain.Describe,
// for the shapes whose keys are not simply the first argument.
func described(b *builder) *builder {
	b.cmd.Keys, b.cmd.ReadOnly = domain.Describe(b.args())
	return b
}

// keyCmd starts NAME key ... with the key at position 1.
// Kept small enough to be inlined, so that the builder stays on the
// caller's stack.
func keyCmd(readOnly bool, name, key string) *builder {
	b := &builder{cmd: ports.Command{Keys: domain.FirstKey, ReadOnly: readOnly}, n: 2}
	b.buf[0], b.buf[1] = name, key
	return b
}

// failed queues a command that is never sent: its future fails with err
// (wrapping ErrInvalidValue) at Exec, and the rest of the batch runs.
func failed[T any](p *Pipeline, decode func(ports.Reply) (T, error), name string, reason string) *Future[T] {
	f := &Future[T]{decode: decode}
	p.enqueue(ports.Command{Args: []string{name}}, f, fmt.Errorf("%s: %w: %s", name, ErrInvalidValue, reason))
	return f
}

func formatSec(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }
func formatMs(d time.Duration) string  { return strconv.FormatInt(int64(d/time.Millisecond), 10) }
