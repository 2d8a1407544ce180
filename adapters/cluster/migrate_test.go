package cluster_test

import (
	"context"
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe/adapters/cluster"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

var _ = Describe("Slot migration", Ordered, func() {
	var (
		c                *redistest.Cluster
		src, dst, bystdr string // source and target of the move, and the third master
		slots            [domain.SlotCount]string
	)
	BeforeAll(func(ctx SpecContext) {
		var masters []string
		c, masters, slots = migrationCluster(ctx)
		src, dst, bystdr = masters[0], masters[1], masters[2]
	}, NodeTimeout(time.Minute))

	It("MOVED: only the moved commands are resent, to the new owner, and the map is updated", func(ctx SpecContext) {
		// No periodic refresh: the map changes only because of the MOVED
		// replies (which update their slot and start one reload).
		r, rec := newRouter(ctx, c.Addrs(), func(o *cluster.Options) { o.RefreshInterval = -1 })
		a := keyOn(&slots, src, "mv")
		a2 := "other:" + a[len("mv"):] // same hash tag, same slot
		b := keyOn(&slots, bystdr, "mvb")
		slot := domain.Slot(a)
		Expect(domain.Slot(a2)).To(Equal(slot))

		Expect(vals(run(ctx, r, cmd("SET", a, "va"), cmd("SET", b, "vb")))).To(Equal([]any{"OK", "OK"}))
		rec.take()

		moveSlot(ctx, c, slot, src, dst, a)
		DeferCleanup(func(ctx SpecContext) {
			keys := []string{}
			for _, k := range []string{a, a2} {
				if n, _ := redistest.Do(ctx, dst, "EXISTS", k); n == int64(1) {
					keys = append(keys, k)
				}
			}
			moveSlot(ctx, c, slot, dst, src, keys...)
		})

		report := &ports.BatchReport{}
		Expect(vals(run(ports.ContextWithBatchReport(ctx, report), r, cmd("GET", a), cmd("INCR", a2), cmd("GET", b), cmd("GET", a2)))).
			To(Equal([]any{"va", int64(1), "vb", "1"}))
		redirects, retries, _ := report.Counts()
		Expect([]int{redirects, retries}).To(Equal([]int{3, 0}), "the three commands of the moved slot, redirected once each (what an Observer's BatchInfo shows)")
		Expect(rec.take()).To(Equal(map[string][][]string{
			src:    {{"GET " + a, "INCR " + a2, "GET " + a2}},
			dst:    {{"GET " + a, "INCR " + a2, "GET " + a2}}, // resent once each, in order
			bystdr: {{"GET " + b}},
		}))

		Expect(vals(run(ctx, r, cmd("GET", a), cmd("GET", b), cmd("DEL", a, a2)))).To(Equal([]any{"va", "vb", int64(2)}))
		Expect(rec.take()).To(Equal(map[string][][]string{
			dst:    {{"GET " + a, "DEL " + a + " " + a2}},
			bystdr: {{"GET " + b}},
		}), "the third batch goes straight to the new owner")
	})

	It("ASK: moved keys are served by the target behind ASKING, unmoved ones by the source; a multi-key command waits out TRYAGAIN", func(ctx SpecContext) {
		r, rec := newRouter(ctx, c.Addrs(), func(o *cluster.Options) { o.RefreshInterval = -1 })
		moved := keyOn(&slots, src, "ask")
		stays := "stays:" + moved[len("ask"):]
		slot := domain.Slot(moved)
		Expect(vals(run(ctx, r, cmd("SET", moved, "m"), cmd("SET", stays, "s")))).To(Equal([]any{"OK", "OK"}))
		rec.take()

		m := startMigration(ctx, c, slot, src, dst)
		m.moveKeys(ctx, moved)
		finished := false
		DeferCleanup(func(ctx SpecContext) {
			if !finished {
				m.moveKeys(ctx, stays)
				m.finish(ctx)
			}
			moveSlot(ctx, c, slot, dst, src, moved, stays)
		})

		Expect(vals(run(ctx, r, cmd("GET", moved), cmd("SET", moved, "m2"), cmd("GET", moved), cmd("GET", stays)))).
			To(Equal([]any{"m", "OK", "m2", "s"}))
		Expect(rec.take()).To(Equal(map[string][][]string{
			src: {{"GET " + moved, "SET " + moved + " m2", "GET " + moved, "GET " + stays}},
			dst: {{"ASKING", "GET " + moved, "ASKING", "SET " + moved + " m2", "ASKING", "GET " + moved}},
		}))
		Expect(vals(run(ctx, r, cmd("GET", stays)))).To(Equal([]any{"s"}))
		Expect(rec.take()).To(Equal(map[string][][]string{src: {{"GET " + stays}}}), "ASK did not change the map")

		By("a multi-key command over a moved and an unmoved key gets TRYAGAIN until the deadline")
		short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		out := run(short, r, cmd("MGET", moved, stays), cmd("GET", stays))
		elapsed := time.Since(start)
		// The last reply (TRYAGAIN) when the deadline found the command
		// between two attempts; ctx's error when it found one in flight
		// (likely on a loaded machine).
		if !errors.Is(out[0].Err, context.DeadlineExceeded) {
			var re *ports.RedisError
			Expect(errors.As(out[0].Err, &re)).To(BeTrue(), "%v", out[0].Err)
			Expect(re.Kind()).To(Equal(ports.ErrTryAgain))
		}
		Expect(vals(out[1:])).To(Equal([]any{"s"}))
		Expect(elapsed).To(And(BeNumerically(">=", 250*time.Millisecond), BeNumerically("<", 800*time.Millisecond)))

		By("and succeeds once the migration completes while it waits")
		rec.take()
		done := make(chan []ports.Result, 1)
		go func() {
			defer GinkgoRecover()
			long, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			done <- run(long, r, cmd("MGET", moved, stays))
		}()
		time.Sleep(100 * time.Millisecond)
		m.moveKeys(ctx, stays)
		m.finish(ctx)
		finished = true
		var got []ports.Result
		Eventually(done).WithTimeout(6 * time.Second).Should(Receive(&got))
		Expect(vals(got)).To(Equal([]any{[]any{"m2", "s"}}))
		sent := rec.take()
		// One send to the new owner: after MOVED once the migration is
		// finished, or behind ASKING when a retry lands between the last
		// key moving and the slot being handed over (a loaded machine).
		Expect(sent[dst]).To(Or(
			Equal([][]string{{"MGET " + moved + " " + stays}}),
			Equal([][]string{{"ASKING", "MGET " + moved + " " + stays}})), "one send to the new owner")
		Expect(sent[src]).NotTo(BeEmpty())
		for _, b := range sent[src] {
			Expect(b).To(Equal([]string{"MGET " + moved + " " + stays}))
		}
	})
})

// migrationCluster is what the migration specs start from: the shared
// cluster, its three masters (sorted) and which master owns each slot.
func migrationCluster(ctx context.Context) (*redistest.Cluster, []string, [domain.SlotCount]string) {
	GinkgoHelper()
	c, err := redistest.SharedCluster(ctx)
	Expect(err).NotTo(HaveOccurred())
	masters, err := c.Masters(ctx)
	Expect(err).NotTo(HaveOccurred())
	Expect(masters).To(HaveLen(3))
	slots, _ := owners(ctx, c)
	return c, masters, slots
}
