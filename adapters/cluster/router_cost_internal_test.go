package cluster

import (
	"context"
	"strconv"
	"testing"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// instantNodes are three masters that answer at once: CLUSTER SHARDS with
// the slots in three ranges, anything else OK. They leave only the
// router's own work to measure.
type instantNodes struct{}

func (instantNodes) HonoursContext() bool { return true }

func (instantNodes) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 1 && cmds[0].Name() == "CLUSTER" {
		b := ports.BulkReply
		shard := func(from, to int64, port int64) ports.Reply {
			node := ports.MapReply([]ports.Reply{b("ip"), b("127.0.0.1"), b("port"), ports.IntReply(port), b("role"), b("master"), b("health"), b("online")})
			return ports.MapReply([]ports.Reply{
				b("slots"), ports.ArrayReply([]ports.Reply{ports.IntReply(from), ports.IntReply(to)}),
				b("nodes"), ports.ArrayReply([]ports.Reply{node}),
			})
		}
		out[0] = ports.Result{Reply: ports.ArrayReply([]ports.Reply{shard(0, 5460, 7001), shard(5461, 10922, 7002), shard(10923, 16383, 7003)})}
		return
	}
	for i := range out {
		out[i] = ports.Result{Reply: ports.StatusReply("OK")}
	}
}

// BenchmarkRouterCost: what the router itself costs for a batch of 1000
// commands over 3 masters (BenchmarkCluster's batch), its nodes answering
// at once.
func BenchmarkRouterCost(b *testing.B) {
	r, err := New(context.Background(), Options{
		Addrs:           []string{"127.0.0.1:7001"},
		NewNode:         func(string) (ports.Backend, error) { return instantNodes{}, nil },
		RefreshInterval: -1,
	})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	cmds := make([]ports.Command, 1000)
	for i := range cmds {
		key := "cl:k" + strconv.Itoa(i)
		args := []string{"SET", key, "v"}
		if i%2 == 1 {
			args = []string{"GET", key}
		}
		keys, ro := domain.Describe(args)
		cmds[i] = ports.Command{Args: args, Keys: keys, ReadOnly: ro}
	}
	out := make([]ports.Result, len(cmds))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		r.Exec(ctx, cmds, out)
	}
	if out[0].Err != nil || out[0].Reply.Str != "OK" {
		b.Fatalf("first command: %+v", out[0])
	}
}
