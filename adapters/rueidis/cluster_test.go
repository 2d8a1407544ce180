package rueidis_test

import (
	"testing"
	"time"

	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

const crossSlot = "CROSSSLOT Keys in request don't hash to the same slot"

// TestClusterCrossSlot: rueidis's cluster builder panics on keys of several
// slots. A cross-slot command is routed by its first key instead, and the
// node answers with Redis's CROSSSLOT error; the rest of the batch runs.
func TestClusterCrossSlot(t *testing.T) {
	ctx := testCtx(t)
	cl := sharedCluster(t, ctx)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, cl.Addrs()...))
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := untagged(t)
	a, c := keyOn(t, ctx, cl, p, masters[0]), keyOn(t, ctx, cl, p, masters[2])
	out := execAll(ctx, b,
		command("SET", a, "1"),
		command("MGET", a, c),
		command("EVAL", "return 1", "2", a, c),
		command("DEL", c, a),
		command("SET", c, "3"),
		command("GET", a),
		command("GET", c),
	)
	wantReply(t, "SET a", out[0], ports.StatusReply("OK"))
	wantRedisError(t, "MGET across nodes", out[1], crossSlot, ports.ErrCrossSlot)
	wantRedisError(t, "EVAL across nodes", out[2], crossSlot, ports.ErrCrossSlot)
	wantRedisError(t, "DEL across nodes", out[3], crossSlot, ports.ErrCrossSlot)
	wantReply(t, "SET c", out[4], ports.StatusReply("OK"))
	wantReply(t, "GET a", out[5], bulk("1"))
	wantReply(t, "GET c", out[6], bulk("3"))
}

// TestClusterKeyPlacement: the key rueidis routes by need not be the first
// argument, and keys need not be contiguous; the arguments still reach
// Redis exactly in order, on the node that serves the key.
func TestClusterKeyPlacement(t *testing.T) {
	ctx := testCtx(t)
	cl := sharedCluster(t, ctx)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, cl.Addrs()...))
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range masters {
		k := keyOn(t, ctx, cl, untagged(t), m)
		k1, k2 := "{"+k+"}:1", "{"+k+"}:2"
		out := execAll(ctx, b,
			command("SET", k, "12345"),
			command("OBJECT", "ENCODING", k),
			command("EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2]}", "2", k1, k2, "x", "y"),
			command("ZADD", k1, "1", "m"),
			command("ZUNIONSTORE", k2, "1", k1, "WEIGHTS", "2"),
			command("ZSCORE", k2, "m"),
		)
		wantReply(t, "SET on "+m, out[0], ports.StatusReply("OK"))
		wantReply(t, "OBJECT ENCODING on "+m, out[1], bulk("int"))
		wantReply(t, "EVAL on "+m, out[2], ports.ArrayReply(bulks(k1, k2, "x", "y")))
		wantReply(t, "ZADD on "+m, out[3], ports.IntReply(1))
		wantReply(t, "ZUNIONSTORE on "+m, out[4], ports.IntReply(1))
		wantReply(t, "ZSCORE on "+m, out[5], ports.DoubleReply(2))
	}
}

// TestClusterKeylessCommands: rueidis's DoMulti panics on a batch mixing
// keyless commands with keys of several slots. Keyless commands ride with
// the keyed command before them (or the first one), so such a batch runs.
func TestClusterKeylessCommands(t *testing.T) {
	ctx := testCtx(t)
	cl := sharedCluster(t, ctx)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, cl.Addrs()...))
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := untagged(t)
	a, c := keyOn(t, ctx, cl, p, masters[0]), keyOn(t, ctx, cl, p, masters[1])
	myID := func(addr string) string {
		id, _ := raw(t, ctx, addr, "CLUSTER", "MYID").(string)
		return id
	}
	out := execAll(ctx, b,
		command("CLUSTER", "MYID"),
		command("SET", a, "1"),
		command("CLUSTER", "MYID"),
		command("ECHO", "x"),
		command("SET", c, "2"),
		command("CLUSTER", "MYID"),
		command("PING"),
	)
	wantReply(t, "MYID before any key", out[0], bulk(myID(masters[0])))
	wantReply(t, "SET a", out[1], ports.StatusReply("OK"))
	wantReply(t, "MYID after a", out[2], bulk(myID(masters[0])))
	wantReply(t, "ECHO", out[3], bulk("x"))
	wantReply(t, "SET c", out[4], ports.StatusReply("OK"))
	wantReply(t, "MYID after c", out[5], bulk(myID(masters[1])))
	wantReply(t, "PING", out[6], ports.StatusReply("PONG"))

	out = execAll(ctx, b, command("PING"), command("ECHO", "only keyless"))
	wantReply(t, "PING", out[0], ports.StatusReply("PONG"))
	wantReply(t, "ECHO", out[1], bulk("only keyless"))
}

