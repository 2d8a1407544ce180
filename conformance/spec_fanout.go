package conformance

import (
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

var _ = register(func(s *Suite) {
	Describe("Connections fan out", func() {
		It("in parallel: one root Exec over two slow servers takes one round trip, Serial() two", func(ctx SpecContext) {
			const delay = 150 * time.Millisecond // one way: a round trip is ~300 ms
			pa := startProxy(s.Servers[0].Addr, delay)
			pb := startProxy(s.Servers[1].Addr, delay)
			ba := s.connectStandalone(ctx, "slowA", pa.Addr)
			bb := s.connectStandalone(ctx, "slowB", pb.Addr)
			warm(ctx, ba, bb)
			ka, kb := s.Key("a"), s.Key("b")

			run := func(opts ...redpipe.Option) (time.Duration, *redpipe.Future[int64], *redpipe.Future[int64]) {
				p := s.Client.Pipeline(opts...)
				na := p.Pipeline(redpipe.On("slowA"))
				a := na.Incr(ka)
				Expect(na.Exec(ctx)).To(Succeed())
				nb := p.Pipeline(redpipe.On("slowB"))
				b := nb.Incr(kb)
				Expect(nb.Exec(ctx)).To(Succeed())
				pa.ResetCounts()
				pb.ResetCounts()
				start := time.Now()
				Expect(p.Exec(ctx)).To(Succeed())
				elapsed := time.Since(start)
				Expect(pa.RoundTrips()).To(Equal(int64(1)))
				Expect(pb.RoundTrips()).To(Equal(int64(1)))
				return elapsed, a, b
			}

			parallel, a, b := run()
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Result()).To(Equal(int64(1)))
			Expect(parallel).To(BeNumerically(">=", 2*delay), "a round trip through the proxy takes at least 2 x delay")
			Expect(parallel).To(BeNumerically("<", 500*time.Millisecond), "both connections in parallel: ~1 round trip")

			serial, a, b := run(redpipe.Serial())
			Expect(a.Result()).To(Equal(int64(2)))
			Expect(b.Result()).To(Equal(int64(2)))
			Expect(serial).To(BeNumerically(">=", 4*delay), "Serial(): one connection after the other")
			Expect(serial).To(BeNumerically("<", 1100*time.Millisecond))
		})

		It("a dead connection's failure does not stop the others; Exec reports it by name", func(ctx SpecContext) {
			dead, err := redistest.DeadAddr()
			Expect(err).NotTo(HaveOccurred())
			s.connectStandalone(ctx, "dead", dead)

			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			nd := p.Pipeline(redpipe.On("dead"))
			d1 := nd.Incr(s.Key("d"))
			d2 := nd.Get(s.Key("d"))
			Expect(nd.Exec(ctx)).To(Succeed())
			no := p.Pipeline(redpipe.On(Second))
			b := no.IncrBy(s.Key("b"), 5)
			Expect(no.Exec(ctx)).To(Succeed())
			a2 := p.Incr(s.Key("a"))

			start := time.Now()
			err = p.Exec(ctx)
			Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second), "a refused connection fails fast")
			Expect(err).To(HaveOccurred())
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue(), "%T: %v", err, err)
			deadErrs := ee.Errors
			Expect(deadErrs).To(HaveLen(2), "%v", err)
			Expect(deadErrs[0].Conn).To(Equal("dead"))
			Expect(deadErrs[0].Command).To(Equal("INCR"))
			Expect(deadErrs[1].Conn).To(Equal("dead"))
			Expect(deadErrs[1].Command).To(Equal("GET"))
			Expect(err.Error()).To(ContainSubstring(`"dead"`))
			Expect(errors.As(err, new(*ports.TransportError))).To(BeTrue())

			Expect(a.Result()).To(Equal(int64(1)))
			Expect(a2.Result()).To(Equal(int64(2)))
			Expect(b.Result()).To(Equal(int64(5)))
			for _, f := range []interface{ Err() error }{d1, d2} {
				var te *ports.TransportError
				Expect(errors.As(f.Err(), &te)).To(BeTrue(), "%T: %v", f.Err(), f.Err())
				Expect(te.MaybeWritten).To(BeFalse(), "a refused connection never carried the command")
			}
			ExpectRawString(s.Raw(ctx, "GET", s.Key("a")), "2")
			ExpectRawString(s.RawOther(ctx, "GET", s.Key("b")), "5")
			Expect(s.MainCalls.Calls()).To(Equal(1))
			Expect(s.OtherCalls.Calls()).To(Equal(1))
		})
	})
})
