package conformance

import (
	"context"
	"errors"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// Helpers shared by the invariant specs (spec_*.go).

// incrAndExpire is the reusable building block of DESIGN.md §1
// (IncrAndExpire): it works alone (a root pipeline of its own) and composed
// (folded into the caller's batch). opts lets a caller send it to another
// connection.
func incrAndExpire(ctx context.Context, s redpipe.Scope, key string, opts ...redpipe.Option) *redpipe.Future[int64] {
	p := s.Pipeline(opts...)
	n := p.IncrBy(key, 1)
	p.Expire(key, time.Minute)
	_ = p.Exec(ctx)
	return n
}

// ExpectRawString checks that a raw reply is the string want.
func ExpectRawString(res ports.Result, want string) {
	GinkgoHelper()
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Kind).To(BeElementOf(ports.KindBulk, ports.KindStatus), "reply %s", res.Reply)
	Expect(res.Reply.Str).To(Equal(want))
}

// ExpectRawNil checks that a raw reply is a nil (missing key).
func ExpectRawNil(res ports.Result) {
	GinkgoHelper()
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Kind).To(Equal(ports.KindNil), "reply %s", res.Reply)
}

// ExpectRawInt checks that a raw reply is the integer want.
func ExpectRawInt(res ports.Result, want int64) {
	GinkgoHelper()
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Kind).To(Equal(ports.KindInt), "reply %s", res.Reply)
	Expect(res.Reply.Int).To(Equal(want))
}

// RawStrings returns the elements of a raw array reply of strings.
func RawStrings(res ports.Result) []string {
	GinkgoHelper()
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Kind).To(BeElementOf(ports.KindArray, ports.KindSet), "reply %s", res.Reply)
	out := make([]string, len(res.Reply.Elems))
	for i, e := range res.Reply.Elems {
		Expect(e.Kind).To(BeElementOf(ports.KindBulk, ports.KindStatus), "element %d: %s", i, e)
		out[i] = e.Str
	}
	return out
}

// startProxy starts a redistest proxy in front of target, closed when the spec ends.
func startProxy(target string, delay time.Duration) *redistest.Proxy {
	GinkgoHelper()
	p, err := redistest.NewProxy(target, delay)
	Expect(err).NotTo(HaveOccurred(), "starting a proxy to %s", target)
	DeferCleanup(func() { _ = p.Close() })
	return p
}

// connectStandalone makes a backend for the standalone server at addr with
// the harness and connects it to the spec's client under name.
func (s *Suite) connectStandalone(ctx context.Context, name, addr string) ports.Backend {
	GinkgoHelper()
	b, err := s.Harness.Standalone(ctx, addr)
	Expect(err).NotTo(HaveOccurred(), "making a backend for %s", addr)
	Expect(s.Client.Connect(name, b)).To(Succeed())
	return b
}

// warm sends one PING through each backend, in parallel, so that dialing
// and the driver's connection handshake are not part of what a spec measures.
func warm(ctx context.Context, bs ...ports.Backend) {
	GinkgoHelper()
	errs := make([]error, len(bs))
	var wg sync.WaitGroup
	for i, b := range bs {
		wg.Go(func() { errs[i] = RunOne(ctx, b, "PING").Err })
	}
	wg.Wait()
	for i, err := range errs {
		Expect(err).NotTo(HaveOccurred(), "warming backend %d", i)
	}
}

// goroutineIgnorer is an optional Harness interface: goroutines its driver
// keeps for its own connection pools, which the leak checks must not count.
// Each element is what gleak.HaveLeaked accepts (a matcher, a function name, ...).
type goroutineIgnorer interface {
	IgnoredGoroutines() []any
}

// expectPTTLWithin checks a PTTL reply: the key expires within max, and
// not much before (a loaded machine may take a second between EXPIRE and
// the check, which TTL's rounding to seconds would turn into max-1).
func expectPTTLWithin(res ports.Result, max time.Duration) {
	GinkgoHelper()
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Int).To(And(BeNumerically(">", (max-5*time.Second).Milliseconds()), BeNumerically("<=", max.Milliseconds())))
}

// ExpectPanicError checks err is the recovery of a panic with value v in in.
func ExpectPanicError(err error, in string, v any) {
	GinkgoHelper()
	Expect(err).To(MatchError(redpipe.ErrPanicked))
	var pe *redpipe.PanicError
	Expect(errors.As(err, &pe)).To(BeTrue(), "want a *redpipe.PanicError, got %v", err)
	Expect(pe.In).To(Equal(in))
	Expect(pe.Value).To(Equal(v))
	Expect(string(pe.Stack)).To(ContainSubstring("panic"), "the stack of the panic is kept")
}
