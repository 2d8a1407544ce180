package conformance

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// gatedBackend holds chosen Execs of the backend under it until the spec
// lets them through, so that a spec knows which Execs wait behind one in
// flight; it records what each Exec held, and can make one panic.
type gatedBackend struct {
	next ports.Backend

	mu      sync.Mutex
	calls   int
	batches [][][]string
	holds   map[int]chan struct{} // call number (from 1) → closed to let it through
	panicAt int
	entered chan int
}

func newGatedBackend(next ports.Backend, hold ...int) *gatedBackend {
	g := &gatedBackend{next: next, holds: map[int]chan struct{}{}, entered: make(chan int, 64)}
	for _, n := range hold {
		g.holds[n] = make(chan struct{})
	}
	DeferCleanup(g.releaseAll)
	return g
}

// A gatedBackend does not honour ctx: a held Exec waits for the spec. Its
// pinned connections are the backend's own, never gated.
var (
	_ ports.BlockExecer = (*gatedBackend)(nil)
	_ ports.Pinner      = (*gatedBackend)(nil)
)

func (g *gatedBackend) Pin(ctx context.Context) (ports.Pinned, error) {
	p, ok := g.next.(ports.Pinner)
	if !ok {
		return nil, errors.New("the backend has no pinned connections")
	}
	return p.Pin(ctx)
}

func (g *gatedBackend) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	g.enter(cmds)
	g.next.Exec(ctx, cmds, out)
}

func (g *gatedBackend) ExecBlocks(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	g.enter(cmds)
	if be, ok := g.next.(ports.BlockExecer); ok {
		be.ExecBlocks(ctx, cmds, blocks, out)
		return
	}
	g.next.Exec(ctx, cmds, out)
}

func (g *gatedBackend) enter(cmds []ports.Command) {
	args := make([][]string, len(cmds))
	for i := range cmds {
		args[i] = append([]string(nil), cmds[i].Args...)
	}
	g.mu.Lock()
	g.calls++
	n := g.calls
	g.batches = append(g.batches, args)
	hold := g.holds[n]
	panics := n == g.panicAt
	g.mu.Unlock()
	g.entered <- n
	if hold != nil {
		<-hold
	}
	if panics {
		panic("backend exploded")
	}
}

// awaitEntered waits until Exec number n has reached the backend.
func (g *gatedBackend) awaitEntered(n int) {
	GinkgoHelper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case got := <-g.entered:
			if got == n {
				return
			}
		case <-timeout:
			Fail(fmt.Sprintf("backend Exec %d never came", n))
		}
	}
}

func (g *gatedBackend) hold(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.holds[n] = make(chan struct{})
}

func (g *gatedBackend) release(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if ch := g.holds[n]; ch != nil {
		close(ch)
		delete(g.holds, n)
	}
}

func (g *gatedBackend) releaseAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for n, ch := range g.holds {
		close(ch)
		delete(g.holds, n)
	}
}

func (g *gatedBackend) Batches() [][][]string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([][][]string(nil), g.batches...)
}

// queueTime is how long a spec gives goroutines to reach a coalescing
// connection's queue (they only take a mutex there; no I/O).
const queueTime = 300 * time.Millisecond

// coalescedClient is a Client whose default connection coalesces over g
// with one backend Exec in flight at a time: the spec holds that one, and
// everything sent meanwhile waits for the next.
func coalescedClient(g *gatedBackend, opts ...redpipe.ConnOption) *redpipe.Client {
	GinkgoHelper()
	c := redpipe.New()
	Expect(c.Connect(redpipe.DefaultConn, g, append(opts, redpipe.WithCoalescingLimits(1, 0))...)).To(Succeed())
	return c
}

// holdFirst starts an Exec on c (one INCR) and returns once the gate holds
// it as backend Exec 1; the channel gives its outcome once released.
func holdFirst(ctx context.Context, s *Suite, c *redpipe.Client, g *gatedBackend) <-chan error {
	GinkgoHelper()
	held := c.Pipeline()
	held.Incr(s.Key("held"))
	done := make(chan error, 1)
	go func() { done <- held.Exec(ctx) }()
	g.awaitEntered(1)
	return done
}

