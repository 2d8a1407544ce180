package conformance

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

var _ = register(func(s *Suite) {
	Describe("Transactions (WithTransaction)", func() {
		It("a connection's whole batch is one MULTI ... EXEC in one round trip, nested pipelines included; futures get EXEC's results; another connection is untouched", func(ctx SpecContext) {
			c, main, other := s.txClient()
			Expect(c.Disconnect(redpipe.DefaultConn)).To(Succeed())
			Expect(c.Connect(redpipe.DefaultConn, main, redpipe.WithTransaction())).To(Succeed())
			k, h := s.Key("n"), s.Key("h")

			p := c.Pipeline()
			a := p.Incr(k)
			nested := p.Pipeline()
			b := nested.IncrBy(k, 5)
			hs := nested.Do("HSET", h, "f", "v")
			Expect(nested.Exec(ctx)).To(Succeed())
			g := p.Get(k)
			hg := p.HGetAll(h)
			missing := p.Get(s.Key("missing"))
			o := p.Pipeline(redpipe.On(Second))
			oi := o.Incr(k)
			Expect(o.Exec(ctx)).To(Succeed())

			Expect(p.Exec(ctx)).To(Succeed())
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Result()).To(Equal(int64(6)))
			Expect(hs.Result()).To(Equal(int64(1)))
			Expect(g.Result()).To(Equal("6"))
			Expect(hg.Result()).To(Equal(map[string]string{"f": "v"}))
			Expect(missing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(oi.Result()).To(Equal(int64(1)))
			Expect(main.Batches()).To(Equal([][]string{{"MULTI", "INCR", "INCRBY", "HSET", "GET", "HGETALL", "GET", "EXEC"}}))
			Expect(other.Batches()).To(Equal([][]string{{"INCR"}}))
			ExpectRawString(s.Raw(ctx, "GET", k), "6")
		})

		It("a command rejected while queuing aborts the whole transaction: every future gets EXECABORT carrying the cause, nothing runs, other connections are unaffected", func(ctx SpecContext) {
			c, main, other := s.txClient()
			Expect(c.Disconnect(redpipe.DefaultConn)).To(Succeed())
			Expect(c.Connect(redpipe.DefaultConn, main, redpipe.WithTransaction())).To(Succeed())
			k := s.Key("n")

			p := c.Pipeline()
			a := p.Incr(k)
			bad := p.Do("SET", k) // wrong number of arguments: rejected while queuing
			g := p.Get(k)
			o := p.Pipeline(redpipe.On(Second))
			oi := o.Incr(k)
			Expect(o.Exec(ctx)).To(Succeed())

			err := p.Exec(ctx)
			Expect(err).To(HaveOccurred())
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(3), "the three commands of the transaction, not the other connection's")
			const cause = "ERR wrong number of arguments for 'set' command"
			const text = "EXECABORT Transaction discarded because of previous errors. (SET rejected: " + cause + ")"
			for _, ferr := range []error{a.Err(), bad.Err(), g.Err()} {
				var ta *redpipe.TxAbortedError
				Expect(errors.As(ferr, &ta)).To(BeTrue(), "%T: %v", ferr, ferr)
				Expect(ta.Command).To(Equal("SET"))
				Expect(ta.Exec.Kind()).To(Equal(ports.ErrExecAbort))
				Expect(ferr.Error()).To(Equal(text))
				var re *ports.RedisError
				Expect(errors.As(ferr, &re)).To(BeTrue())
				Expect(re.Error()).To(Equal(cause), "errors.As finds the cause first")
				Expect(errors.Is(ferr, ports.NewRedisError(cause))).To(BeTrue())
			}
			Expect(oi.Result()).To(Equal(int64(1)))
			ExpectRawNil(s.Raw(ctx, "GET", k))
			ExpectRawString(s.RawOther(ctx, "GET", k), "1")
			Expect(main.Calls()).To(Equal(1))
			Expect(other.Calls()).To(Equal(1))
		})

		It("a command refused before sending (a value nothing can encode) aborts the whole transaction: nothing of it is sent, every future gets *TxAbortedError carrying the refusal, other connections are unaffected", func(ctx SpecContext) {
			c, main, other := s.txClient()
			Expect(c.Disconnect(redpipe.DefaultConn)).To(Succeed())
			Expect(c.Connect(redpipe.DefaultConn, main, redpipe.WithTransaction())).To(Succeed())
			k := s.Key("n")

			p := c.Pipeline()
			a := p.Incr(k)
			bad := p.Do("SET", k, make(chan int)) // refused when queued: no Redis value
			g := p.Get(k)
			o := p.Pipeline(redpipe.On(Second))
			oi := o.Incr(k)
			Expect(o.Exec(ctx)).To(Succeed())

			err := p.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrInvalidValue))
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(3), "the three commands of the transaction, not the other connection's")
			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidValue))
			for _, ferr := range []error{a.Err(), g.Err()} {
				var ta *redpipe.TxAbortedError
				Expect(errors.As(ferr, &ta)).To(BeTrue(), "%T: %v", ferr, ferr)
				Expect(ta.Command).To(Equal("SET"))
				Expect(ta.Exec).To(BeNil(), "no EXEC was sent")
				Expect(ferr).To(MatchError(redpipe.ErrInvalidValue))
				Expect(ferr.Error()).To(HavePrefix("redpipe: transaction not sent (SET rejected: "))
			}
			Expect(oi.Result()).To(Equal(int64(1)))
			ExpectRawNil(s.Raw(ctx, "GET", k))
			Expect(main.Calls()).To(Equal(0), "nothing of the transaction was sent")
			Expect(other.Calls()).To(Equal(1))
		})

		It("a command failing while EXEC runs fails only its own future; the others ran", func(ctx SpecContext) {
			c, main, _ := s.txClient(redpipe.WithTransaction())
			k, t := s.Key("k"), s.Key("text")
			p := c.Pipeline()
			set := p.Set(t, "abc", 0)
			incr := p.Incr(t) // not an integer: fails inside EXEC
			after := p.IncrBy(k, 2)
			err := p.Exec(ctx)
			Expect(err).To(HaveOccurred())
			Expect(set.Result()).To(Equal("OK"))
			var re *ports.RedisError
			Expect(errors.As(incr.Err(), &re)).To(BeTrue(), "%T: %v", incr.Err(), incr.Err())
			Expect(re.Error()).To(Equal("ERR value is not an integer or out of range"))
			Expect(errors.As(incr.Err(), new(*redpipe.TxAbortedError))).To(BeFalse())
			Expect(after.Result()).To(Equal(int64(2)))
			Expect(main.Batches()).To(Equal([][]string{{"MULTI", "SET", "INCR", "INCRBY", "EXEC"}}))
			ExpectRawString(s.Raw(ctx, "GET", k), "2")
		})

		It("keys in several slots: on a cluster every future gets ErrCrossSlot and nothing is sent; a standalone server runs it", func(ctx SpecContext) {
			c, main, _ := s.txClient(redpipe.WithTransaction())
			k1, k2 := s.Key("a"), s.otherSlotKey("a")
			p := c.Pipeline()
			a := p.Incr(k1)
			b := p.Incr(k2)
			err := p.Exec(ctx)
			if s.Topology() == Cluster {
				Expect(err).To(MatchError(redpipe.ErrCrossSlot))
				Expect(a.Err()).To(MatchError(redpipe.ErrCrossSlot))
				Expect(b.Err()).To(MatchError(redpipe.ErrCrossSlot))
				Expect(a.Err().Error()).To(ContainSubstring("nothing of it was sent"))
				Expect(main.Calls()).To(Equal(0))
				ExpectRawNil(s.Raw(ctx, "GET", k1))
				ExpectRawNil(s.Raw(ctx, "GET", k2))
				return
			}
			Expect(err).NotTo(HaveOccurred())
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Result()).To(Equal(int64(1)))
			Expect(main.Batches()).To(Equal([][]string{{"MULTI", "INCR", "INCR", "EXEC"}}))
		})

		It("a script never loaded runs inside the transaction: it is loaded in the same MULTI, one round trip, no NOSCRIPT", func(ctx SpecContext) {
			s.flushScripts(ctx)
			script := redpipe.NewScript("-- " + s.Key("tx") + "\nreturn redis.call('INCRBY', KEYS[1], ARGV[1]) * 10")
			c, main, _ := s.txClient(redpipe.WithTransaction())
			k := s.Key("n")
			p := c.Pipeline()
			a := p.RunScript(script, []string{k}, 4)
			b := p.RunScript(script, []string{k}, 1)
			g := p.Get(k)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(a.Result()).To(Equal(any(int64(40))))
			Expect(b.Result()).To(Equal(any(int64(50))))
			Expect(g.Result()).To(Equal("5"))
			Expect(main.Batches()).To(Equal([][]string{{"MULTI", "SCRIPT", "EVALSHA", "EVALSHA", "GET", "EXEC"}}))
		})

		It("an empty batch sends nothing", func(ctx SpecContext) {
			c, main, _ := s.txClient(redpipe.WithTransaction())
			Expect(c.Pipeline().Exec(ctx)).To(Succeed())
			Expect(main.Calls()).To(Equal(0))
		})
	})
})
