package goredis_test

import (
	"strconv"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// TestPinClusterBindsByFirstKey: a cluster Pinned refuses a first batch
// without a key (it could not pick a node), then binds to the node of the
// first key and stays there.
func TestPinClusterBindsByFirstKey(t *testing.T) {
	ctx := testCtx(t)
	cl, err := redistest.SharedCluster(ctx)
	if err != nil {
		t.Fatalf("starting the cluster: %v", err)
	}
	cc := redis.NewClusterClient(&redis.ClusterOptions{Addrs: cl.Addrs()})
	t.Cleanup(func() { _ = cc.Close() })
	pinned, err := goredis.NewBackend(cc).(ports.Pinner).Pin(ctx)
	if err != nil {
		t.Fatalf("Pin: %v", err)
	}
	defer pinned.Release()

	out := execAll(ctx, pinned, command("PING"))
	if out[0].Err == nil || out[0].Err.Error() != "goredis adapter: a pinned cluster connection picks its node by the first key of its first Exec, and this batch has no key" {
		t.Fatalf("keyless first batch: got %v", out[0])
	}

	k := prefix(t) + "k"
	node, err := cc.MasterForKey(ctx, k)
	if err != nil {
		t.Fatalf("MasterForKey: %v", err)
	}
	out = execAll(ctx, pinned, command("SET", k, "v"), command("CLIENT", "ID"))
	wantReply(t, "SET", out[0], ports.BulkReply("OK"))
	id := out[1].Reply.Int
	list := raw(t, ctx, node.Options().Addr, "CLIENT", "LIST", "ID", strconv.FormatInt(id, 10))
	if s, _ := list.(string); s == "" {
		t.Fatalf("CLIENT ID %d of the pinned connection is not a client of %s, the owner of %q", id, node.Options().Addr, k)
	}
	out = execAll(ctx, pinned, command("PING"), command("CLIENT", "ID"))
	wantReply(t, "PING after binding", out[0], ports.BulkReply("PONG"))
	wantReply(t, "CLIENT ID again", out[1], ports.IntReply(id))
}
