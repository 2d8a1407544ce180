package goredis

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/internal/ctxerr"
	"github.com/redpipe-go/redpipe/ports"
)

// errResendUnread is the cause given when go-redis resent a command (allowed,
// because the server had refused it without running it) and the reply to that
// resend was never read: the command may have run, its result is unknown.
var errResendUnread = errors.New("goredis adapter: the command was resent and its reply was never read")

// errEmptyCommand is the outcome of a command without a name. go-redis would
// refuse it too (Pipeline.Do); it is never sent.
var errEmptyCommand = errors.New("goredis adapter: empty command")

// outcome turns what go-redis left in a command after Pipeline.Exec into the
// command's ports.Result.
//
// go-redis reports everything through the command's error, including
// failures of the whole batch that it stamps onto every command still
// without an error (setCmdsErr). So the error alone does not say what
// happened to the command; what does:
//
//   - cmd.Val() is non-nil exactly when the latest read of this command's
//     reply succeeded (proto.Reader.ReadReply never returns a nil value
//     without an error, and Cmd.readReply sets the value to nil on an
//     error). A batch error stamped on such a command afterwards (the broken
//     connection of a later command, our refusal of the resend, ctx ending
//     during go-redis's retry backoff) does not undo a reply already read.
//   - the guard knows whether the command was written at all (sends), and
//     whether a resend of it was allowed and never answered (permittedBy).
func (g *guard) outcome(ctx context.Context) ports.Result {
	err := g.cmd.Err()
	if err == nil {
		return ports.Result{Reply: toReply(g.cmd.Val())}
	}
	if g.resend != nil && g.resend.refused && errors.Is(err, errResendRefused) {
		// Our own refusal, stamped by go-redis: the command's outcome is
		// the one it had when the resend was refused.
		if err = g.resend.refusedWith; err == nil {
			return ports.Result{Reply: toReply(g.cmd.Val())}
		}
	}
	if err == redis.Nil {
		return ports.Result{Reply: ports.NilReply()}
	}
	var re redis.Error
	if errors.As(err, &re) {
		if g.sends > 1 && sameError(err, g.permittedBy()) {
			return ports.Result{Err: &ports.TransportError{
				Err:          fmt.Errorf("%w (resent after %q)", errResendUnread, re.Error()),
				MaybeWritten: true,
			}}
		}
		return ports.Result{Err: ports.NewRedisError(re.Error())}
	}
	if g.cmd.Val() != nil {
		// A reply was read; the error is a later failure of the batch.
		return ports.Result{Reply: toReply(g.cmd.Val())}
	}
	// ctx ending, seen as a context error or as the connection's deadline
	// (a client with ContextTimeoutEnabled turns ctx's deadline into it).
	if cerr := ctxerr.Cause(ctx, err); cerr != nil {
		return ports.Result{Err: ports.ContextEnded(cerr, g.sends > 0)}
	}
	return ports.Result{Err: &ports.TransportError{Err: err, MaybeWritten: g.sends > 0}}
}
