package conformance

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// clientIncr is the client-side INCR of an optimistic transaction: GET,
// compute, SET under WATCH. The SET's future of the last attempt is in set.
func clientIncr(ctx context.Context, c *redpipe.Client, key string, attempts *atomic.Int64, opts ...redpipe.Option) (set *redpipe.Future[string], err error) {
	err = c.Watch(ctx, []string{key}, func(tx *redpipe.Tx) error {
		attempts.Add(1)
		p := tx.Pipeline()
		cur := p.Get(key)
		if err := p.Exec(ctx); err != nil && !errors.Is(err, redpipe.ErrNil) {
			return err
		}
		n, _ := strconv.ParseInt(cur.Val(), 10, 64)
		set = tx.Multi().Set(key, n+1, 0)
		return nil
	}, opts...)
	return set, err
}

// oneConnClient connects, as DefaultConn, a backend of the second server
// whose driver holds one pooled connection, so that a spec can check what
// state Watch left on the connection it released.
func (s *Suite) oneConnClient(ctx context.Context) (*redpipe.Client, *TxBackend) {
	GinkgoHelper()
	s.Require(CapOneConnection)
	b, err := s.Harness.(OneConnectionHarness).StandaloneOneConnection(ctx, s.OtherAddr)
	Expect(err).NotTo(HaveOccurred())
	tb := NewTxBackend(b)
	c := redpipe.New()
	Expect(c.Connect(redpipe.DefaultConn, tb)).To(Succeed())
	return c, tb
}

// expectCleanConn pins b's only connection again and checks that it
// carries no WATCH and no unread reply: a write to key from elsewhere does
// not abort its MULTI/EXEC, and every reply is the one of its own command.
// A pool that keeps idle connections gives back the one Watch used (id); a
// pool that keeps none (the cluster harness's redigo pool of one has
// MaxIdle 0) closed it, which leaves no state either: then the server must
// no longer list id.
func (s *Suite) expectCleanConn(ctx context.Context, b ports.Backend, key string, id int64) {
	GinkgoHelper()
	ExpectRawString(s.RawOther(ctx, "SET", key, "theirs"), "OK")
	p := pin(ctx, b)
	out := RunMany(ctx, p, []string{"CLIENT", "ID"}, []string{"MULTI"}, []string{"SET", key, "after"}, []string{"EXEC"}, []string{"PING"})
	for i, r := range out {
		Expect(r.Err).NotTo(HaveOccurred(), "command %d on the released connection", i)
	}
	if out[0].Reply.Int != id {
		Eventually(func() string {
			return s.RawOther(ctx, "CLIENT", "LIST", "ID", strconv.FormatInt(id, 10)).Reply.Str
		}).WithTimeout(2*time.Second).Should(BeEmpty(), "another connection than Watch's: Watch's must have been closed")
	}
	Expect(out[1].Reply.Str).To(Equal("OK"))
	Expect(out[2].Reply.Str).To(Equal("QUEUED"))
	Expect(out[3].Reply.Kind).To(Equal(ports.KindArray), "EXEC on the released connection: no WATCH was left on it (%s)", out[3].Reply)
	Expect(out[4].Reply.Str).To(Equal("PONG"))
	p.Release()
	ExpectRawString(s.RawOther(ctx, "GET", key), "after")
}

