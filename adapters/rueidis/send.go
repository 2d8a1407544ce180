package rueidis

import (
	"context"
	"fmt"

	"github.com/redis/rueidis"
)

// doMulti is DoMulti of a rueidis.Client or a rueidis.DedicatedClient.
type doMulti func(ctx context.Context, multi ...rueidis.Completed) []rueidis.RedisResult

// send runs do(ctx, built...) and returns its results, or err when there
// are none: ctx's error when ctx ended first, or a panic of rueidis.
//
// rueidis honours ctx almost everywhere, but not everywhere: a caller that
// finds another one dialling the same connection waits for that dial
// (mux.go _pipe, bounded by the other caller's ctx or Dialer.Timeout), the
// first caller of a cluster topology refresh runs it without ctx
// (cluster.go refresh), and a full ring buffer waits for room (ring.go).
// So, when ctx can end, DoMulti runs on a goroutine of its own and send
// stops waiting for it when ctx ends. The goroutine ends when DoMulti
// returns, which rueidis makes happen at ctx's end in every other case.
//
// finished, if not nil, is called with DoMulti's outcome once it has
// returned, also when send stopped waiting before.
func send(ctx context.Context, do doMulti, built []rueidis.Completed, finished func([]rueidis.RedisResult, error)) ([]rueidis.RedisResult, error) {
	if ctx.Done() == nil {
		res, err := call(ctx, do, built)
		if finished != nil {
			finished(res, err)
		}
		return res, err
	}
	type answer struct {
		res []rueidis.RedisResult
		err error
	}
	done := make(chan answer, 1)
	go func() {
		res, err := call(ctx, do, built)
		if finished != nil {
			finished(res, err)
		}
		done <- answer{res, err}
	}()
	select {
	case a := <-done:
		return a.res, a.err
	case <-ctx.Done():
		select {
		case a := <-done: // finished at the same moment: its results are real
			return a.res, a.err
		default:
			return nil, ctx.Err()
		}
	}
}

// call runs DoMulti, turning a panic into an error: no panic of the driver
// reaches the application.
func call(ctx context.Context, do doMulti, built []rueidis.Completed) (res []rueidis.RedisResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("rueidis adapter: rueidis panicked in DoMulti: %v", r)
		}
	}()
	res = do(ctx, built...)
	if len(res) != len(built) {
		return nil, fmt.Errorf("rueidis adapter: DoMulti gave %d results for %d commands", len(res), len(built))
	}
	return res, nil
}