// TestClusterTransactions: MULTI, EXEC and the keyless commands between
// them stay on the node of the transaction's keys, whether the batch's
// other keys are in the same slot or not.
func TestClusterTransactions(t *testing.T) {
	ctx := testCtx(t)
	cl := sharedCluster(t, ctx)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, cl.Addrs()...))
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := untagged(t)
	a, x, c := keyOn(t, ctx, cl, p, masters[0]), keyOn(t, ctx, cl, p, masters[2]), keyOn(t, ctx, cl, p, masters[1])
	tx := []ports.Reply{ports.StatusReply("OK"), ports.StatusReply("PONG"), ports.IntReply(2)}

	out := execAll(ctx, b, command("MULTI"), command("SET", x, "1"), command("PING"), command("INCR", x), command("EXEC"))
	wantReply(t, "EXEC, one slot", out[4], ports.ArrayReply(tx))

	out = execAll(ctx, b,
		command("GET", a),
		command("MULTI"), command("PING"), command("SET", x, "1"), command("PING"), command("INCR", x), command("EXEC"),
		command("PING"),
		command("GET", c),
	)
	wantReply(t, "GET a", out[0], ports.NilReply())
	for i, want := range []string{"OK", "QUEUED", "QUEUED", "QUEUED", "QUEUED"} {
		wantReply(t, "queued", out[1+i], ports.StatusReply(want))
	}
	wantReply(t, "EXEC among other slots", out[6], ports.ArrayReply(append([]ports.Reply{ports.StatusReply("PONG")}, tx...)))
	wantReply(t, "PING", out[7], ports.StatusReply("PONG"))
	wantReply(t, "GET c", out[8], ports.NilReply())

	// The same batch with its block named by the caller (ports.BlockExecer):
	// the block redpipe gives is the one used, no scan of its own.
	cmds := []ports.Command{
		command("GET", a),
		command("MULTI"), command("PING"), command("SET", x, "1"), command("PING"), command("INCR", x), command("EXEC"),
		command("GET", c),
	}
	out = make([]ports.Result, len(cmds))
	b.(ports.BlockExecer).ExecBlocks(ctx, cmds, []ports.Block{{Start: 1, End: 7}}, out)
	wantReply(t, "ExecBlocks: EXEC among other slots", out[6], ports.ArrayReply(append([]ports.Reply{ports.StatusReply("PONG")}, tx...)))
	wantReply(t, "ExecBlocks: GET c", out[7], ports.NilReply())
	if !ports.HonoursContext(b) {
		t.Error("HonoursContext = false for a rueidis cluster backend")
	}
}

// TestClusterReadsOnReplicas: read-only commands are marked so, and go to
// a replica when the application's SendToReplicas asks for it; writes never do.
func TestClusterReadsOnReplicas(t *testing.T) {
	ctx := testCtx(t)
	cl := sharedCluster(t, ctx)
	// rueidis learns the replicas from CLUSTER SLOTS once, when the client
	// starts; right after the cluster was made, gossip may not have told
	// every node about every replica yet.
	waitFor(t, 10*time.Second, "every node listing a replica for every slot range", func() bool {
		for _, n := range cl.Nodes {
			v, err := redistest.Do(ctx, n.Addr, "CLUSTER", "SLOTS")
			ranges, _ := v.([]any)
			if err != nil || len(ranges) == 0 {
				return false
			}
			for _, r := range ranges {
				if r, _ := r.([]any); len(r) < 4 {
					return false
				}
			}
		}
		return true
	})
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Seeds are masters only: rueidis keeps the connection it dialled to a
	// seed (cluster.go init), without READONLY, and a replica seed would
	// answer reads with MOVED.
	c := newClient(t, false, rueidis.ClientOption{
		SendToReplicas: func(cmd rueidis.Completed) bool { return cmd.IsReadOnly() },
	}, masters...)
	b := rueidisadapter.NewBackend(c)
	k := prefix(t) + "h"
	master := ownerOf(t, ctx, cl, k)
	replica, err := cl.ReplicaOf(ctx, master)
	if err != nil {
		t.Fatal(err)
	}
	calls := func(addr, name string) int64 { return cmdCalls(t, ctx, addr, name) }
	wBefore, rBefore, mBefore := calls(replica, "hset"), calls(replica, "hstrlen"), calls(master, "hstrlen")
	mSetBefore := calls(master, "hset")
	out := execAll(ctx, b, command("HSET", k, "f", "v"), command("HSTRLEN", k, "f"))
	wantReply(t, "HSET", out[0], ports.IntReply(1))
	if out[1].Err != nil {
		t.Errorf("HSTRLEN: %v", out[1].Err)
	}
	if got := calls(replica, "hstrlen") - rBefore; got != 1 {
		t.Errorf("the replica ran HSTRLEN %d times, want 1", got)
	}
	if got := calls(master, "hstrlen") - mBefore; got != 0 {
		t.Errorf("the master ran HSTRLEN %d times, want 0", got)
	}
	if got := calls(master, "hset") - mSetBefore; got != 1 {
		t.Errorf("the master ran HSET %d times, want 1", got)
	}
	// The replica runs the HSET too, replicated from its master; what it
	// must not have is a second one of ours.
	waitFor(t, 5*time.Second, "the HSET replicated", func() bool { return calls(replica, "hset")-wBefore == 1 })
}