// contiguous reports whether want appears in batch as one run, in order.
func contiguous(batch [][]string, want [][]string) bool {
	for i := 0; i+len(want) <= len(batch); i++ {
		match := true
		for k := range want {
			if fmt.Sprint(batch[i+k]) != fmt.Sprint(want[k]) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

var _ = register(func(s *Suite) {
	Describe("Coalescing (WithCoalescing)", func() {
		It("a lone Exec goes out at once; Execs that arrive while one is in flight go out together, each contiguous, in order, with its own replies, and one Exec's bad input fails only its own futures", func(ctx SpecContext) {
			g := newGatedBackend(s.Main)
			c := coalescedClient(g)
			for i := range 2 {
				n := c.Pipeline()
				f := n.Incr(s.Key("lone"))
				Expect(n.Exec(ctx)).To(Succeed())
				Expect(f.Result()).To(Equal(int64(i + 1)))
			}
			Expect(g.Batches()).To(HaveLen(2), "no contention: one backend Exec per Exec")

			g.hold(3)
			held := c.Pipeline()
			first := held.Incr(s.Key("first"))
			heldDone := make(chan error, 1)
			go func() { heldDone <- held.Exec(ctx) }()
			g.awaitEntered(3)

			const workers = 6
			type result struct {
				incr *redpipe.Future[int64]
				push *redpipe.Future[int64]
				get  *redpipe.Future[string]
				bad  *redpipe.Future[string]
				err  error
			}
			results := make([]result, workers)
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					defer GinkgoRecover()
					p := c.Pipeline()
					r := &results[w]
					r.incr = p.IncrBy(s.Key(fmt.Sprintf("n%d", w)), int64(w+1))
					r.push = p.RPush(s.Key(fmt.Sprintf("l%d", w)), "a", "b", w)
					if w == 3 {
						r.bad = p.Set(s.Key("bad"), struct{ A int }{1}, 0)
					}
					r.get = p.Get(s.Key(fmt.Sprintf("n%d", w)))
					r.err = p.Exec(ctx)
				})
			}
			time.Sleep(queueTime)
			Expect(g.Batches()).To(HaveLen(3), "every Exec waits behind the one in flight")
			g.release(3)
			Expect(<-heldDone).To(Succeed())
			wg.Wait()
			Expect(first.Result()).To(Equal(int64(1)))

			batches := g.Batches()
			Expect(batches).To(HaveLen(4), "the %d waiting Execs went out as one backend Exec", workers)
			Expect(batches[3]).To(HaveLen(workers * 3))
			for w, r := range results {
				key, list := s.Key(fmt.Sprintf("n%d", w)), s.Key(fmt.Sprintf("l%d", w))
				Expect(r.incr.Result()).To(Equal(int64(w + 1)))
				Expect(r.push.Result()).To(Equal(int64(3)))
				Expect(r.get.Result()).To(Equal(fmt.Sprint(w + 1)))
				Expect(contiguous(batches[3], [][]string{
					{"INCRBY", key, fmt.Sprint(w + 1)}, {"RPUSH", list, "a", "b", fmt.Sprint(w)}, {"GET", key},
				})).To(BeTrue(), "Exec %d's commands are contiguous and in order: %q", w, batches[3])
				if w == 3 {
					Expect(r.bad.Err()).To(MatchError(redpipe.ErrInvalidValue))
					Expect(r.err).To(MatchError(redpipe.ErrInvalidValue))
				} else {
					Expect(r.err).NotTo(HaveOccurred())
				}
			}
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("bad")))
		})

		It("an Observer sees a coalesced send as what it is: each batch knows how many Execs shared its backend call", func(ctx SpecContext) {
			g := newGatedBackend(s.Main, 1)
			rec := &recorder{}
			c := redpipe.New(redpipe.WithObserver(rec))
			Expect(c.Connect(redpipe.DefaultConn, g, redpipe.WithCoalescingLimits(1, 0))).To(Succeed())
			heldDone := holdFirst(ctx, s, c, g)
			const waiting = 3
			var wg sync.WaitGroup
			for w := range waiting {
				wg.Go(func() {
					defer GinkgoRecover()
					p := c.Pipeline()
					p.Incr(s.Key(fmt.Sprintf("w%d", w)))
					Expect(p.Exec(ctx)).To(Succeed())
				})
			}
			time.Sleep(queueTime)
			g.release(1)
			Expect(<-heldDone).To(Succeed())
			wg.Wait()
			Expect(g.Batches()).To(HaveLen(2), "the waiting Execs went out as one backend Exec")

			rec.mu.Lock()
			defer rec.mu.Unlock()
			Expect(rec.batches).To(HaveLen(1 + waiting))
			shared := map[int]int{} // CoalescedExecs -> batches
			for _, b := range rec.batches {
				shared[b.CoalescedExecs]++
				Expect(b.Redirects).To(Equal(0))
				Expect(b.Retries).To(Equal(0))
			}
			Expect(shared).To(Equal(map[int]int{1: 1, waiting: waiting}), "the held Exec alone, the others %d together", waiting)
		})

		It("an Exec cancelled while it waits is taken out: nothing of it is written, and the Execs beside it go out", func(ctx SpecContext) {
			g := newGatedBackend(s.Main, 1)
			c := coalescedClient(g)
			heldDone := holdFirst(ctx, s, c, g)

			cctx, cancel := context.WithCancel(ctx)
			gone := c.Pipeline()
			goneIncr := gone.Incr(s.Key("gone"))
			goneDone := make(chan error, 1)
			go func() { goneDone <- gone.Exec(cctx) }()
			stays := c.Pipeline()
			staysIncr := stays.Incr(s.Key("stays"))
			staysDone := make(chan error, 1)
			go func() { staysDone <- stays.Exec(ctx) }()
			time.Sleep(queueTime)
			cancel()
			Expect(<-goneDone).To(MatchError(context.Canceled), "it returns when its ctx ends, with the connection still busy")
			var te *ports.TransportError
			Expect(errors.As(goneIncr.Err(), &te)).To(BeFalse(), "never sent, so never maybe-written: %v", goneIncr.Err())
			Expect(goneIncr.Err()).To(MatchError(context.Canceled))

			g.release(1)
			Expect(<-heldDone).To(Succeed())
			Expect(<-staysDone).To(Succeed())
			Expect(staysIncr.Result()).To(Equal(int64(1)))
			batches := g.Batches()
			Expect(batches).To(HaveLen(2))
			Expect(batches[1]).To(Equal([][]string{{"INCR", s.Key("stays")}}))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("gone")))
		})

		It("an Exec whose deadline passes while its merged batch is in flight returns at its deadline with outcome unknown; the other Execs of that batch get their replies", func(ctx SpecContext) {
			g := newGatedBackend(s.Main, 1, 2)
			c := coalescedClient(g)
			heldDone := holdFirst(ctx, s, c, g)

			// The deadline must fall after the merged batch is handed over
			// (about 1.3 queueTimes in) and while it is held.
			dctx, cancel := context.WithTimeout(ctx, 5*queueTime)
			defer cancel()
			late := c.Pipeline()
			lateIncr := late.Incr(s.Key("late"))
			lateDone := make(chan error, 1)
			go func() { lateDone <- late.Exec(dctx) }()
			time.Sleep(queueTime / 3) // late first, then patient
			patient := c.Pipeline()
			patientIncr := patient.Incr(s.Key("patient"))
			patientDone := make(chan error, 1)
			go func() { patientDone <- patient.Exec(ctx) }()
			time.Sleep(queueTime)
			g.release(1)
			Expect(<-heldDone).To(Succeed())
			g.awaitEntered(2) // late and patient, merged, now held in flight
			Expect(g.Batches()[1]).To(Equal([][]string{{"INCR", s.Key("late")}, {"INCR", s.Key("patient")}}))

			Expect(<-lateDone).To(MatchError(context.DeadlineExceeded))
			var te *ports.TransportError
			Expect(errors.As(lateIncr.Err(), &te)).To(BeTrue(), "handed to the backend: outcome unknown, got %v", lateIncr.Err())
			Expect(te.MaybeWritten).To(BeTrue())
			Expect(patientIncr.Ready()).To(BeFalse(), "the other Exec still waits for its reply")

			g.release(2)
			Expect(<-patientDone).To(Succeed())
			Expect(patientIncr.Result()).To(Equal(int64(1)))
			Expect(g.Batches()[1]).To(Equal([][]string{{"INCR", s.Key("late")}, {"INCR", s.Key("patient")}}))
			ExpectRawString(s.Raw(ctx, "GET", s.Key("late")), "1") // it did run: that is why it was maybe-written
		})

		It("transactions merged into one backend Exec stay one MULTI/EXEC each: one aborts, the other commits", func(ctx SpecContext) {
			g := newGatedBackend(s.Main, 1)
			c := coalescedClient(g, redpipe.WithTransaction())
			heldDone := holdFirst(ctx, s, c, g)

			ok := c.Pipeline()
			okA, okB := ok.Incr(s.Key("ok")), ok.IncrBy(s.Key("ok"), 10)
			okDone := make(chan error, 1)
			go func() { okDone <- ok.Exec(ctx) }()
			time.Sleep(queueTime / 3)
			aborted := c.Pipeline()
			abA := aborted.Incr(s.Key("ab"))
			aborted.Do("NOSUCHCOMMAND", s.Key("ab"))
			abortedDone := make(chan error, 1)
			go func() { abortedDone <- aborted.Exec(ctx) }()
			time.Sleep(queueTime)
			g.release(1)
			Expect(<-heldDone).To(Succeed())
			Expect(<-okDone).To(Succeed())
			Expect(<-abortedDone).To(HaveOccurred())

			Expect(okA.Result()).To(Equal(int64(1)))
			Expect(okB.Result()).To(Equal(int64(11)))
			var ta *redpipe.TxAbortedError
			Expect(errors.As(abA.Err(), &ta)).To(BeTrue(), "got %v", abA.Err())
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("ab")))
			ExpectRawString(s.Raw(ctx, "GET", s.Key("ok")), "11")

			batches := g.Batches()
			Expect(batches).To(HaveLen(2), "both transactions went out in one backend Exec")
			names := make([]string, len(batches[1]))
			for i, a := range batches[1] {
				names[i] = a[0]
			}
			Expect(names).To(Equal([]string{"MULTI", "INCR", "INCRBY", "EXEC", "MULTI", "INCR", "NOSUCHCOMMAND", "EXEC"}))
		})

		It("a batch with a blocking command is never merged: it goes out at once beside the Exec in flight", func(ctx SpecContext) {
			g := newGatedBackend(s.Main, 1)
			c := coalescedClient(g)
			heldDone := holdFirst(ctx, s, c, g)

			p := c.Pipeline()
			pop := p.BLPop(100*time.Millisecond, s.Key("empty"))
			Expect(p.Exec(ctx)).To(Succeed(), "BLPOP timed out at the server while the other Exec is still held")
			Expect(pop.Err()).To(MatchError(redpipe.ErrNil))
			Expect(g.Batches()).To(HaveLen(2))
			g.release(1)
			Expect(<-heldDone).To(Succeed())
		})

		It("a batch that changes its connection's state (a hand-written MULTI ... EXEC) is never merged: it goes out at once, on its own, beside the Exec in flight", func(ctx SpecContext) {
			g := newGatedBackend(s.Main, 1)
			c := coalescedClient(g)
			heldDone := holdFirst(ctx, s, c, g)

			p := c.Pipeline()
			multi := p.Do("MULTI")
			queued := p.Do("INCR", s.Key("tx"))
			exec := p.Do("EXEC")
			Expect(p.Exec(ctx)).To(Succeed(), "the hand-written transaction waited for the Exec in flight")
			Expect(multi.Result()).To(Equal("OK"))
			Expect(queued.Result()).To(Equal("QUEUED"))
			Expect(exec.Result()).To(Equal([]any{int64(1)}))
			batches := g.Batches()
			Expect(batches).To(HaveLen(2))
			Expect(batches[1]).To(Equal([][]string{{"MULTI"}, {"INCR", s.Key("tx")}, {"EXEC"}}), "sent alone, as queued")

			g.release(1)
			Expect(<-heldDone).To(Succeed())
			ExpectRawString(s.Raw(ctx, "GET", s.Key("tx")), "1")
		})

		It("Watch's pinned connection never waits behind the coalescing connection's Exec in flight", func(ctx SpecContext) {
			s.Require(CapPinned)
			g := newGatedBackend(s.Main, 1)
			c := coalescedClient(g)
			heldDone := holdFirst(ctx, s, c, g)

			k := s.Key("watched")
			var read *redpipe.Future[string]
			Expect(c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				p := tx.Pipeline()
				read = p.Get(k)
				if err := p.Exec(ctx); err != nil {
					return err
				}
				tx.Multi().Set(k, "written", 0)
				return nil
			})).To(Succeed(), "the Watch ran whole while the shared connection's Exec was held")
			Expect(read.Err()).To(MatchError(redpipe.ErrNil))
			ExpectRawString(s.Raw(ctx, "GET", k), "written")
			Expect(g.Batches()).To(HaveLen(1), "nothing of the Watch went through the coalescing connection")
			g.release(1)
			Expect(<-heldDone).To(Succeed())
		})

		It("a backend that panics in a merged send fails that send's commands as outcome unknown; the connection goes on working", func(ctx SpecContext) {
			g := newGatedBackend(s.Main, 1)
			g.panicAt = 2
			c := coalescedClient(g)
			heldDone := holdFirst(ctx, s, c, g)

			var futs [2]*redpipe.Future[int64]
			var errs [2]error
			var wg sync.WaitGroup
			for i := range futs {
				wg.Go(func() {
					p := c.Pipeline()
					futs[i] = p.Incr(s.Key(fmt.Sprintf("p%d", i)))
					errs[i] = p.Exec(ctx)
				})
			}
			time.Sleep(queueTime)
			g.release(1)
			Expect(<-heldDone).To(Succeed())
			wg.Wait()
			for i := range futs {
				Expect(errs[i]).To(MatchError(redpipe.ErrPanicked))
				var te *ports.TransportError
				Expect(errors.As(futs[i].Err(), &te)).To(BeTrue())
				Expect(te.MaybeWritten).To(BeTrue())
			}

			after := c.Pipeline()
			n := after.Incr(s.Key("after"))
			Expect(after.Exec(ctx)).To(Succeed())
			Expect(n.Result()).To(Equal(int64(1)))
		})
	})
})
