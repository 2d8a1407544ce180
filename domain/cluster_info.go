package domain

import (
	"fmt"
	"net"

	"github.com/redpipe-go/redpipe/ports"
)

// Results of the cluster introspection commands: CLUSTER SLOTS, CLUSTER
// SHARDS and CLUSTER LINKS, as go-redis's types.

// ClusterNode is one node serving a CLUSTER SLOTS range.
type ClusterNode struct {
	ID   string
	Addr string // host:port
	// NetworkingMetadata (Redis 7.0+): hostname, ...; empty when none.
	NetworkingMetadata map[string]string
}

// ClusterSlot is one CLUSTER SLOTS range and its nodes, master first.
type ClusterSlot struct {
	Start int
	End   int
	Nodes []ClusterNode
}

// ClusterSlots decodes CLUSTER SLOTS: [[start, end, [ip, port, id?, meta?], ...], ...].
func ClusterSlots(r ports.Reply) ([]ClusterSlot, error) {
	return Slice(r, func(r ports.Reply) (ClusterSlot, error) {
		es, err := elems(r, "a slot range")
		if err != nil {
			return ClusterSlot{}, err
		}
		if len(es) < 2 {
			return ClusterSlot{}, fmt.Errorf("%w: slot range of %d elements, want at least 2", ErrUnexpectedReply, len(es))
		}
		start, err := Int64(es[0])
		if err != nil {
			return ClusterSlot{}, err
		}
		end, err := Int64(es[1])
		if err != nil {
			return ClusterSlot{}, err
		}
		s := ClusterSlot{Start: int(start), End: int(end), Nodes: make([]ClusterNode, len(es)-2)}
		for i, n := range es[2:] {
			if s.Nodes[i], err = clusterSlotNode(n); err != nil {
				return ClusterSlot{}, err
			}
		}
		return s, nil
	})
}

func clusterSlotNode(r ports.Reply) (ClusterNode, error) {
	es, err := elems(r, "a slot range's node")
	if err != nil {
		return ClusterNode{}, err
	}
	if len(es) < 2 {
		return ClusterNode{}, fmt.Errorf("%w: slot range node of %d elements, want at least 2", ErrUnexpectedReply, len(es))
	}
	ip, err := String(es[0])
	if err != nil {
		return ClusterNode{}, err
	}
	port, err := String(es[1])
	if err != nil {
		return ClusterNode{}, err
	}
	n := ClusterNode{Addr: net.JoinHostPort(ip, port)}
	if len(es) > 2 {
		if n.ID, err = String(es[2]); err != nil {
			return ClusterNode{}, err
		}
	}
	if len(es) > 3 {
		if n.NetworkingMetadata, err = StringMap(es[3]); err != nil {
			return ClusterNode{}, err
		}
	}
	return n, nil
}

// SlotRange is a range of slots, both ends included.
type SlotRange struct {
	Start int64
	End   int64
}

// ClusterShardNode is one node of a CLUSTER SHARDS shard (go-redis's Node,
// which package redpipe calls it).
type ClusterShardNode struct {
	ID                string
	Endpoint          string
	IP                string
	Hostname          string
	Port              int64
	TLSPort           int64
	Role              string // "master" or "replica"
	ReplicationOffset int64
	Health            string // "online", "failed", "loading"
}

// ClusterShard is one CLUSTER SHARDS shard: its slots and its nodes.
type ClusterShard struct {
	Slots []SlotRange
	Nodes []ClusterShardNode
}

// ClusterShards decodes CLUSTER SHARDS: one map (RESP3) or flat array
// (RESP2) per shard, {slots: [start, end, ...], nodes: [{...}, ...]}.
func ClusterShards(r ports.Reply) ([]ClusterShard, error) { return Slice(r, clusterShard) }

func clusterShard(r ports.Reply) (ClusterShard, error) {
	kvs, err := fieldPairs(r, "a shard")
	if err != nil {
		return ClusterShard{}, err
	}
	var sh ClusterShard
	for i := 0; i < len(kvs); i += 2 {
		name, err := String(kvs[i])
		if err != nil {
			return ClusterShard{}, err
		}
		switch name {
		case "slots":
			bounds, err := Int64s(kvs[i+1])
			if err != nil {
				return ClusterShard{}, err
			}
			if len(bounds)%2 != 0 {
				return ClusterShard{}, fmt.Errorf("%w: shard slots of %d bounds, not pairs", ErrUnexpectedReply, len(bounds))
			}
			for j := 0; j < len(bounds); j += 2 {
				sh.Slots = append(sh.Slots, SlotRange{Start: bounds[j], End: bounds[j+1]})
			}
		case "nodes":
			if sh.Nodes, err = Slice(kvs[i+1], shardNode); err != nil {
				return ClusterShard{}, err
			}
		}
	}
	return sh, nil
}

func shardNode(r ports.Reply) (ClusterShardNode, error) {
	kvs, err := fieldPairs(r, "a shard's node")
	if err != nil {
		return ClusterShardNode{}, err
	}
	var n ClusterShardNode
	for i := 0; i < len(kvs); i += 2 {
		name, err := String(kvs[i])
		if err != nil {
			return ClusterShardNode{}, err
		}
		v := kvs[i+1]
		switch name {
		case "id":
			n.ID, err = String(v)
		case "endpoint":
			n.Endpoint, err = String(v)
		case "ip":
			n.IP, err = String(v)
		case "hostname":
			n.Hostname, err = String(v)
		case "port":
			n.Port, err = Int64(v)
		case "tls-port":
			n.TLSPort, err = Int64(v)
		case "role":
			n.Role, err = String(v)
		case "replication-offset":
			n.ReplicationOffset, err = Int64(v)
		case "health":
			n.Health, err = String(v)
		}
		if err != nil {
			return ClusterShardNode{}, err
		}
	}
	return n, nil
}

// ClusterLink is one CLUSTER LINKS link of the node to a peer.
type ClusterLink struct {
	Direction           string // "to" (opened by this node) or "from"
	Node                string // the peer's ID
	CreateTime          int64  // milliseconds since the epoch
	Events              string
	SendBufferAllocated int64
	SendBufferUsed      int64
}

// ClusterLinks decodes CLUSTER LINKS: one map (RESP3) or flat array (RESP2) per link.
func ClusterLinks(r ports.Reply) ([]ClusterLink, error) {
	return Slice(r, func(r ports.Reply) (ClusterLink, error) {
		kvs, err := fieldPairs(r, "a cluster link")
		if err != nil {
			return ClusterLink{}, err
		}
		var l ClusterLink
		for i := 0; i < len(kvs); i += 2 {
			name, err := String(kvs[i])
			if err != nil {
				return ClusterLink{}, err
			}
			v := kvs[i+1]
			switch name {
			case "direction":
				l.Direction, err = String(v)
			case "node":
				l.Node, err = String(v)
			case "create-time":
				l.CreateTime, err = Int64(v)
			case "events":
				l.Events, err = String(v)
			case "send-buffer-allocated":
				l.SendBufferAllocated, err = Int64(v)
			case "send-buffer-used":
				l.SendBufferUsed, err = Int64(v)
			}
			if err != nil {
				return ClusterLink{}, err
			}
		}
		return l, nil
	})
}
