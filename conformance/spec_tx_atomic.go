package conformance

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

var _ = register(func(s *Suite) {
	Describe("Transactions (Atomic pipelines)", func() {
		It("an Atomic pipeline, nested ones included, is one MULTI ... EXEC in the root's one round trip, in the place of its first command; the rest of the batch goes out as usual", func(ctx SpecContext) {
			c, main, other := s.txClient()
			k, t := s.Key("k"), s.Key("t")
			p := c.Pipeline()
			before := p.Incr(k)
			tx := p.Pipeline(redpipe.Atomic())
			x := tx.Incr(t)
			inner := tx.Pipeline()
			y := inner.IncrBy(t, 5)
			Expect(inner.Exec(ctx)).To(Succeed())
			z := tx.Get(t)
			Expect(tx.Exec(ctx)).To(Succeed())
			after := p.Get(t)
			o := p.Pipeline(redpipe.On(Second))
			oi := o.Incr(k)
			Expect(o.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(Succeed())

			Expect(before.Result()).To(Equal(int64(1)))
			Expect(x.Result()).To(Equal(int64(1)))
			Expect(y.Result()).To(Equal(int64(6)))
			Expect(z.Result()).To(Equal("6"))
			Expect(after.Result()).To(Equal("6"))
			Expect(oi.Result()).To(Equal(int64(1)))
			Expect(main.Batches()).To(Equal([][]string{{"INCR", "MULTI", "INCR", "INCRBY", "GET", "EXEC", "GET"}}))
			Expect(other.Batches()).To(Equal([][]string{{"INCR"}}), "another connection gets no transaction")
		})

		It("a root pipeline made Atomic is go-redis's TxPipelined: its connection's batch is one transaction", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k := s.Key("k")
			p := c.Pipeline(redpipe.Atomic())
			a := p.Incr(k)
			n := p.Pipeline()
			b := n.IncrBy(k, 10)
			Expect(n.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Result()).To(Equal(int64(11)))
			Expect(main.Batches()).To(Equal([][]string{{"MULTI", "INCR", "INCRBY", "EXEC"}}))
		})

		It("a command rejected while queuing aborts its transaction alone: every future of it gets EXECABORT carrying the cause, the commands beside it run", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k, t := s.Key("k"), s.Key("t")
			p := c.Pipeline()
			before := p.Incr(k)
			tx := p.Pipeline(redpipe.Atomic())
			x := tx.Incr(t)
			bad := tx.Do("SET", t) // wrong number of arguments: rejected while queuing
			Expect(tx.Exec(ctx)).To(Succeed())
			after := p.Incr(k)
			Expect(p.Exec(ctx)).To(HaveOccurred())

			const cause = "ERR wrong number of arguments for 'set' command"
			for _, ferr := range []error{x.Err(), bad.Err()} {
				var ta *redpipe.TxAbortedError
				Expect(errors.As(ferr, &ta)).To(BeTrue(), "%T: %v", ferr, ferr)
				Expect(ta.Command).To(Equal("SET"))
				Expect(ta.Exec.Kind()).To(Equal(ports.ErrExecAbort))
				Expect(errors.Is(ferr, ports.NewRedisError(cause))).To(BeTrue())
			}
			Expect(before.Result()).To(Equal(int64(1)))
			Expect(after.Result()).To(Equal(int64(2)))
			ExpectRawNil(s.Raw(ctx, "GET", t))
			Expect(main.Calls()).To(Equal(1))
		})

		It("a command refused before sending aborts its transaction, nothing of which is sent; the rest of the batch runs", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k, t := s.Key("k"), s.Key("t")
			p := c.Pipeline()
			before := p.Incr(k)
			tx := p.Pipeline(redpipe.Atomic())
			x := tx.Incr(t)
			bad := tx.Do("SET", t, make(chan int))
			Expect(tx.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrInvalidValue))

			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidValue))
			var ta *redpipe.TxAbortedError
			Expect(errors.As(x.Err(), &ta)).To(BeTrue(), "%T: %v", x.Err(), x.Err())
			Expect(ta.Exec).To(BeNil())
			Expect(x.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(before.Result()).To(Equal(int64(1)))
			ExpectRawNil(s.Raw(ctx, "GET", t))
			Expect(main.Batches()).To(Equal([][]string{{"INCR"}}))
		})

		It("keys in several slots: on a cluster the transaction's futures get ErrCrossSlot and nothing of it is sent, the rest runs; a standalone server runs it", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k, t1, t2 := s.Key("k"), s.Key("a"), s.otherSlotKey("a")
			p := c.Pipeline()
			before := p.Incr(k)
			tx := p.Pipeline(redpipe.Atomic())
			a := tx.Incr(t1)
			b := tx.Incr(t2)
			Expect(tx.Exec(ctx)).To(Succeed())
			err := p.Exec(ctx)
			Expect(before.Result()).To(Equal(int64(1)))
			if s.Topology() == Cluster {
				Expect(err).To(MatchError(redpipe.ErrCrossSlot))
				Expect(a.Err()).To(MatchError(redpipe.ErrCrossSlot))
				Expect(b.Err()).To(MatchError(redpipe.ErrCrossSlot))
				Expect(main.Batches()).To(Equal([][]string{{"INCR"}}))
				ExpectRawNil(s.Raw(ctx, "GET", t1))
				ExpectRawNil(s.Raw(ctx, "GET", t2))
				return
			}
			Expect(err).NotTo(HaveOccurred())
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Result()).To(Equal(int64(1)))
			Expect(main.Batches()).To(Equal([][]string{{"INCR", "MULTI", "INCR", "INCR", "EXEC"}}))
		})

		It("two Atomic pipelines are two transactions: one aborted leaves the other committed", func(ctx SpecContext) {
			c, _, _ := s.txClient()
			t1, t2 := s.Key("t1"), s.Key("t2")
			p := c.Pipeline()
			ok := p.Pipeline(redpipe.Atomic())
			okA := ok.Incr(t1)
			Expect(ok.Exec(ctx)).To(Succeed())
			ab := p.Pipeline(redpipe.Atomic())
			abA := ab.Incr(t2)
			ab.Do("NOSUCHCOMMAND")
			Expect(ab.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(HaveOccurred())
			Expect(okA.Result()).To(Equal(int64(1)))
			var ta *redpipe.TxAbortedError
			Expect(errors.As(abA.Err(), &ta)).To(BeTrue(), "%T: %v", abA.Err(), abA.Err())
			ExpectRawString(s.Raw(ctx, "GET", t1), "1")
			ExpectRawNil(s.Raw(ctx, "GET", t2))
		})
	})
})
