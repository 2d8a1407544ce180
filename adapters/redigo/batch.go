package redigo

import (
	"context"
	"errors"

	"github.com/gomodule/redigo/redis"

	"github.com/redpipe-go/redpipe/ports"
)

// errEmptyCommand is the outcome of a command without a name; it is never
// sent (redigo would write it as an empty command name).
var errEmptyCommand = errors.New("redigo adapter: empty command (no name); it was not sent")

// rejectEmpty fails every command without a name and returns how many there were.
func rejectEmpty(cmds []ports.Command, out []ports.Result) int {
	n := 0
	for i := range cmds {
		if len(cmds[i].Args) == 0 {
			out[i] = ports.Result{Err: errEmptyCommand}
			n++
		}
	}
	return n
}

// failure is where a batch stopped: the connection failed with err, no
// command from index from on was answered, and the commands before index
// written were handed whole to redigo's writer, so may have reached the
// server.
type failure struct {
	err     error
	from    int
	written int
}

// run sends the named commands of cmds on c as one pipeline (Send each,
// one Flush, Receive each in order) and fills out for them; rejectEmpty has
// filled the others. It reports whether c is still fit for reuse: false
// when an I/O error or ctx ending left c in redigo's error state, with
// replies possibly unread.
func run(ctx context.Context, c redis.Conn, cmds []ports.Command, out []ports.Result) bool {
	w := watch(ctx, c)
	f := transfer(c, cmds, out)
	killed := w.end()
	if f == nil {
		return !killed && c.Err() == nil
	}
	for i := f.from; i < len(cmds); i++ {
		if len(cmds[i].Args) == 0 {
			continue
		}
		if killed {
			out[i] = ports.Result{Err: ports.ContextEnded(ctx.Err(), i < f.written)}
			continue
		}
		out[i] = ports.Result{Err: &ports.TransportError{Err: f.err, MaybeWritten: i < f.written}}
	}
	return false
}

// transfer does the I/O of run and returns nil when every command was answered.
func transfer(c redis.Conn, cmds []ports.Command, out []ports.Result) *failure {
	var args []any // reused: redigo's Send writes the arguments and keeps none
	for i := range cmds {
		a := cmds[i].Args
		if len(a) == 0 {
			continue
		}
		args = args[:0]
		for j := 1; j < len(a); j++ {
			args = append(args, stringArg(&a[j]))
		}
		if err := c.Send(a[0], args...); err != nil {
			// This command's bytes never all left (writeCommand stopped
			// midway); those before it may have, in a buffer flush.
			return &failure{err: err, from: 0, written: i}
		}
	}
	if err := c.Flush(); err != nil {
		return &failure{err: err, from: 0, written: len(cmds)}
	}
	for i := range cmds {
		if len(cmds[i].Args) == 0 {
			continue
		}
		v, err := c.Receive()
		if err != nil {
			var re redis.Error
			if errors.As(err, &re) {
				out[i] = ports.Result{Err: ports.NewRedisError(string(re))}
				continue
			}
			return &failure{err: err, from: i, written: len(cmds)}
		}
		out[i] = result(v)
	}
	return nil
}
