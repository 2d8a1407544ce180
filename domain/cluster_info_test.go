package domain

import (
	"errors"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

func TestClusterSlots(t *testing.T) {
	node := func(extra ...ports.Reply) ports.Reply {
		return ports.ArrayReply(append([]ports.Reply{ports.BulkReply("127.0.0.1"), ports.IntReply(7000)}, extra...))
	}
	got, err := ClusterSlots(ports.ArrayReply([]ports.Reply{
		ports.ArrayReply([]ports.Reply{ports.IntReply(0), ports.IntReply(5460),
			node(ports.BulkReply("aaa"), ports.ArrayReply(nil)),
			node(ports.BulkReply("bbb"), ports.MapReply(serverBulks("hostname", "h1"))),
		}),
		ports.ArrayReply([]ports.Reply{ports.IntReply(5461), ports.IntReply(5461), node()}),
	}))
	want := []ClusterSlot{
		{Start: 0, End: 5460, Nodes: []ClusterNode{
			{ID: "aaa", Addr: "127.0.0.1:7000", NetworkingMetadata: map[string]string{}},
			{ID: "bbb", Addr: "127.0.0.1:7000", NetworkingMetadata: map[string]string{"hostname": "h1"}},
		}},
		{Start: 5461, End: 5461, Nodes: []ClusterNode{{Addr: "127.0.0.1:7000"}}},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("CLUSTER SLOTS: %+v, %v", got, err)
	}
	if _, err := ClusterSlots(ports.ArrayReply([]ports.Reply{ports.ArrayReply([]ports.Reply{ports.IntReply(0)})})); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("a range without its end: %v", err)
	}
}

// CLUSTER SHARDS and CLUSTER LINKS decode to the same value from RESP3
// maps and from RESP2's flat arrays.
func TestClusterShardsAndLinksBothProtocols(t *testing.T) {
	nodeFields := []ports.Reply{
		ports.BulkReply("id"), ports.BulkReply("aaa"), ports.BulkReply("port"), ports.IntReply(7000),
		ports.BulkReply("ip"), ports.BulkReply("127.0.0.1"), ports.BulkReply("endpoint"), ports.BulkReply("127.0.0.1"),
		ports.BulkReply("hostname"), ports.BulkReply("h"), ports.BulkReply("tls-port"), ports.IntReply(0),
		ports.BulkReply("role"), ports.BulkReply("master"), ports.BulkReply("replication-offset"), ports.IntReply(42),
		ports.BulkReply("health"), ports.BulkReply("online"), ports.BulkReply("later"), ports.ArrayReply(nil),
	}
	shard := func(agg func([]ports.Reply) ports.Reply) ports.Reply {
		return agg([]ports.Reply{
			ports.BulkReply("slots"), ports.ArrayReply([]ports.Reply{ports.IntReply(0), ports.IntReply(5), ports.IntReply(10), ports.IntReply(10)}),
			ports.BulkReply("nodes"), ports.ArrayReply([]ports.Reply{agg(nodeFields)}),
		})
	}
	want := []ClusterShard{{
		Slots: []SlotRange{{0, 5}, {10, 10}},
		Nodes: []ClusterShardNode{{ID: "aaa", Endpoint: "127.0.0.1", IP: "127.0.0.1", Hostname: "h", Port: 7000,
			Role: "master", ReplicationOffset: 42, Health: "online"}},
	}}
	for name, agg := range map[string]func([]ports.Reply) ports.Reply{"RESP2": ports.ArrayReply, "RESP3": ports.MapReply} {
		got, err := ClusterShards(ports.ArrayReply([]ports.Reply{shard(agg)}))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s CLUSTER SHARDS: %+v, %v", name, got, err)
		}
		links, err := ClusterLinks(ports.ArrayReply([]ports.Reply{agg([]ports.Reply{
			ports.BulkReply("direction"), ports.BulkReply("to"), ports.BulkReply("node"), ports.BulkReply("bbb"),
			ports.BulkReply("create-time"), ports.IntReply(1700000000000), ports.BulkReply("events"), ports.BulkReply("rw"),
			ports.BulkReply("send-buffer-allocated"), ports.IntReply(1024), ports.BulkReply("send-buffer-used"), ports.IntReply(0),
		})}))
		if err != nil || !reflect.DeepEqual(links, []ClusterLink{{Direction: "to", Node: "bbb", CreateTime: 1700000000000, Events: "rw", SendBufferAllocated: 1024}}) {
			t.Errorf("%s CLUSTER LINKS: %+v, %v", name, links, err)
		}
	}
	odd := ports.ArrayReply([]ports.Reply{ports.ArrayReply([]ports.Reply{ports.BulkReply("slots"), ports.ArrayReply([]ports.Reply{ports.IntReply(0)})})})
	if _, err := ClusterShards(odd); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("an odd slot list: %v", err)
	}
	if _, err := ClusterLinks(ports.ArrayReply([]ports.Reply{ports.IntReply(1)})); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("a link that is an integer: %v", err)
	}
}
