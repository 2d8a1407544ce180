package cluster_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// These specs stop and kill nodes of the shared cluster and put it back
// (thawed, restarted, ready) before they end, so that the next spec or
// configuration finds a healthy cluster, roles possibly swapped.
var _ = Describe("Node faults", Ordered, func() {
	var (
		c       *redistest.Cluster
		masters []string
		keys    []string // one key per master, keys[i] on masters[i]
	)
	BeforeEach(func(ctx SpecContext) {
		var err error
		c, err = redistest.SharedCluster(ctx)
		Expect(err).NotTo(HaveOccurred())
		masters, err = c.Masters(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(masters).To(HaveLen(3))
		slots, _ := owners(ctx, c)
		keys = nil
		for _, m := range masters {
			keys = append(keys, keyOn(&slots, m, "flt"+CurrentSpecReport().LeafNodeLocation.String()))
		}
	}, NodeTimeout(time.Minute))

	It("a hung (SIGSTOPped) master fails only its own commands, at the deadline, and the router recovers after SIGCONT", func(ctx SpecContext) {
		r, _ := newRouter(ctx, c.Addrs(), nil)
		Expect(vals(run(ctx, r, cmd("SET", keys[0], "kept"), cmd("DEL", keys[1], keys[2])))).To(Equal([]any{"OK", int64(0)}))

		victim := c.Node(masters[0])
		Expect(victim.Freeze()).To(Succeed())
		DeferCleanup(func() {
			if victim.Frozen() {
				Expect(victim.Thaw()).To(Succeed())
			}
		})

		const deadline = 300 * time.Millisecond
		short, cancel := context.WithTimeout(ctx, deadline)
		defer cancel()
		start := time.Now()
		out := run(short, r, cmd("GET", keys[0]), cmd("INCR", keys[1]), cmd("INCR", keys[2]), cmd("GET", keys[0]))
		elapsed := time.Since(start)
		Expect(vals(out[1:3])).To(Equal([]any{int64(1), int64(1)}), "the other masters' commands")
		Expect(out[0].Err).To(MatchError(context.DeadlineExceeded))
		Expect(out[3].Err).To(MatchError(context.DeadlineExceeded))
		Expect(elapsed).To(And(BeNumerically(">=", deadline-10*time.Millisecond), BeNumerically("<", deadline+400*time.Millisecond)))

		Expect(victim.Thaw()).To(Succeed())
		Expect(vals(run(ctx, r, cmd("GET", keys[0]), cmd("INCR", keys[1]), cmd("INCR", keys[2])))).
			To(Equal([]any{"kept", int64(2), int64(2)}), "the same router works again")
		Expect(vals(run(ctx, r, cmd("DEL", keys[0], keys[1], keys[2])))).To(Equal([]any{int64(3)}))
	})

	It("a killed master: while its replica takes over, INCRs from several goroutines are never lost or run twice, and the same router recovers", func(ctx SpecContext) {
		r, _ := newRouter(ctx, c.Addrs(), nil)
		// A replica that finished its diskless full sync gets no stream
		// until its first REPLCONF ACK (up to a second later), so a master
		// killed right after the cluster is ready can take acknowledged
		// writes with it. Wait until the stream flows: that loss is Redis's,
		// not the router's, and would make the counts below meaningless.
		replica, err := c.ReplicaOf(ctx, masters[0])
		Expect(err).NotTo(HaveOccurred())
		waitStreaming(ctx, masters[0], replica, keys[0])
		Expect(vals(run(ctx, r, cmd(append([]string{"DEL"}, keys...)...)))).To(Equal([]any{int64(1)}))
		victim := c.Node(masters[0])
		DeferCleanup(func(ctx SpecContext) {
			if !victim.Running() {
				Expect(victim.Restart(ctx)).To(Succeed())
			}
			Expect(c.WaitReady(ctx)).To(Succeed())
		}, NodeTimeout(time.Minute))

		// Per key: futures that reported success, and futures whose INCR
		// may or may not have run (the connection broke after sending it).
		var ok, unknown [3]atomic.Int64
		var stop atomic.Bool
		var wg sync.WaitGroup
		const workers, maxBatches = 3, 3000
		for range workers {
			wg.Go(func() {
				defer GinkgoRecover()
				for n := 0; n < maxBatches && !stop.Load(); n++ {
					bctx, cancel := context.WithTimeout(ctx, 10*time.Second)
					out := run(bctx, r, cmd("INCR", keys[0]), cmd("INCR", keys[1]), cmd("INCR", keys[2]))
					cancel()
					for i, o := range out {
						switch {
						case o.Err == nil:
							ok[i].Add(1)
						case notRun(o.Err):
						default:
							unknown[i].Add(1)
							GinkgoWriter.Printf("unknown outcome, key %d: %v\n", i, o.Err)
						}
					}
					time.Sleep(5 * time.Millisecond)
				}
			})
		}
		DeferCleanup(func() { stop.Store(true); wg.Wait() })

		time.Sleep(200 * time.Millisecond)
		before := ok[0].Load()
		Expect(before).To(BeNumerically(">", 0))
		killed := time.Now()
		Expect(victim.Kill()).To(Succeed())
		Expect(c.WaitReady(ctx)).To(Succeed(), "the replica takes over")
		promoted := time.Since(killed)
		atRecovery := ok[0].Load()
		// Every node must learn the new master before the old one's slots
		// answer again; on Valkey 8 that once took longer than 5 s here.
		Eventually(func() int64 { return ok[0].Load() }).WithTimeout(15*time.Second).WithPolling(10*time.Millisecond).
			Should(BeNumerically(">", atRecovery+int64(workers)), "batches succeed again through the same router")
		stop.Store(true)
		wg.Wait()

		out := run(ctx, r, cmd("GET", keys[0]), cmd("GET", keys[1]), cmd("GET", keys[2]))
		for i := range keys {
			Expect(out[i].Err).NotTo(HaveOccurred())
			got := parseInt(out[i].Reply.Str)
			if unknown[i].Load() == 0 {
				Expect(got).To(Equal(ok[i].Load()), "key %d: the counter is exactly the successful INCRs", i)
			} else {
				// Only INCRs cut off mid-flight by the kill may have run
				// without their reply: never more than those.
				Expect(got).To(And(BeNumerically(">=", ok[i].Load()), BeNumerically("<=", ok[i].Load()+unknown[i].Load())), "key %d", i)
			}
		}
		Expect(unknown[1].Load()+unknown[2].Load()).To(BeZero(), "the live masters' INCRs all have a known outcome")
		GinkgoWriter.Printf("failover: promoted after %v; successes %v/%v/%v, unknown %v/%v/%v\n", promoted,
			ok[0].Load(), ok[1].Load(), ok[2].Load(), unknown[0].Load(), unknown[1].Load(), unknown[2].Load())

		By("the old master restarts and rejoins as a replica")
		Expect(victim.Restart(ctx)).To(Succeed())
		Expect(c.WaitReady(ctx)).To(Succeed())
		now, err := c.Masters(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(now).NotTo(ContainElement(masters[0]))
		Expect(vals(run(ctx, r, cmd(append([]string{"DEL"}, keys...)...)))).To(Equal([]any{int64(3)}))
	}, NodeTimeout(2*time.Minute))
})

// notRun: a Redis error reply (CLUSTERDOWN, MOVED after the last redirect,
// ...) or a connection that failed before the command was written.
func notRun(err error) bool {
	var re *ports.RedisError
	var te *ports.TransportError
	return errors.As(err, &re) || (errors.As(err, &te) && !te.MaybeWritten)
}

// waitStreaming writes key on master and waits (bounded) until replica's
// replication offset has reached the master's.
func waitStreaming(ctx context.Context, master, replica, key string) {
	GinkgoHelper()
	Expect(do(ctx, master, "SET", key, "sync")).To(Equal("OK"))
	want := infoInt(do(ctx, master, "INFO", "replication").(string), "master_repl_offset")
	Eventually(func() int64 {
		return infoInt(do(ctx, replica, "INFO", "replication").(string), "slave_repl_offset")
	}).WithTimeout(10*time.Second).WithPolling(20*time.Millisecond).Should(BeNumerically(">=", want), "replica %s streams from %s", replica, master)
}

func infoInt(info, field string) int64 {
	for _, l := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), field+":"); ok {
			return parseInt(v)
		}
	}
	return -1
}

func parseInt(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}
