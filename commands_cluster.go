package redpipe

// Cluster introspection: ClusterMyShardID ClusterMyID ClusterSlots
// ClusterShards ClusterLinks ClusterNodes ClusterInfo ClusterKeySlot
// ClusterGetKeysInSlot ClusterCountFailureReports ClusterCountKeysInSlot
// ClusterSlaves, and the commands that change the topology: ClusterMeet
// ClusterForget ClusterReplicate ClusterResetSoft ClusterResetHard
// ClusterDelSlots[Range] ClusterAddSlots[Range] ClusterSaveConfig
// ClusterFailover.
//
// Every CLUSTER command is keyless (a slot number is not a key): on the
// cluster router it goes to the one node keyless commands go to, so
// CLUSTER COUNTKEYSINSLOT and GETKEYSINSLOT answer for that node's slots
// only. READONLY and READWRITE are not here: they set the state of the
// connection they run on.

import (
	"fmt"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Result types of the cluster commands; see package domain.
type (
	// ClusterSlot is one CLUSTER SLOTS range and its nodes.
	ClusterSlot = domain.ClusterSlot
	// ClusterNode is one node of a ClusterSlot.
	ClusterNode = domain.ClusterNode
	// ClusterShard is one CLUSTER SHARDS shard.
	ClusterShard = domain.ClusterShard
	// SlotRange is a range of slots of a ClusterShard.
	SlotRange = domain.SlotRange
	// Node is one node of a ClusterShard.
	Node = domain.ClusterShardNode
	// ClusterLink is one CLUSTER LINKS link.
	ClusterLink = domain.ClusterLink
)

func queueCluster[T any](p *Pipeline, decode func(ports.Reply) (T, error), args ...string) *Future[T] {
	return queueBuilt(p, decode, domain.NewBuilder(false, nil, "CLUSTER").Str(args...))
}

// ClusterMyShardID queues CLUSTER MYSHARDID (Redis 7.2+): the node's shard id.
func (p *Pipeline) ClusterMyShardID() *Future[string] {
	return queueCluster(p, domain.String, "MYSHARDID")
}

// ClusterMyID queues CLUSTER MYID: the node's id.
func (p *Pipeline) ClusterMyID() *Future[string] { return queueCluster(p, domain.String, "MYID") }

// ClusterSlots queues CLUSTER SLOTS: the slot ranges and their nodes.
func (p *Pipeline) ClusterSlots() *Future[[]ClusterSlot] {
	return queueCluster(p, domain.ClusterSlots, "SLOTS")
}

// ClusterShards queues CLUSTER SHARDS (Redis 7.0+): the shards, their slots and nodes.
func (p *Pipeline) ClusterShards() *Future[[]ClusterShard] {
	return queueCluster(p, domain.ClusterShards, "SHARDS")
}

// ClusterLinks queues CLUSTER LINKS (Redis 7.0+): the node's links to its peers.
func (p *Pipeline) ClusterLinks() *Future[[]ClusterLink] {
	return queueCluster(p, domain.ClusterLinks, "LINKS")
}

// ClusterNodes queues CLUSTER NODES: one line per node, as the node sees them.
func (p *Pipeline) ClusterNodes() *Future[string] { return queueCluster(p, domain.String, "NODES") }

// ClusterInfo queues CLUSTER INFO: name:value lines (cluster_state, ...).
func (p *Pipeline) ClusterInfo() *Future[string] { return queueCluster(p, domain.String, "INFO") }

// ClusterKeySlot queues CLUSTER KEYSLOT key: the key's hash slot.
func (p *Pipeline) ClusterKeySlot(key string) *Future[int64] {
	return queueCluster(p, domain.Int64, "KEYSLOT", key)
}

// ClusterGetKeysInSlot queues CLUSTER GETKEYSINSLOT slot count: up to count
// keys of the slot held by the node that answers.
func (p *Pipeline) ClusterGetKeysInSlot(slot int, count int) *Future[[]string] {
	return queueCluster(p, domain.Strings, "GETKEYSINSLOT", itoa(int64(slot)), itoa(int64(count)))
}

// ClusterCountFailureReports queues CLUSTER COUNT-FAILURE-REPORTS node-id.
func (p *Pipeline) ClusterCountFailureReports(nodeID string) *Future[int64] {
	return queueCluster(p, domain.Int64, "COUNT-FAILURE-REPORTS", nodeID)
}

// ClusterCountKeysInSlot queues CLUSTER COUNTKEYSINSLOT slot: the keys of
// the slot held by the node that answers.
func (p *Pipeline) ClusterCountKeysInSlot(slot int) *Future[int64] {
	return queueCluster(p, domain.Int64, "COUNTKEYSINSLOT", itoa(int64(slot)))
}

// ClusterSlaves queues CLUSTER SLAVES node-id: a CLUSTER NODES line per
// replica of the master.
func (p *Pipeline) ClusterSlaves(nodeID string) *Future[[]string] {
	return queueCluster(p, domain.Strings, "SLAVES", nodeID)
}

// ClusterMeet queues CLUSTER MEET host port.
func (p *Pipeline) ClusterMeet(host, port string) *Future[string] {
	return queueCluster(p, domain.Status, "MEET", host, port)
}

// ClusterForget queues CLUSTER FORGET node-id.
func (p *Pipeline) ClusterForget(nodeID string) *Future[string] {
	return queueCluster(p, domain.Status, "FORGET", nodeID)
}

// ClusterReplicate queues CLUSTER REPLICATE node-id.
func (p *Pipeline) ClusterReplicate(nodeID string) *Future[string] {
	return queueCluster(p, domain.Status, "REPLICATE", nodeID)
}

// ClusterResetSoft queues CLUSTER RESET SOFT.
func (p *Pipeline) ClusterResetSoft() *Future[string] {
	return queueCluster(p, domain.Status, "RESET", "SOFT")
}

// ClusterResetHard queues CLUSTER RESET HARD.
func (p *Pipeline) ClusterResetHard() *Future[string] {
	return queueCluster(p, domain.Status, "RESET", "HARD")
}

// ClusterSaveConfig queues CLUSTER SAVECONFIG.
func (p *Pipeline) ClusterSaveConfig() *Future[string] {
	return queueCluster(p, domain.Status, "SAVECONFIG")
}

// ClusterFailover queues CLUSTER FAILOVER (sent to a replica).
func (p *Pipeline) ClusterFailover() *Future[string] {
	return queueCluster(p, domain.Status, "FAILOVER")
}

// ClusterDelSlots queues CLUSTER DELSLOTS slot ...
func (p *Pipeline) ClusterDelSlots(slots ...int) *Future[string] {
	return queueCluster(p, domain.Status, slotArgs("DELSLOTS", slots)...)
}

// ClusterDelSlotsRange queues CLUSTER DELSLOTS min ... max, every slot of
// the range named, as go-redis sends it (servers before 7.0 have no
// DELSLOTSRANGE). An empty range (min > max) or one beyond the slots 0 to
// 16383 is refused with ErrInvalidValue, nothing sent.
func (p *Pipeline) ClusterDelSlotsRange(min, max int) *Future[string] {
	if err := checkSlotRange(min, max); err != "" {
		return refuse[string](p, "CLUSTER", "CLUSTER DELSLOTS "+err)
	}
	return p.ClusterDelSlots(slotRange(min, max)...)
}

// ClusterAddSlots queues CLUSTER ADDSLOTS slot ...
func (p *Pipeline) ClusterAddSlots(slots ...int) *Future[string] {
	return queueCluster(p, domain.Status, slotArgs("ADDSLOTS", slots)...)
}

// ClusterAddSlotsRange queues CLUSTER ADDSLOTS min ... max (see
// ClusterDelSlotsRange).
func (p *Pipeline) ClusterAddSlotsRange(min, max int) *Future[string] {
	if err := checkSlotRange(min, max); err != "" {
		return refuse[string](p, "CLUSTER", "CLUSTER ADDSLOTS "+err)
	}
	return p.ClusterAddSlots(slotRange(min, max)...)
}

// checkSlotRange says what is wrong with the range min-max, "" if nothing:
// a range is spelt out slot by slot, so one beyond the cluster's slots
// would be refused by the server after costing its whole length.
func checkSlotRange(min, max int) string {
	switch {
	case min > max:
		return fmt.Sprintf("range %d-%d is empty", min, max)
	case min < 0 || max >= domain.SlotCount:
		return fmt.Sprintf("range %d-%d is not within the slots 0-%d", min, max, domain.SlotCount-1)
	}
	return ""
}

func slotArgs(sub string, slots []int) []string {
	args := make([]string, 1, 1+len(slots))
	args[0] = sub
	for _, s := range slots {
		args = append(args, itoa(int64(s)))
	}
	return args
}

func slotRange(min, max int) []int {
	slots := make([]int, 0, max-min+1)
	for s := min; s <= max; s++ {
		slots = append(slots, s)
	}
	return slots
}
