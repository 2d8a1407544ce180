package rueidis

import (
	"context"
	"fmt"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/internal/untilctx"
)

// multiDoer is a rueidis.Client or a rueidis.DedicatedClient. An
// interface, not a method value: the client is one already, so handing it
// down allocates nothing, where a method value escaping to untilctx's
// goroutine would cost an allocation per batch.
type multiDoer interface {
	DoMulti(ctx context.Context, multi ...rueidis.Completed) []rueidis.RedisResult
}

// send runs do(ctx, built...) and returns its results, or err when there
// are none: ctx's error when ctx ended first, or a panic of rueidis.
//
// rueidis honours ctx almost everywhere, but not everywhere: a caller that
// finds another one dialling the same connection waits for that dial
// (mux.go _pipe, bounded by the other caller's ctx or Dialer.Timeout), the
// first caller of a cluster topology refresh runs it without ctx
// (cluster.go refresh), and a full ring buffer waits for room (ring.go).
// So DoMulti runs under untilctx.Run, which stops waiting for it when ctx
// ends. Its goroutine ends when DoMulti returns, which rueidis makes happen
// at ctx's end in every other case.
//
// finished, if not nil, is called with DoMulti's outcome once it has
// returned, also when send stopped waiting before.
//
// With a ctx that can never end there is nothing to stop waiting for:
// DoMulti runs on the caller's goroutine, and the closure and results that
// sendUntilCtx moves to the heap are not made at all.
func send(ctx context.Context, do multiDoer, built []rueidis.Completed, finished func([]rueidis.RedisResult, error)) ([]rueidis.RedisResult, error) {
	if ctx.Done() == nil {
		res, err := call(ctx, do, built)
		if finished != nil {
			finished(res, err)
		}
		return res, err
	}
	return sendUntilCtx(ctx, do, built, finished)
}

func sendUntilCtx(ctx context.Context, do multiDoer, built []rueidis.Completed, finished func([]rueidis.RedisResult, error)) ([]rueidis.RedisResult, error) {
	var res []rueidis.RedisResult
	var err error
	if ended := untilctx.Run(ctx, func() {
		res, err = call(ctx, do, built)
		if finished != nil {
			finished(res, err)
		}
	}); ended != nil {
		return nil, ended // res and err stay the abandoned call's
	}
	return res, err
}

// call runs DoMulti, turning a panic into an error: no panic of the driver
// reaches the application.
func call(ctx context.Context, do multiDoer, built []rueidis.Completed) (res []rueidis.RedisResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("rueidis adapter: rueidis panicked in DoMulti: %v", r)
		}
	}()
	res = do.DoMulti(ctx, built...)
	if len(res) != len(built) {
		return nil, fmt.Errorf("rueidis adapter: DoMulti gave %d results for %d commands", len(res), len(built))
	}
	return res, nil
}
