package ctxerr

import (
	"context"
	"errors"
	"net"
	"time"
)

// IsTimeout reports whether err is (or wraps) a net.Error that timed out.
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// Cause returns the ctx error to report instead of the driver's err when err
// is ctx ending, and nil when it is not:
//
//   - a context error or a network timeout while ctx is done: ctx.Err();
//   - the same at or after ctx's deadline, before ctx itself reports it
//     (a driver that turns the deadline into the connection's deadline can
//     time out a moment before ctx's own timer fires):
//     context.DeadlineExceeded.
//
// Anything else — in particular a context error or a timeout while ctx is
// live and before its deadline, which is one of the driver's own timeouts
// (a dial under DialTimeout) — is not ctx's doing, and Cause returns nil.
func Cause(ctx context.Context, err error) error {
	if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) && !IsTimeout(err) {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if PastDeadline(ctx) {
		return context.DeadlineExceeded
	}
	return nil
}

// PastDeadline reports whether ctx has a deadline and it is not in the
// future, whether or not ctx has noticed yet.
func PastDeadline(ctx context.Context) bool {
	dl, ok := ctx.Deadline()
	return ok && !time.Now().Before(dl)
}
