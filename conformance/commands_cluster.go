package conformance

import (
	"net"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
)

// clusterDisabled is what a server without cluster support answers every
// CLUSTER subcommand.
const clusterDisabled = "ERR This instance has cluster support disabled"

// clusterInfoFields reads CLUSTER INFO's name:value lines.
func clusterInfoFields(txt string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(txt, "\n") {
		if k, v, ok := strings.Cut(strings.TrimSuffix(line, "\r"), ":"); ok {
			m[k] = v
		}
	}
	return m
}

var _ = register(func(s *Suite) {
	Describe("Commands: Cluster introspection", func() {
		// Each keyless command may reach another node of the cluster (the
		// router sends them to one master, go-redis round-robins them), so
		// every assertion here holds whichever node answers.
		It("describes the cluster's 3 shards of 2 nodes from whichever node answers", func(ctx SpecContext) {
			if s.Topology() != Cluster {
				Skip("the main connection is not a Redis Cluster (see the spec of a server with cluster support disabled)")
			}
			key := s.Key("k")
			p := s.Client.Pipeline()
			slot := p.ClusterKeySlot(key)
			slotFoo := p.ClusterKeySlot("foo")
			info := p.ClusterInfo()
			nodes := p.ClusterNodes()
			myID := p.ClusterMyID()
			shards := p.ClusterShards()
			slots := p.ClusterSlots()
			links := p.ClusterLinks()
			s.ExecOnce(ctx, p)

			Expect(slot.Result()).To(Equal(int64(domain.Slot(key))))
			Expect(slotFoo.Result()).To(Equal(int64(12182)))

			Expect(info.Err()).NotTo(HaveOccurred())
			fields := clusterInfoFields(info.Val())
			Expect(fields).To(HaveKeyWithValue("cluster_state", "ok"))
			Expect(fields).To(HaveKeyWithValue("cluster_slots_assigned", "16384"))
			Expect(fields).To(HaveKeyWithValue("cluster_known_nodes", "6"))
			Expect(fields).To(HaveKeyWithValue("cluster_size", "3"))

			Expect(shards.Err()).NotTo(HaveOccurred())
			Expect(shards.Val()).To(HaveLen(3))
			ids := map[string]string{}         // node id: role
			masterAddrs := map[string]string{} // master address: id
			covered := int64(0)
			for _, sh := range shards.Val() {
				Expect(sh.Nodes).To(HaveLen(2))
				roles := []string{sh.Nodes[0].Role, sh.Nodes[1].Role}
				Expect(roles).To(ConsistOf("master", "replica"))
				for _, n := range sh.Nodes {
					Expect(n.ID).To(MatchRegexp(`^[0-9a-f]{40}$`))
					if n.Role == "master" {
						Expect(n.Health).To(Equal("online"))
					} else {
						// Redis 7.0 calls a replica "loading" while the
						// answering node knows its replication offset as 0.
						Expect(n.Health).To(BeElementOf("online", "loading"))
					}
					Expect(n.Port).To(BeNumerically(">", 0))
					ids[n.ID] = n.Role
					if n.Role == "master" {
						masterAddrs[net.JoinHostPort(n.Endpoint, strconv.FormatInt(n.Port, 10))] = n.ID
					}
				}
				for _, r := range sh.Slots {
					Expect(r.End).To(BeNumerically(">=", r.Start))
					covered += r.End - r.Start + 1
				}
			}
			Expect(ids).To(HaveLen(6))
			Expect(covered).To(Equal(int64(domain.SlotCount)))
			Expect(ids).To(HaveKey(myID.Val()), "CLUSTER MYID is one of the shards' nodes")

			Expect(slots.Err()).NotTo(HaveOccurred())
			covered = 0
			for _, r := range slots.Val() {
				covered += int64(r.End - r.Start + 1)
				// Redis 7.0 leaves out a replica it calls "loading" (see above).
				Expect(len(r.Nodes)).To(BeElementOf(1, 2))
				Expect(masterAddrs).To(HaveKeyWithValue(r.Nodes[0].Addr, r.Nodes[0].ID), "CLUSTER SLOTS lists the master first")
				if len(r.Nodes) == 2 {
					Expect(ids).To(HaveKeyWithValue(r.Nodes[1].ID, "replica"))
				}
			}
			Expect(covered).To(Equal(int64(domain.SlotCount)))

			Expect(nodes.Err()).NotTo(HaveOccurred())
			lines := strings.Split(strings.TrimSpace(nodes.Val()), "\n")
			Expect(lines).To(HaveLen(6))
			myself := 0
			for _, l := range lines {
				fs := strings.Fields(l)
				Expect(len(fs)).To(BeNumerically(">=", 8), "CLUSTER NODES line %q", l)
				Expect(ids).To(HaveKey(fs[0]))
				if strings.Contains(fs[2], "myself") {
					myself++
				}
			}
			Expect(myself).To(Equal(1))

			Expect(links.Err()).NotTo(HaveOccurred())
			to := map[string]bool{}
			for _, l := range links.Val() {
				Expect(l.Direction).To(BeElementOf("to", "from"))
				Expect(ids).To(HaveKey(l.Node))
				Expect(l.CreateTime).To(BeNumerically(">", 0))
				if l.Direction == "to" {
					to[l.Node] = true
				}
			}
			Expect(to).To(HaveLen(5), "a node links to each of its 5 peers")
		})

		It("answers for the slots of the node asked: COUNTKEYSINSLOT, GETKEYSINSLOT, SLAVES", func(ctx SpecContext) {
			if s.Topology() != Cluster {
				Skip("the main connection is not a Redis Cluster (see the spec of a server with cluster support disabled)")
			}
			a, b, c := s.Key("a"), s.Key("b"), s.Key("c")
			slot := domain.Slot(a)
			p := s.Client.Pipeline()
			p.Set(a, "1", 0)
			p.Set(b, "2", 0)
			p.Set(c, "3", 0)
			shards := p.ClusterShards()
			s.ExecOnce(ctx, p)
			Expect(shards.Err()).NotTo(HaveOccurred())
			var owner, ownerID, replicaID, other string
			for _, sh := range shards.Val() {
				var master, replica redpipe.Node
				for _, n := range sh.Nodes {
					if n.Role == "master" {
						master = n
					} else {
						replica = n
					}
				}
				addr := net.JoinHostPort(master.Endpoint, strconv.FormatInt(master.Port, 10))
				serves := false
				for _, r := range sh.Slots {
					serves = serves || (r.Start <= int64(slot) && int64(slot) <= r.End)
				}
				if serves {
					owner, ownerID, replicaID = addr, master.ID, replica.ID
				} else {
					other = addr
				}
			}
			Expect(owner).NotTo(BeEmpty(), "slot %d has a master", slot)
			Expect(other).NotTo(BeEmpty())
			// The slot commands answer for the node asked, so ask the
			// owner, and another master, each through a connection of its own.
			s.connectStandalone(ctx, "owner", owner)
			s.connectStandalone(ctx, "other", other)

			// A node that a fault spec stopped earlier leaves failure reports
			// behind for twice the node timeout: wait until they expired, so
			// that the count below is exactly the quiet cluster's.
			Eventually(func() (any, error) {
				return redistest.Do(ctx, owner, "CLUSTER", "COUNT-FAILURE-REPORTS", replicaID)
			}).WithTimeout(15 * time.Second).WithPolling(100 * time.Millisecond).Should(Equal(int64(0)))

			p = s.Client.Pipeline(redpipe.On("owner"))
			id := p.ClusterMyID()
			count := p.ClusterCountKeysInSlot(slot)
			inSlot := p.ClusterGetKeysInSlot(slot, 1000)
			two := p.ClusterGetKeysInSlot(slot, 2)
			replicas := p.ClusterSlaves(ownerID)
			failures := p.ClusterCountFailureReports(replicaID)
			q := s.Client.Pipeline(redpipe.On("other"))
			otherCount := q.ClusterCountKeysInSlot(slot)
			otherKeys := q.ClusterGetKeysInSlot(slot, 10)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(q.Exec(ctx)).To(Succeed())

			Expect(id.Result()).To(Equal(ownerID))
			// Another spec's hash tag may share the slot: its keys are there too.
			Expect(inSlot.Val()).To(ContainElements(a, b, c))
			Expect(count.Result()).To(Equal(int64(len(inSlot.Val()))))
			Expect(two.Val()).To(HaveLen(2))
			Expect(inSlot.Val()).To(ContainElements(two.Val()))
			Expect(replicas.Err()).NotTo(HaveOccurred())
			Expect(replicas.Val()).To(HaveLen(1))
			Expect(replicas.Val()[0]).To(HavePrefix(replicaID + " "))
			Expect(failures.Result()).To(Equal(int64(0)))
			Expect(otherCount.Result()).To(Equal(int64(0)), "a master holds no keys of a slot it does not serve")
			Expect(otherKeys.Result()).To(BeEmpty())
		})

		It("gives the node's shard id with CLUSTER MYSHARDID", func(ctx SpecContext) {
			s.RequireCommand(ctx, "cluster|myshardid")
			p := s.Client.Pipeline()
			shardID := p.ClusterMyShardID()
			_ = p.Exec(ctx)
			if s.Topology() == Cluster {
				Expect(shardID.Val()).To(MatchRegexp(`^[0-9a-f]{40}$`))
			} else {
				ExpectRedisError(shardID.Err(), clusterDisabled)
			}
		})

		It("answers every CLUSTER command with the same error on a server without cluster support", func(ctx SpecContext) {
			if s.Topology() == Cluster {
				Skip("the main connection is a Redis Cluster (see the specs above)")
			}
			p := s.Client.Pipeline()
			futures := map[string]interface{ Err() error }{
				"KEYSLOT":               p.ClusterKeySlot(s.Key("k")),
				"INFO":                  p.ClusterInfo(),
				"NODES":                 p.ClusterNodes(),
				"MYID":                  p.ClusterMyID(),
				"SHARDS":                p.ClusterShards(),
				"SLOTS":                 p.ClusterSlots(),
				"LINKS":                 p.ClusterLinks(),
				"COUNTKEYSINSLOT":       p.ClusterCountKeysInSlot(1),
				"GETKEYSINSLOT":         p.ClusterGetKeysInSlot(1, 10),
				"SLAVES":                p.ClusterSlaves("0000000000000000000000000000000000000000"),
				"COUNT-FAILURE-REPORTS": p.ClusterCountFailureReports("0000000000000000000000000000000000000000"),
			}
			after := p.Ping()
			s.ExecOnceFailing(ctx, p)
			for name, f := range futures {
				By("CLUSTER " + name)
				ExpectRedisError(f.Err(), clusterDisabled)
			}
			Expect(after.Result()).To(Equal("PONG"))
		})
	})
})
