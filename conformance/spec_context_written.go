package conformance

import (
	"context"
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// busyScript keeps the server busy for ARGV[1] milliseconds: unlike DEBUG
// SLEEP it takes a key, so on a cluster it runs on the node of the
// commands queued after it. Redis 7.0's TIME moves during a script; Valkey
// 8 gives a script the time it started at, so the loop is also bounded by
// ARGV[2] calls of TIME (500000 take about half a second there).
const busyScript = `local t = redis.call('TIME')
local stop = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[1]) * 1000
for i = 1, tonumber(ARGV[2]) do
  t = redis.call('TIME')
  if tonumber(t[1]) * 1000000 + tonumber(t[2]) >= stop then break end
end
return 1`

// expectMaybeWritten checks the error of a command cut off by ctx after it
// may have been written: an outcome-unknown *ports.TransportError that
// errors.Is still finds ctx's error in.
func expectMaybeWritten(err, ctxErr error) {
	GinkgoHelper()
	var te *ports.TransportError
	Expect(errors.As(err, &te)).To(BeTrue(), "want a *ports.TransportError (outcome unknown), got %T: %v", err, err)
	Expect(te.MaybeWritten).To(BeTrue(), "%v", err)
	Expect(err).To(MatchError(ctxErr))
}

// expectNeverWritten checks the error of a command ctx stopped before it
// was written: ctx's error alone.
func expectNeverWritten(err, ctxErr error) {
	GinkgoHelper()
	var te *ports.TransportError
	Expect(errors.As(err, &te)).To(BeFalse(), "a command never written is not an unknown outcome: %v", err)
	Expect(err).To(Equal(ctxErr))
}

var _ = register(func(s *Suite) {
	Describe("Context and written commands", func() {
		It("a write the deadline cut off after it was sent is an unknown outcome (MaybeWritten), and it did run", func(ctx SpecContext) {
			k := s.Key("n")
			p := s.Client.Pipeline()
			busy := p.Do("EVAL", busyScript, 1, k, 400, 500000)
			n := p.Incr(k)
			dctx, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := p.Exec(dctx)
			Expect(time.Since(start)).To(BeNumerically("<", 150*time.Millisecond+150*time.Millisecond))
			Expect(err).To(MatchError(context.DeadlineExceeded))
			expectMaybeWritten(n.Err(), context.DeadlineExceeded)
			expectMaybeWritten(busy.Err(), context.DeadlineExceeded)
			Expect(n.Err().Error()).To(ContainSubstring("outcome unknown"))
			// The server ran it: that is why "not sent" would have been a lie.
			Eventually(func() ports.Result { return s.Raw(ctx, "GET", k) }).WithTimeout(3 * time.Second).
				WithPolling(20 * time.Millisecond).Should(Equal(ports.Result{Reply: ports.BulkReply("1")}))
		})

		It("with Serial, a connection the deadline stopped before its turn gets ctx's error alone (never written)", func(ctx SpecContext) {
			// A backend that ignores ctx keeps the first connection's batch
			// past the deadline, so the second one's turn never comes.
			stuck := &blockingBackend{release: make(chan struct{}), entered: make(chan struct{})}
			DeferCleanup(func() { close(stuck.release) })
			Expect(s.Client.Connect("stuck", stuck)).To(Succeed())

			p := s.Client.Pipeline(redpipe.Serial())
			ns := p.Pipeline(redpipe.On("stuck"))
			h := ns.Incr(s.Key("h"))
			Expect(ns.Exec(ctx)).To(Succeed())
			no := p.Pipeline(redpipe.On(Second))
			b := no.Incr(s.Key("b"))
			Expect(no.Exec(ctx)).To(Succeed())

			dctx, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
			defer cancel()
			Expect(p.Exec(dctx)).To(MatchError(context.DeadlineExceeded))
			expectMaybeWritten(h.Err(), context.DeadlineExceeded) // its backend had it
			expectNeverWritten(b.Err(), context.DeadlineExceeded)
			Expect(s.OtherCalls.Calls()).To(Equal(0), "the second connection was never given its batch")
			ExpectRawNil(s.RawOther(ctx, "GET", s.Key("b")))
		})
	})
})
