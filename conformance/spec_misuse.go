package conformance

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Pipeline misuse", func() {
		It("Exec twice: the second is ErrInvalidPipeline and nothing is sent twice", func(ctx SpecContext) {
			k := s.Key("n")
			p := s.Client.Pipeline()
			n := p.Incr(k)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(n.Result()).To(Equal(int64(1)))
			Expect(s.MainCalls.Calls()).To(Equal(1))
			ExpectRawString(s.Raw(ctx, "GET", k), "1")
		})

		It("queueing after Exec fails that future at once and sends nothing", func(ctx SpecContext) {
			k := s.Key("late")
			p := s.Client.Pipeline()
			n := p.Incr(s.Key("n"))
			Expect(p.Exec(ctx)).To(Succeed())
			late := p.Incr(k)
			Expect(late.Ready()).To(BeTrue())
			Expect(late.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			lateNested := p.Pipeline()
			ln := lateNested.Incr(k)
			Expect(ln.Ready()).To(BeTrue())
			Expect(ln.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(n.Result()).To(Equal(int64(1)))
			Expect(s.MainCalls.Calls()).To(Equal(1))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR"}}))
			ExpectRawNil(s.Raw(ctx, "GET", k))
		})

		It("a nested pipeline never executed before its root is dropped: nothing sent, futures ErrInvalidPipeline, callbacks not run", func(ctx SpecContext) {
			root := s.Client.Pipeline()
			a := root.Incr(s.Key("a"))
			forgotten := root.Pipeline()
			f := forgotten.Incr(s.Key("f"))
			ran := false
			forgotten.OnExec(func() { ran = true })
			forgottenOther := root.Pipeline(redpipe.On(Second))
			g := forgottenOther.Incr(s.Key("g"))

			err := root.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrInvalidPipeline))
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(2))
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(f.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(g.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(ran).To(BeFalse())
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR"}}))
			Expect(s.OtherCalls.Calls()).To(Equal(0), "a connection with only dropped commands gets no Exec")
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("f")))
			ExpectRawNil(s.RawOther(ctx, "GET", s.Key("g")))

			// Executing it late changes nothing.
			Expect(forgotten.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(f.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(ran).To(BeFalse())
			Expect(s.MainCalls.Calls()).To(Equal(1))
		})

		It("a nested Exec after its parent executed is ErrInvalidPipeline and its commands are dropped", func(ctx SpecContext) {
			root := s.Client.Pipeline()
			mid := root.Pipeline()
			m := mid.Incr(s.Key("m"))
			inner := mid.Pipeline()
			i := inner.Incr(s.Key("i"))
			ran := false
			inner.OnExec(func() { ran = true })
			Expect(mid.Exec(ctx)).To(Succeed())
			Expect(inner.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline), "its parent already handed its commands on")
			r := root.Incr(s.Key("r"))

			Expect(root.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(m.Result()).To(Equal(int64(1)))
			Expect(r.Result()).To(Equal(int64(1)))
			Expect(i.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(ran).To(BeFalse())
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR", "INCR"}}))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("i")))
		})

		It("a nested Exec after its root executed is ErrInvalidPipeline; nested Exec twice too", func(ctx SpecContext) {
			root := s.Client.Pipeline()
			twice := root.Pipeline()
			t := twice.Incr(s.Key("t"))
			Expect(twice.Exec(ctx)).To(Succeed())
			Expect(twice.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			late := root.Pipeline()
			l := late.Incr(s.Key("l"))

			Expect(root.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline), "late was not executed in time")
			Expect(late.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(t.Result()).To(Equal(int64(1)), "a second nested Exec does not send twice")
			Expect(l.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(s.MainCalls.Commands()).To(Equal([][][]string{{{"INCR", s.Key("t")}}}))
			ExpectRawString(s.Raw(ctx, "GET", s.Key("t")), "1")
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("l")))
		})
	})

	Describe("Autoexec", func() {
		It("executes when fn returns nil", func(ctx SpecContext) {
			var a *redpipe.Future[int64]
			var b *redpipe.Future[string]
			ran := false
			err := redpipe.Autoexec(ctx, s.Client, func(p *redpipe.Pipeline) error {
				a = incrAndExpire(ctx, p, s.Key("a"))
				n := p.Pipeline(redpipe.On(Second))
				b = n.Get(s.Key("b"))
				n.Do("SET", s.Key("b"), "v")
				Expect(n.Exec(ctx)).To(Succeed())
				p.OnExec(func() { ran = true })
				return nil
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Err()).To(MatchError(redpipe.ErrNil))
			Expect(ran).To(BeTrue())
			Expect(s.MainCalls.Calls()).To(Equal(1))
			Expect(s.OtherCalls.Commands()).To(Equal([][][]string{{{"GET", s.Key("b")}, {"SET", s.Key("b"), "v"}}}))

			var c *redpipe.Future[int64]
			Expect(redpipe.Autoexec(ctx, s.Client, func(p *redpipe.Pipeline) error {
				c = p.IncrBy(s.Key("c"), 7)
				return nil
			}, redpipe.On(Second))).To(Succeed())
			Expect(c.Result()).To(Equal(int64(7)))
			ExpectRawString(s.RawOther(ctx, "GET", s.Key("c")), "7")
		})

		It("sends nothing when fn returns an error, and returns that error", func(ctx SpecContext) {
			mine := errors.New("validation failed")
			var a *redpipe.Future[int64]
			ran := false
			err := redpipe.Autoexec(ctx, s.Client, func(p *redpipe.Pipeline) error {
				a = p.Incr(s.Key("a"))
				n := p.Pipeline(redpipe.On(Second))
				n.Incr(s.Key("b"))
				Expect(n.Exec(ctx)).To(Succeed())
				p.OnExec(func() { ran = true })
				return mine
			})
			Expect(err).To(BeIdenticalTo(mine))
			Expect(a.Ready()).To(BeTrue())
			Expect(a.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(ran).To(BeFalse())
			Expect(s.MainCalls.Calls()).To(Equal(0))
			Expect(s.OtherCalls.Calls()).To(Equal(0))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("a")))
			ExpectRawNil(s.RawOther(ctx, "GET", s.Key("b")))
		})

		It("nested in a pipeline, folds into it, and a failing fn drops only its own commands", func(ctx SpecContext) {
			root := s.Client.Pipeline()
			var good, bad *redpipe.Future[int64]
			Expect(redpipe.Autoexec(ctx, root, func(p *redpipe.Pipeline) error {
				good = p.Incr(s.Key("good"))
				return nil
			})).To(Succeed())
			mine := errors.New("no")
			Expect(redpipe.Autoexec(ctx, root, func(p *redpipe.Pipeline) error {
				bad = p.Incr(s.Key("bad"))
				return mine
			})).To(BeIdenticalTo(mine))
			Expect(bad.Ready()).To(BeTrue(), "discarded at once, as with a client scope")
			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(s.MainCalls.Calls()).To(Equal(0))
			r := root.Incr(s.Key("r"))
			Expect(root.Exec(ctx)).To(Succeed(), "the failed fn was reported by its Autoexec; it is not a failure of the root's batch")
			Expect(good.Result()).To(Equal(int64(1)))
			Expect(r.Result()).To(Equal(int64(1)))
			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR", "INCR"}}))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("bad")))
		})
	})
})
