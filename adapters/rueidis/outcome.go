package rueidis

import (
	"context"
	"errors"
	"net"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/internal/ctxerr"
	"github.com/redpipe-go/redpipe/ports"
)

// outcome turns one of DoMulti's results into the command's Result.
//
// The reply is read from the message itself (ToMessage), not from
// RedisResult.Error: rueidis's RedisMessage.Error strips "ERR " from error
// replies (message.go, a workaround for kvrocks), while the message keeps
// Redis's own text, which is what a *ports.RedisError must hold.
//
// bufs are the batch's buffers (see decodeMessage); it may be nil.
func outcome(ctx context.Context, r rueidis.RedisResult, bufs *replyBuffers) ports.Result {
	if err := r.NonRedisError(); err != nil {
		var re *rueidis.RedisError
		if errors.As(err, &re) {
			// DoMultiCache gives a cached read's error reply to the
			// command queued in its MULTI (MOVED, ASK, CROSSSLOT) as the
			// result's error, not as its message (pipe.go DoMultiCache):
			// still the server's reply, with its text.
			msg := rueidis.RedisMessage(*re)
			return decodeMessage(&msg, bufs)
		}
		return failure(ctx, err)
	}
	msg, _ := r.ToMessage() // its error is the message's own, decoded below
	return decodeMessage(&msg, bufs)
}

// failure is the Result of a command whose reply never came: ctx's error
// when ctx ending is the cause (wrapped as outcome unknown unless rueidis
// certainly never wrote it), otherwise a *ports.TransportError.
func failure(ctx context.Context, err error) ports.Result {
	written := !neverSent(err)
	if cerr := ctxerr.Cause(ctx, err); cerr != nil {
		return ports.Result{Err: ports.ContextEnded(cerr, written)}
	}
	return ports.Result{Err: &ports.TransportError{Err: err, MaybeWritten: written}}
}

// neverSent reports the failures that rueidis only gives before writing
// anything: a dial error, no node for the slot, a dedicated client already
// given back, or a batch rueidis refuses to mix. Every other error may have
// come after the command was written (a connection broken while waiting
// for replies, or the client closed with commands in flight), so its
// outcome is unknown. DoMultiCache's ErrDoCacheAborted is counted as never
// sent: the server aborted the read's MULTI ... EXEC, so it did not run.
// A failed connection handshake (rueidis reports the
// handshake's *rueidis.RedisError in place of a network error, mux.go
// _pipe) is counted as unknown too: a connection that fails a later AUTH
// refresh (pipe.go refreshAuth) fails its commands in flight with the same
// kind of error.
func neverSent(err error) bool {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return true
	}
	for _, e := range []error{rueidis.ErrNoSlot, rueidis.ErrNoAddr, rueidis.ErrDedicatedClientRecycled,
		rueidis.ErrRESP2PubSubMixed, rueidis.ErrBlockingPubSubMixed, rueidis.ErrDoCacheAborted} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
