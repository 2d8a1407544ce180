package cluster_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/cluster"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

var _ = Describe("Cross-slot commands", Ordered, func() {
	var (
		c       *redistest.Cluster
		masters []string
		keys    []string // two keys on each master, interleaved
	)
	BeforeAll(func(ctx SpecContext) {
		var err error
		c, err = redistest.SharedCluster(ctx)
		Expect(err).NotTo(HaveOccurred())
		masters, err = c.Masters(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(masters).To(HaveLen(3))
		slots, _ := owners(ctx, c)
		for round := range 2 {
			for _, m := range masters {
				keys = append(keys, keyOn(&slots, m, fmt.Sprintf("xs%d", round)))
			}
		}
	}, NodeTimeout(time.Minute))

	It("MGET, MSET, DEL, EXISTS over keys on all three masters answer as one server does", func(ctx SpecContext) {
		r, rec := newRouter(ctx, c.Addrs(), nil)
		srv, err := redistest.SharedServer(ctx, 0)
		Expect(err).NotTo(HaveOccurred())
		rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
		DeferCleanup(rdb.Close)
		single := goredis.NewBackend(rdb)

		k := keys
		missing := "xs-missing{" + fmt.Sprint(os.Getpid()) + "}"
		batch := func() []ports.Command {
			return []ports.Command{
				cmd("MSET", k[0], "v0", k[1], "v1", k[2], "v2", k[3], "v3", k[4], "v4", k[5], "v5", k[0], "v0b"),
				cmd("MGET", k[5], k[0], missing, k[3], k[1], k[4], k[2]),
				cmd("EXISTS", k[0], k[1], k[0], missing, k[2]),
				cmd("TOUCH", k[3], k[4], missing),
				cmd("DEL", k[0], k[3], missing, k[4]),
				cmd("UNLINK", k[1], missing),
				cmd("MGET", k[0], k[1], k[2], k[3], k[4], k[5]),
				cmd("DEL", k[2], k[5]),
			}
		}
		want := []any{
			"OK",
			[]any{"v5", "v0b", nil, "v3", "v1", "v4", "v2"},
			int64(4), int64(2), int64(3), int64(1),
			[]any{nil, nil, "v2", nil, nil, "v5"},
			int64(2),
		}
		Expect(vals(run(ctx, single, batch()...))).To(Equal(want), "the reference: one server")
		Expect(vals(run(ctx, r, batch()...))).To(Equal(want), "the router")

		sent := rec.take()
		Expect(sent).To(HaveLen(3), "one Exec per master, no more")
		slots, _ := owners(ctx, c)
		for _, m := range masters {
			Expect(sent[m]).To(HaveLen(1), "node %s: one round trip", m)
			// Each split command reaches each master as one part per slot
			// that master serves.
			for _, sc := range batch() {
				name := sc.Name() + " "
				parts := map[int]bool{}
				for i := range sc.Keys {
					if s := domain.Slot(sc.Key(i)); slots[s] == m {
						parts[s] = true
					}
				}
				Expect(count(sent[m][0], name)).To(BeNumerically(">=", len(parts)), "%s on %s", name, m)
			}
			Expect(count(sent[m][0], "MSET ")).To(Equal(2))
			Expect(count(sent[m][0], "MGET ")).To(Equal(2 + countSlotsOn(&slots, m, k[5], k[0], missing, k[3], k[1], k[4], k[2])))
		}
	})

	It("refuses an unsplittable cross-slot command and a cross-slot MULTI/EXEC before sending, and runs the rest", func(ctx SpecContext) {
		r, rec := newRouter(ctx, c.Addrs(), nil)
		k := keys
		out := run(ctx, r,
			cmd("SADD", k[0], "a"),
			cmd("SUNIONSTORE", k[1], k[0], k[2]),
			cmd("MULTI"), cmd("SET", k[0], "t"), cmd("SET", k[1], "t"), cmd("EXEC"),
			cmd("SCARD", k[0]),
			cmd("MULTI"), cmd("INCR", k[3]), cmd("INCR", k[3]), cmd("EXEC"),
			cmd("DEL", k[0], k[3]),
		)
		Expect(out[0].Err).NotTo(HaveOccurred())
		for _, i := range []int{1, 2, 3, 4, 5} {
			Expect(errors.Is(out[i].Err, domain.ErrCrossSlot)).To(BeTrue(), "command %d: %v", i, out[i].Err)
			Expect(errors.Is(out[i].Err, redpipe.ErrCrossSlot)).To(BeTrue())
		}
		Expect(out[1].Err.Error()).To(ContainSubstring("SUNIONSTORE has keys in slots"))
		Expect(out[2].Err.Error()).To(ContainSubstring("MULTI/EXEC transaction"))
		Expect(vals(out[6:])).To(Equal([]any{int64(1), "OK", "QUEUED", "QUEUED", []any{int64(1), int64(2)}, int64(2)}))

		for node, execs := range rec.take() {
			Expect(execs).To(HaveLen(1), node)
			for _, c := range execs[0] {
				Expect(c).NotTo(HavePrefix("SUNIONSTORE"), node)
				Expect(c).NotTo(Equal("SET "+k[1]+" t"), node)
			}
		}
	})

	It("through redpipe: the cross-slot future fails with redpipe.ErrCrossSlot, the others succeed", func(ctx SpecContext) {
		r, _ := newRouter(ctx, c.Addrs(), nil)
		cl := redpipe.New()
		Expect(cl.Connect(redpipe.DefaultConn, r)).To(Succeed())
		p := cl.Pipeline()
		set := p.Set(keys[0], "x", 0)
		bad := p.Do("SUNIONSTORE", keys[1], keys[0], keys[2])
		n := p.Del(keys[0], keys[1], keys[2])
		err := p.Exec(ctx)
		Expect(err).To(MatchError(redpipe.ErrCrossSlot))
		Expect(set.Err()).NotTo(HaveOccurred())
		Expect(bad.Err()).To(MatchError(redpipe.ErrCrossSlot))
		Expect(n.Result()).To(Equal(int64(1)))
	})

	It("ReadFromReplicas: reads go to a replica behind READONLY, writes to the master", func(ctx SpecContext) {
		// A fresh cluster's nodes learn who replicates whom a second or so
		// after it is ready: refresh often so the router sees the replicas.
		r, rec := newRouter(ctx, c.Addrs(), func(o *cluster.Options) {
			o.ReadFromReplicas = true
			o.RefreshInterval = 50 * time.Millisecond
		})
		k := keys[0]
		slots, _ := owners(ctx, c)
		master := slots[domain.Slot(k)]
		replica, err := c.ReplicaOf(ctx, master)
		Expect(err).NotTo(HaveOccurred())

		Expect(vals(run(ctx, r, cmd("SET", k, "r1")))).To(Equal([]any{"OK"}))
		Expect(rec.take()).To(Equal(map[string][][]string{master: {{"SET " + k + " r1"}}}))
		// Wait (bounded) until the router knows the replica and the replica
		// has the value (replication is asynchronous).
		Eventually(func() []any {
			rec.take()
			got := vals(run(ctx, r, cmd("GET", k)))
			return append(got, len(rec.take()[replica]))
		}).WithTimeout(10 * time.Second).WithPolling(20 * time.Millisecond).Should(Equal([]any{"r1", 1}))
		for range 5 {
			Expect(vals(run(ctx, r, cmd("GET", k)))).To(Equal([]any{"r1"}))
		}
		Expect(rec.take()).To(Equal(map[string][][]string{replica: slices.Repeat([][]string{{"READONLY", "GET " + k}}, 5)}),
			"every read went to the replica, behind READONLY, one round trip each")
		Expect(vals(run(ctx, r, cmd("DEL", k)))).To(Equal([]any{int64(1)}))
		Expect(rec.take()).To(Equal(map[string][][]string{master: {{"DEL " + k}}}))
	})
})

func countSlotsOn(slots *[domain.SlotCount]string, master string, keys ...string) int {
	seen := map[int]bool{}
	for _, k := range keys {
		if s := domain.Slot(k); slots[s] == master {
			seen[s] = true
		}
	}
	return len(seen)
}

func count(batch []string, prefix string) int {
	n := 0
	for _, c := range batch {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}
