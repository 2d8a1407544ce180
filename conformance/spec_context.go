package conformance

import (
	"context"
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gleak"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// blockingBackend ignores ctx entirely and answers only when released: a
// driver that does not honour ctx.
type blockingBackend struct {
	release chan struct{}
	entered chan struct{}
}

func (b *blockingBackend) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	close(b.entered)
	<-b.release
	for i := range out {
		out[i] = ports.Result{Reply: ports.StatusReply("LATE")}
	}
}

// leakIgnores is what the goroutine leak checks do not count: the
// goroutines that existed before, and the driver's own pool goroutines when
// the harness names them.
func (s *Suite) leakIgnores(before []gleak.Goroutine) []any {
	ign := []any{before}
	if gi, ok := s.Harness.(goroutineIgnorer); ok {
		ign = append(ign, gi.IgnoredGoroutines()...)
	}
	return ign
}

var _ = register(func(s *Suite) {
	Describe("Context", func() {
		It("a cancelled ctx sends nothing and every future gets context.Canceled", func(ctx SpecContext) {
			k := s.Key("n")
			Expect(s.Raw(ctx, "SET", k, "10").Err).NotTo(HaveOccurred())
			cctx, cancel := context.WithCancel(ctx)
			cancel()

			var order []string
			p := s.Client.Pipeline()
			a := p.Incr(k)
			n := p.Pipeline(redpipe.On(Second))
			b := n.Incr(k)
			n.OnExec(func() { order = append(order, "nested") })
			Expect(n.Exec(cctx)).To(Succeed())
			c := p.Get(k)
			p.OnExec(func() {
				order = append(order, "root")
				Expect(a.Ready() && b.Ready() && c.Ready()).To(BeTrue())
			})

			err := p.Exec(cctx)
			Expect(err).To(MatchError(context.Canceled))
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(3))
			Expect(a.Err()).To(MatchError(context.Canceled))
			Expect(b.Err()).To(MatchError(context.Canceled))
			Expect(c.Err()).To(MatchError(context.Canceled))
			Expect(order).To(Equal([]string{"nested", "root"}), "callbacks still run exactly once")
			// Not even a backend call that a goroutine might still make.
			Consistently(func() int { return s.MainCalls.Calls() + s.OtherCalls.Calls() }).
				WithTimeout(100 * time.Millisecond).WithPolling(10 * time.Millisecond).Should(Equal(0))
			ExpectRawString(s.Raw(ctx, "GET", k), "10")
			ExpectRawNil(s.RawOther(ctx, "GET", k))
		})

		It("a deadline against a silent server ends Exec on time, with ctx's error only on that connection, and leaks no goroutine", func(ctx SpecContext) {
			before := gleak.Goroutines()
			addr, closeSilent, err := redistest.NewSilentServer()
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(closeSilent)
			s.connectStandalone(ctx, "silent", addr)

			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			ns := p.Pipeline(redpipe.On("silent"))
			h1 := ns.Incr(s.Key("h"))
			h2 := ns.Get(s.Key("h"))
			Expect(ns.Exec(ctx)).To(Succeed())
			no := p.Pipeline(redpipe.On(Second))
			b := no.IncrBy(s.Key("b"), 3)
			Expect(no.Exec(ctx)).To(Succeed())
			ran := false
			p.OnExec(func() { ran = true })

			const deadline = 200 * time.Millisecond
			dctx, cancel := context.WithTimeout(ctx, deadline)
			defer cancel()
			start := time.Now()
			err = p.Exec(dctx)
			elapsed := time.Since(start)

			Expect(elapsed).To(BeNumerically("<", deadline+150*time.Millisecond))
			Expect(err).To(MatchError(context.DeadlineExceeded))
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(2), "%v", err)
			for _, ce := range ee.Errors {
				Expect(ce.Conn).To(Equal("silent"))
			}
			expectMaybeWritten(h1.Err(), context.DeadlineExceeded) // the silent server took the bytes
			expectMaybeWritten(h2.Err(), context.DeadlineExceeded)
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Result()).To(Equal(int64(3)))
			Expect(ran).To(BeTrue())

			Expect(closeSilent()).To(Succeed())
			Eventually(gleak.Goroutines).WithTimeout(10 * time.Second).WithPolling(50 * time.Millisecond).
				ShouldNot(gleak.HaveLeaked(s.leakIgnores(before)...))
		})

		It("a backend that ignores ctx cannot hold Exec past the deadline, and its goroutine ends with it", func(ctx SpecContext) {
			before := gleak.Goroutines()
			stuck := &blockingBackend{release: make(chan struct{}), entered: make(chan struct{})}
			released := false
			release := func() {
				if !released {
					released = true
					close(stuck.release)
				}
			}
			DeferCleanup(release)
			Expect(s.Client.Connect("stuck", stuck)).To(Succeed())

			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			h := p.Pipeline(redpipe.On("stuck"))
			hf := h.Do("PING")
			Expect(h.Exec(ctx)).To(Succeed())

			dctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
			defer cancel()
			// Exec runs on a goroutine so that a broken Exec fails this spec
			// instead of hanging it (the cleanup releases the backend).
			var err error
			done := make(chan struct{})
			start := time.Now()
			go func() {
				defer close(done)
				err = p.Exec(dctx)
			}()
			Eventually(done).WithTimeout(2*time.Second).Should(BeClosed(), "Exec is held by a backend that ignores ctx")
			Expect(time.Since(start)).To(BeNumerically("<", 350*time.Millisecond))
			Expect(err).To(MatchError(context.DeadlineExceeded))
			expectMaybeWritten(hf.Err(), context.DeadlineExceeded) // the backend had the batch: it may have sent it
			Expect(a.Result()).To(Equal(int64(1)))
			Eventually(stuck.entered).Should(BeClosed())

			release() // the driver's own timeout fires
			Eventually(gleak.Goroutines).WithTimeout(5 * time.Second).WithPolling(20 * time.Millisecond).
				ShouldNot(gleak.HaveLeaked(s.leakIgnores(before)...))
			Expect(hf.Err()).To(MatchError(context.DeadlineExceeded), "a late reply never overwrites the outcome")
		})
	})
})
