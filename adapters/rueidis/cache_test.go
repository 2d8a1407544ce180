package rueidis_test

import (
	"errors"
	"testing"
	"time"

	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/ports"
)

// TestCachedReadOnAnotherNodeIsMoved: a cached read sent to a cluster node
// that does not serve its key (what redpipe's router does with a slot map
// gone stale) gets that node's MOVED, as an uncached read does, so the
// router follows it; nothing is cached for it.
func TestCachedReadOnAnotherNodeIsMoved(t *testing.T) {
	ctx := testCtx(t)
	cl := sharedCluster(t, ctx)
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	k := keyOn(t, ctx, cl, untagged(t), masters[1])
	// One node, as the router's node backends are: ForceSingleClient keeps
	// rueidis from following the cluster itself.
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{ForceSingleClient: true}, masters[0]))
	if ok, err := ports.CachesReads(ctx, b); !ok || err != nil {
		t.Fatalf("CachesReads = %v, %v; want true: a RESP3 client with its cache on", ok, err)
	}
	for i := range 2 {
		get := command("GET", k)
		get.CacheTTL = time.Minute
		out := execAll(ctx, b, get, command("PING"))
		var re *ports.RedisError
		if !errors.As(out[0].Err, &re) || re.Kind() != ports.ErrMoved {
			t.Fatalf("read %d: cached GET on another node: %v, want MOVED", i, out[0].Err)
		}
		if _, addr, ok := re.Redirect(); !ok || addr != masters[1] {
			t.Fatalf("read %d: MOVED to %q, want %s", i, addr, masters[1])
		}
		wantReply(t, "PING beside it", out[1], ports.StatusReply("PONG"))
	}
}
