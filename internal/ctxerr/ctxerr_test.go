package ctxerr_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/internal/ctxerr"
)

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

var _ net.Error = timeoutErr{}

func TestIsTimeout(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{io.EOF, false},
		{timeoutErr{}, true},
		{fmt.Errorf("read: %w", timeoutErr{}), true},
		{&net.OpError{Op: "read", Err: os.ErrDeadlineExceeded}, true},
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, false},
		{context.DeadlineExceeded, true}, // the standard library's says Timeout() too
		{context.Canceled, false},
	}
	for _, c := range cases {
		if got := ctxerr.IsTimeout(c.err); got != c.want {
			t.Errorf("IsTimeout(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func TestCauseWhileCtxIsDone(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	<-expired.Done()
	for _, c := range []struct {
		ctx  context.Context
		err  error
		want error
	}{
		{canceled, context.Canceled, context.Canceled},
		{canceled, fmt.Errorf("wrapped: %w", context.DeadlineExceeded), context.Canceled},
		{canceled, timeoutErr{}, context.Canceled},
		{canceled, io.EOF, nil},
		{expired, timeoutErr{}, context.DeadlineExceeded},
		{expired, context.Canceled, context.DeadlineExceeded},
		{expired, errors.New("connection reset"), nil},
	} {
		if got := ctxerr.Cause(c.ctx, c.err); got != c.want {
			t.Errorf("Cause(%v, %v) = %v, want %v", c.ctx.Err(), c.err, got, c.want)
		}
	}
}

// pastDeadline is a ctx whose deadline has passed but that does not say so
// yet: the moment between a connection's deadline firing and ctx's timer.
type pastDeadline struct{ context.Context }

func (pastDeadline) Deadline() (time.Time, bool) { return time.Now().Add(-time.Millisecond), true }

func TestCauseAtTheDeadlineBeforeCtxNotices(t *testing.T) {
	ctx := pastDeadline{context.Background()}
	if got := ctxerr.Cause(ctx, timeoutErr{}); got != context.DeadlineExceeded {
		t.Errorf("a timeout at the deadline: Cause = %v, want context.DeadlineExceeded", got)
	}
	if got := ctxerr.Cause(ctx, context.DeadlineExceeded); got != context.DeadlineExceeded {
		t.Errorf("a context error at the deadline: Cause = %v, want context.DeadlineExceeded", got)
	}
	if got := ctxerr.Cause(ctx, io.EOF); got != nil {
		t.Errorf("EOF at the deadline: Cause = %v, want nil", got)
	}
	if !ctxerr.PastDeadline(ctx) {
		t.Error("PastDeadline = false for a deadline in the past")
	}
}

func TestCauseWhileCtxIsLiveIsTheDriversOwnTimeout(t *testing.T) {
	live, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	for _, err := range []error{timeoutErr{}, context.DeadlineExceeded, context.Canceled, io.EOF} {
		if got := ctxerr.Cause(live, err); got != nil {
			t.Errorf("Cause(live ctx, %v) = %v, want nil", err, got)
		}
		if got := ctxerr.Cause(context.Background(), err); got != nil {
			t.Errorf("Cause(Background, %v) = %v, want nil", err, got)
		}
	}
	if ctxerr.PastDeadline(live) || ctxerr.PastDeadline(context.Background()) {
		t.Error("PastDeadline = true for a deadline in the future or none")
	}
}
