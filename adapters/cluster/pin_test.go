package cluster_test

import (
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

var _ = Describe("Pinned connections through the router", Ordered, func() {
	var (
		c     *redistest.Cluster
		slots [domain.SlotCount]string
	)
	BeforeAll(func(ctx SpecContext) {
		var err error
		c, err = redistest.SharedCluster(ctx)
		Expect(err).NotTo(HaveOccurred())
		slots, _ = owners(ctx, c)
	}, NodeTimeout(time.Minute))

	It("refuse a keyless first batch, then bind to the master of the first key and stay there", func(ctx SpecContext) {
		r, _ := newRouter(ctx, c.Addrs(), nil)
		masters, err := c.Masters(ctx)
		Expect(err).NotTo(HaveOccurred())
		k := keyOn(&slots, masters[1], "pin")

		p, err := r.Pin(ctx)
		Expect(err).NotTo(HaveOccurred())
		defer p.Release()
		out := run(ctx, p, cmd("PING"))
		Expect(out[0].Err).To(MatchError("cluster: a pinned connection picks its node by the first key of its first Exec, and this batch has no key"))

		out = run(ctx, p, cmd("SET", k, "v"), cmd("CLIENT", "ID"))
		Expect(out[0].Err).NotTo(HaveOccurred())
		id := out[1].Reply.Int
		list, _ := do(ctx, masters[1], "CLIENT", "LIST", "ID", strconv.FormatInt(id, 10)).(string)
		Expect(list).To(ContainSubstring("id="+strconv.FormatInt(id, 10)+" "), "the pinned connection is a client of %s, the owner of %q", masters[1], k)

		out = run(ctx, p, cmd("PING"), cmd("CLIENT", "ID"))
		Expect(vals(out)).To(Equal([]any{"PONG", id}), "later batches, keyless ones too, stay on that connection")

		other := keyOn(&slots, masters[2], "pin")
		out = run(ctx, p, cmd("GET", other))
		var re *ports.RedisError
		Expect(out[0].Err).To(BeAssignableToTypeOf(re), "a key of another node is not followed")
		Expect(out[0].Err.(*ports.RedisError).Kind()).To(Equal(ports.ErrMoved))

		p.Release()
		out = run(ctx, p, cmd("GET", k))
		Expect(out[0].Err).To(MatchError("cluster: Exec on a pinned connection after Release"))
	})
})
