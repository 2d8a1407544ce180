// Package backendtest has the small checks an adapter's own Go tests make
// around a ports.Backend, next to the conformance suite: exact replies,
// exact Redis errors, transport errors with their MaybeWritten, and raw
// reads of a server without the driver under test. Every adapter of this
// module uses it; a third-party adapter can too.
package backendtest

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Context is a context for one test, ended after a minute or with the test.
func Context(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

var prefixSeq atomic.Int64

// KeyPrefix gives keys unique to the call (adapter, process, sequence,
// test), so that shared servers and -count=N never see a key twice. All
// keys of one prefix share a hash tag, so they live in one cluster slot.
func KeyPrefix(t testing.TB, adapter string) string {
	return fmt.Sprintf("{%s-test:%d:%d}:%s:", adapter, os.Getpid(), prefixSeq.Add(1), t.Name())
}

// Command describes args the way the root package does: key positions and
// read-only flag from domain.Describe.
func Command(args ...string) ports.Command {
	keys, ro := domain.Describe(args)
	return ports.Command{Args: args, Keys: keys, ReadOnly: ro}
}

// ExecAll sends cmds as one batch on b and returns their outcomes.
func ExecAll(ctx context.Context, b ports.Backend, cmds ...ports.Command) []ports.Result {
	out := make([]ports.Result, len(cmds))
	b.Exec(ctx, cmds, out)
	return out
}

// Raw runs a command straight on the server at addr, without the driver
// under test, and fails the test on any error.
func Raw(t testing.TB, ctx context.Context, addr string, args ...string) any {
	t.Helper()
	v, err := redistest.Do(ctx, addr, args...)
	if err != nil {
		t.Fatalf("%v on %s: %v", args, addr, err)
	}
	return v
}

// WantReply checks that got is exactly the reply want.
func WantReply(t testing.TB, what string, got ports.Result, want ports.Reply) {
	t.Helper()
	if got.Err != nil {
		t.Errorf("%s: error %v (%T), want reply %s", what, got.Err, got.Err, want)
		return
	}
	if !reflect.DeepEqual(got.Reply, want) {
		t.Errorf("%s:\n got %s (%s)\nwant %s (%s)", what, got.Reply, got.Reply.Kind, want, want.Kind)
	}
}

// WantRedisError checks that got is a *ports.RedisError with exactly text and kind.
func WantRedisError(t testing.TB, what string, got ports.Result, text string, kind ports.ErrorKind) {
	t.Helper()
	re, ok := got.Err.(*ports.RedisError)
	if !ok {
		t.Errorf("%s: got %v (%T) reply %s, want *ports.RedisError %q", what, got.Err, got.Err, got.Reply, text)
		return
	}
	if re.Error() != text || re.Kind() != kind {
		t.Errorf("%s: got %q (kind %d), want %q (kind %d)", what, re.Error(), re.Kind(), text, kind)
	}
}

// WantTransport checks a *ports.TransportError with the given MaybeWritten
// and returns its cause.
func WantTransport(t testing.TB, what string, got ports.Result, maybeWritten bool) error {
	t.Helper()
	te, ok := got.Err.(*ports.TransportError)
	if !ok {
		t.Errorf("%s: got %v (%T) reply %s, want *ports.TransportError", what, got.Err, got.Err, got.Reply)
		return nil
	}
	if te.MaybeWritten != maybeWritten {
		t.Errorf("%s: MaybeWritten = %v, want %v (%v)", what, te.MaybeWritten, maybeWritten, te)
	}
	return te.Err
}