var _ = register(func(s *Suite) {
	Describe("Optimistic transactions (Watch)", func() {
		BeforeEach(func() { s.Require(CapPinned) })

		It("read, compute, write: WATCH goes with the reads, the writes as one MULTI/EXEC: two round trips on one pinned connection", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k, h := s.Key("n"), s.Key("h")
			ExpectRawString(s.Raw(ctx, "SET", k, "41"), "OK")
			var hset *redpipe.Future[int64]
			var seen int64
			err := c.Watch(ctx, []string{k, h}, func(tx *redpipe.Tx) error {
				n := incrAndExpire(ctx, tx, s.Key("reads")) // a Tx is a Scope: this runs at once
				Expect(n.Result()).To(Equal(int64(1)))
				p := tx.Pipeline()
				cur := p.Get(k)
				Expect(p.Exec(ctx)).To(Succeed())
				v, err := strconv.ParseInt(cur.Val(), 10, 64)
				if err != nil {
					return err
				}
				seen = v
				m := tx.Multi()
				m.Set(k, v+1, 0)
				hset = m.HSet(h, "seen", v)
				return nil
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(seen).To(Equal(int64(41)))
			Expect(hset.Result()).To(Equal(int64(1)))
			ExpectRawString(s.Raw(ctx, "GET", k), "42")
			ExpectRawString(s.Raw(ctx, "HGET", h, "seen"), "41")
			Expect(main.Pins()).To(Equal(1))
			Expect(main.Calls()).To(Equal(0), "nothing goes through the shared connection")
			Expect(main.PinnedBatches()).To(Equal([][]string{
				{"WATCH", "INCRBY", "EXPIRE"}, {"GET"}, {"MULTI", "SET", "HSET", "EXEC"},
			}))
		})

		It("a WATCH conflict reruns fn; the aborted attempt's futures fail with ErrTxFailed and nothing of it is written", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k := s.Key("n")
			ExpectRawString(s.Raw(ctx, "SET", k, "10"), "OK")
			var sets []*redpipe.Future[string]
			attempts := 0
			err := c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				attempts++
				p := tx.Pipeline()
				cur := p.Get(k)
				Expect(p.Exec(ctx)).To(Succeed())
				if attempts == 1 {
					ExpectRawString(s.Raw(ctx, "SET", k, "100"), "OK") // another client writes
				}
				v, _ := strconv.Atoi(cur.Val())
				sets = append(sets, tx.Multi().Set(k, v*2, 0))
				return nil
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(attempts).To(Equal(2))
			Expect(sets[0].Err()).To(MatchError(redpipe.ErrTxFailed))
			Expect(sets[1].Result()).To(Equal("OK"))
			ExpectRawString(s.Raw(ctx, "GET", k), "200")
			Expect(main.Pins()).To(Equal(1), "a retry reuses the pinned connection")
			Expect(main.PinnedBatches()).To(Equal([][]string{
				{"WATCH", "GET"}, {"MULTI", "SET", "EXEC"}, {"WATCH", "GET"}, {"MULTI", "SET", "EXEC"},
			}))
		})

		It("conflicting on every attempt: after MaxRetries reruns Watch returns ErrTxFailed and writes nothing", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k := s.Key("n")
			attempts := 0
			err := c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				attempts++
				p := tx.Pipeline()
				p.Get(k)
				_ = p.Exec(ctx)
				ExpectRawInt(s.Raw(ctx, "INCR", k), int64(attempts))
				tx.Multi().Set(k, "mine", 0)
				return nil
			}, redpipe.MaxRetries(2))
			Expect(err).To(MatchError(redpipe.ErrTxFailed))
			Expect(err.Error()).To(ContainSubstring("3 attempt(s)"))
			Expect(attempts).To(Equal(3))
			ExpectRawString(s.Raw(ctx, "GET", k), "3")
			Expect(main.PinnedBatches()).To(HaveLen(6))
		})

		It("20 goroutines x 50 client-side INCRs (GET, compute, SET under WATCH) end at exactly 1000, every conflict retried", func(ctx SpecContext) {
			c, _, _ := s.txClient()
			k := s.Key("counter")
			const workers, each = 20, 50
			var attempts atomic.Int64
			var mu sync.Mutex
			var failed []error
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for range each {
						set, err := clientIncr(ctx, c, k, &attempts, redpipe.MaxRetries(100_000))
						if err == nil {
							err = set.Err()
						}
						if err != nil {
							mu.Lock()
							failed = append(failed, err)
							mu.Unlock()
							return
						}
					}
				})
			}
			wg.Wait()
			Expect(failed).To(BeEmpty())
			ExpectRawString(s.Raw(ctx, "GET", k), strconv.Itoa(workers*each))
			conflicts := attempts.Load() - workers*each
			Expect(conflicts).To(BeNumerically(">", 0), "20 goroutines on one key conflict; each conflict was rerun")
			GinkgoWriter.Printf("%d attempts for %d increments: %d conflicts retried\n", attempts.Load(), workers*each, conflicts)
		}, SpecTimeout(3*time.Minute))

		It("fn's error aborts: UNWATCH, the error is returned, nothing is written, and the connection goes back clean", func(ctx SpecContext) {
			c, b := s.oneConnClient(ctx)
			k := s.Key("n")
			boom := errors.New("boom")
			var id int64
			var set *redpipe.Future[string]
			err := c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				p := tx.Pipeline()
				p.Get(k)
				cid := p.Do("CLIENT", "ID")
				_ = p.Exec(ctx)
				id = cid.Val().(int64)
				set = tx.Multi().Set(k, "mine", 0)
				return boom
			})
			Expect(err).To(BeIdenticalTo(boom))
			Expect(set.Err()).To(MatchError(redpipe.ErrInvalidPipeline), "the writes are discarded")
			Expect(b.PinnedBatches()).To(Equal([][]string{{"WATCH", "GET", "CLIENT"}, {"UNWATCH"}}))
			ExpectRawNil(s.RawOther(ctx, "GET", k))
			s.expectCleanConn(ctx, b.Backend, k, id)
		})

		It("fn panics: the connection is cleaned (UNWATCH) and released, and the panic propagates", func(ctx SpecContext) {
			c, b := s.oneConnClient(ctx)
			k := s.Key("n")
			var id int64
			var set *redpipe.Future[string]
			Expect(func() {
				_ = c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
					p := tx.Pipeline()
					cid := p.Do("CLIENT", "ID")
					_ = p.Exec(ctx)
					id = cid.Val().(int64)
					set = tx.Multi().Set(k, "mine", 0)
					panic("fn exploded")
				})
			}).To(PanicWith("fn exploded"))
			Expect(set.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(b.PinnedBatches()).To(Equal([][]string{{"WATCH", "CLIENT"}, {"UNWATCH"}}))
			ExpectRawNil(s.RawOther(ctx, "GET", k))
			s.expectCleanConn(ctx, b.Backend, k, id)
		})

		It("ctx expires while fn runs: Watch returns ctx's error promptly, writes nothing, and the connection goes back clean", func(ctx SpecContext) {
			c, b := s.oneConnClient(ctx)
			k := s.Key("n")
			var id int64
			var set *redpipe.Future[string]
			short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := c.Watch(short, []string{k}, func(tx *redpipe.Tx) error {
				p := tx.Pipeline()
				cid := p.Do("CLIENT", "ID")
				Expect(p.Exec(short)).To(Succeed())
				id = cid.Val().(int64)
				set = tx.Multi().Set(k, "mine", 0)
				<-short.Done() // fn is slow
				return nil
			})
			Expect(err).To(MatchError(context.DeadlineExceeded))
			Expect(time.Since(start)).To(BeNumerically("<", 1300*time.Millisecond))
			Expect(set.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(b.PinnedBatches()).To(Equal([][]string{{"WATCH", "CLIENT"}, {"UNWATCH"}}))
			ExpectRawNil(s.RawOther(ctx, "GET", k))
			s.expectCleanConn(ctx, b.Backend, k, id)
		})

		It("fn that only reads: UNWATCH after it; fn that only writes: WATCH, MULTI ... EXEC in one round trip", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k := s.Key("n")
			Expect(c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				p := tx.Pipeline()
				g := p.Get(k)
				Expect(p.Exec(ctx)).To(Succeed())
				Expect(g.Err()).To(MatchError(redpipe.ErrNil))
				return nil
			})).To(Succeed())
			Expect(c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				p := tx.Pipeline()
				p.Exists(k)
				return p.Exec(ctx)
			})).To(Succeed())
			var set *redpipe.Future[string]
			Expect(c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				set = tx.Multi().Set(k, "blind", 0)
				return nil
			})).To(Succeed())
			Expect(set.Result()).To(Equal("OK"))
			ExpectRawString(s.Raw(ctx, "GET", k), "blind")
			Expect(main.PinnedBatches()).To(Equal([][]string{
				{"WATCH", "GET"}, {"UNWATCH"},
				{"WATCH", "EXISTS"}, {"UNWATCH"},
				{"WATCH", "MULTI", "SET", "EXEC"},
			}))
		})

		It("a write rejected while queuing aborts the transaction (EXECABORT with the cause), without a retry", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			k := s.Key("n")
			attempts := 0
			var a, bad *redpipe.Future[any]
			err := c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				attempts++
				m := tx.Multi()
				a = m.Do("SET", k, "1")
				bad = m.Do("SET", k)
				return nil
			})
			Expect(attempts).To(Equal(1))
			var ta *redpipe.TxAbortedError
			Expect(errors.As(err, &ta)).To(BeTrue(), "%v", err)
			Expect(ta.Command).To(Equal("SET"))
			Expect(errors.As(a.Err(), &ta)).To(BeTrue())
			Expect(errors.As(bad.Err(), &ta)).To(BeTrue())
			ExpectRawNil(s.Raw(ctx, "GET", k))
			Expect(main.PinnedBatches()).To(Equal([][]string{{"WATCH", "MULTI", "SET", "SET", "EXEC"}}))
		})

		It("bad input: no keys is ErrInvalidValue; keys in several slots on a cluster is ErrCrossSlot; nothing is sent and fn never runs", func(ctx SpecContext) {
			c, main, _ := s.txClient()
			ran := false
			fn := func(tx *redpipe.Tx) error { ran = true; return nil }
			Expect(c.Watch(ctx, nil, fn)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(c.Watch(ctx, []string{}, fn)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(c.Watch(ctx, []string{s.Key("a")}, nil)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(c.Watch(ctx, []string{s.Key("a")}, fn, redpipe.On("nowhere"))).To(MatchError(redpipe.ErrUnknownConn))
			Expect(ran).To(BeFalse())
			Expect(main.Pins()).To(Equal(0))

			err := c.Watch(ctx, []string{s.Key("a"), s.otherSlotKey("b")}, fn)
			if s.Topology() == Cluster {
				Expect(err).To(MatchError(redpipe.ErrCrossSlot))
				Expect(ran).To(BeFalse())
				Expect(main.Pins()).To(Equal(0))
				return
			}
			Expect(err).NotTo(HaveOccurred(), "a standalone server watches keys of any slot")
			Expect(ran).To(BeTrue())
		})
	})
})
