package cluster_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/adapters/cluster"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// cachingRouter is a router over rueidis node clients with their cache on,
// without periodic refresh: its map changes only through redirects.
func cachingRouter(ctx context.Context, seeds []string) *cluster.Router {
	GinkgoHelper()
	var nodes []rueidis.Client
	r, err := cluster.New(ctx, cluster.Options{
		Addrs:           seeds,
		RefreshInterval: -1,
		NewNode: func(addr string) (ports.Backend, error) {
			c, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{addr}, ForceSingleClient: true})
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, c) // NewNode runs under the router's lock
			return rueidisadapter.NewBackend(c), nil
		},
	})
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() {
		Expect(r.Close()).To(Succeed())
		for _, c := range nodes {
			c.Close()
		}
	})
	return r
}

func cached(args ...string) ports.Command {
	c := cmd(args...)
	c.CacheTTL = time.Minute
	return c
}

var _ = Describe("Cached reads during slot migration (router over rueidis nodes)", Ordered, func() {
	var (
		c        *redistest.Cluster
		src, dst string
		slots    [domain.SlotCount]string
	)
	BeforeAll(func(ctx SpecContext) {
		var masters []string
		c, masters, slots = migrationCluster(ctx)
		src, dst = masters[0], masters[1]
	}, NodeTimeout(time.Minute))

	It("MOVED: a cached read of a moved slot reaches the new owner, and its new value", func(ctx SpecContext) {
		r := cachingRouter(ctx, c.Addrs())
		Expect(ports.CachesReads(ctx, r)).To(BeTrue())
		a := keyOn(&slots, src, "cmv")
		slot := domain.Slot(a)
		// The root never sends a cached read after a write of its key in
		// one batch (the backend answers cached reads first): two batches.
		Expect(vals(run(ctx, r, cmd("SET", a, "va")))).To(Equal([]any{"OK"}))
		Expect(vals(run(ctx, r, cached("GET", a)))).To(Equal([]any{"va"}))
		Expect(vals(run(ctx, r, cached("GET", a)))).To(Equal([]any{"va"})) // from src's cache

		moveSlot(ctx, c, slot, src, dst, a)
		DeferCleanup(func(ctx SpecContext) { moveSlot(ctx, c, slot, dst, src, a) })
		do(ctx, dst, "SET", a, "vb")
		// MIGRATE deleted the key on src, which tells src's client: its
		// entry goes, the read reaches src, which answers MOVED, and the
		// router follows it to dst.
		Eventually(func() []any { return vals(run(ctx, r, cached("GET", a))) }).
			WithTimeout(5 * time.Second).WithPolling(10 * time.Millisecond).Should(Equal([]any{"vb"}))
		report := &ports.BatchReport{}
		Expect(vals(run(ports.ContextWithBatchReport(ctx, report), r, cached("GET", a)))).To(Equal([]any{"vb"}))
		Expect(report.Servers()).To(Equal([]string{dst}), "the map follows the MOVED")
	})

	It("ASK: a cached read of a key mid-migration is answered by the target behind ASKING", func(ctx SpecContext) {
		r := cachingRouter(ctx, c.Addrs())
		moved := keyOn(&slots, src, "cask")
		slot := domain.Slot(moved)
		Expect(vals(run(ctx, r, cmd("SET", moved, "m")))).To(Equal([]any{"OK"}))
		Expect(vals(run(ctx, r, cached("GET", moved)))).To(Equal([]any{"m"}))

		m := startMigration(ctx, c, slot, src, dst)
		m.moveKeys(ctx, moved)
		DeferCleanup(func(ctx SpecContext) {
			m.finish(ctx)
			moveSlot(ctx, c, slot, dst, src, moved)
		})
		// Until src's client hears that the key left, its cache answers;
		// then src answers ASK, and the read goes to dst behind ASKING (as
		// an ordinary read: a cached one could be sent apart from its
		// ASKING, and dst would answer MOVED).
		redirected := false
		for deadline := time.Now().Add(5 * time.Second); !redirected && time.Now().Before(deadline); {
			report := &ports.BatchReport{}
			Expect(vals(run(ports.ContextWithBatchReport(ctx, report), r, cached("GET", moved)))).To(Equal([]any{"m"}))
			redirects, _, _ := report.Counts()
			redirected = redirects > 0
			time.Sleep(10 * time.Millisecond)
		}
		Expect(redirected).To(BeTrue(), "src's invalidation never came: the read never left its cache")
		Expect(vals(run(ctx, r, cached("GET", moved)))).To(Equal([]any{"m"}))
	})
})
