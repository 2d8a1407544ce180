// Package backendtest has the small checks an adapter's own Go tests make
// around a ports.Backend, next to the conformance suite: exact replies,
// exact Redis errors, transport errors with their MaybeWritten, and raw
// reads of a server without the driver under test. Every adapter of this
// module uses it; a third-party adapter can too.
package backendtest

import (
	"context"
	"fmt"
	"math"
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

// WantContextEnded checks the outcome of commands ctx stopped: exactly
// ctxErr for one never written, and for one that may have been written a
// *ports.TransportError with MaybeWritten whose cause is exactly ctxErr
// (ports.ContextEnded).
func WantContextEnded(t testing.TB, what string, out []ports.Result, ctxErr error, maybeWritten bool) {
	t.Helper()
	for i, r := range out {
		if !maybeWritten {
			if r.Err != ctxErr {
				t.Errorf("%s: out[%d] = %v (%T) reply %s, want %v alone (never written)", what, i, r.Err, r.Err, r.Reply, ctxErr)
			}
			continue
		}
		if cause := WantTransport(t, fmt.Sprintf("%s: out[%d]", what, i), r, true); cause != nil && cause != ctxErr {
			t.Errorf("%s: out[%d]: cause %v, want %v", what, i, cause, ctxErr)
		}
	}
}

// BinaryValues checks that keys, values and hash fields holding NUL, CR LF,
// invalid UTF-8, text that looks like RESP, and the empty string go through
// b bytes-exact, and that the server holds exactly what was sent. ok is how
// the adapter reports a +OK (a status, or a bulk for a driver that cannot
// tell the two apart). Keys start with prefix.
func BinaryValues(t testing.TB, ctx context.Context, b ports.Backend, addr, prefix string, ok ports.Reply) {
	t.Helper()
	odd := []string{"\x00", "a\x00b", "\r\n", "x\r\n$3\r\ny", "\xff\xfe\xfd", "", "*1\r\n", "-ERR no\r\n"}
	var cmds []ports.Command
	for i, v := range odd {
		cmds = append(cmds, Command("SET", prefix+v, v+"|"+odd[(i+1)%len(odd)]))
	}
	for _, v := range odd {
		cmds = append(cmds, Command("GET", prefix+v))
	}
	h := prefix + "hash\x00\xff"
	hset := []string{"HSET", h}
	for _, v := range odd {
		hset = append(hset, v, v)
	}
	cmds = append(cmds, Command(hset...), Command("HGET", h, "\xff\xfe\xfd"), Command("SET", prefix+"empty", ""), Command("GET", prefix+"empty"))
	out := ExecAll(ctx, b, cmds...)
	for i, v := range odd {
		want := v + "|" + odd[(i+1)%len(odd)]
		WantReply(t, "SET", out[i], ok)
		WantReply(t, "GET "+prefix+v, out[len(odd)+i], ports.BulkReply(want))
		if got := Raw(t, ctx, addr, "GET", prefix+v); got != want {
			t.Errorf("server has %q for %q, want %q", got, prefix+v, want)
		}
	}
	rest := out[2*len(odd):]
	WantReply(t, "HSET", rest[0], ports.IntReply(int64(len(odd))))
	WantReply(t, "HGET", rest[1], ports.BulkReply("\xff\xfe\xfd"))
	WantReply(t, "SET empty", rest[2], ok)
	WantReply(t, "GET empty", rest[3], ports.BulkReply("")) // an empty string, not a nil
}

// Bulks is a bulk-string reply per string, for expected arrays and maps.
func Bulks(ss ...string) []ports.Reply {
	r := make([]ports.Reply, len(ss))
	for i, s := range ss {
		r[i] = ports.BulkReply(s)
	}
	return r
}

// SameReply reports whether two replies are identical, element by element
// and bit by bit (a NaN double equals a NaN), errors by their text.
func SameReply(a, b ports.Reply) bool {
	if a.Kind != b.Kind || a.Str != b.Str || a.Int != b.Int || len(a.Elems) != len(b.Elems) {
		return false
	}
	if math.Float64bits(a.Float) != math.Float64bits(b.Float) && !(math.IsNaN(a.Float) && math.IsNaN(b.Float)) {
		return false
	}
	if (a.Err == nil) != (b.Err == nil) || a.Err != nil && a.Err.Error() != b.Err.Error() {
		return false
	}
	for i := range a.Elems {
		if !SameReply(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}
