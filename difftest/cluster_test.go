//lint:file-ignore SA1019 the differential test calls deprecated methods on purpose: go-redis still has them, so redpipe does, and both must agree

package difftest

import (
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// TestDifferentialCluster runs the CLUSTER commands' cases over every
// configuration, on a pair of servers of its own: single-node clusters
// (the default pair is not cluster-enabled), each serving all 16384 slots
// after CLUSTER ADDSLOTSRANGE, so keyed commands and the slot counts work.
// cluster-require-full-coverage is off: a case deletes slots and adds them
// back, and the node must keep answering in between.
func TestDifferentialCluster(t *testing.T) {
	var pair servers
	for i, addr := range []*string{&pair.oracle, &pair.subject} {
		srv, err := redistest.StartServer(ctx, redistest.WithArgs(
			"--cluster-enabled", "yes",
			// Relative to the server's own dir (StartServer makes one per
			// server), so the two never share a nodes file.
			"--cluster-config-file", "nodes.conf",
			// The bus port is port+10000 by default, which a port above
			// 55535 has no room for: take a free one.
			"--cluster-port", strconv.Itoa(freePort(t)),
			"--cluster-require-full-coverage", "no",
			// A node whose slots were all reset counts as a minority and
			// waits the node timeout (at most 5 s) before its state is ok
			// again once it has slots: keep that short.
			"--cluster-node-timeout", "500",
			// An announced ip and hostname, the same on both nodes, give
			// CLUSTER SLOTS its networking metadata and CLUSTER SHARDS its
			// ip, endpoint and hostname fields: more to decode.
			"--cluster-announce-ip", "127.0.0.1",
			"--cluster-announce-hostname", "dt-node",
		))
		if err != nil {
			t.Fatalf("starting cluster-enabled redis-server %d: %v", i, err)
		}
		*addr = srv.Addr
		raw(t, srv.Addr, "CLUSTER", "ADDSLOTSRANGE", "0", "16383")
	}
	waitClusterOK(t, pair)
	cases := func() []tcase { return clusterCases(pair) }
	n := runConfigs(t, pair, cases, func(t *testing.T) {
		flush(t, pair)
		// The last case resets the nodes and gives them their slots
		// back: the next configuration waits for the state to be ok.
		waitClusterOK(t, pair)
	})
	t.Logf("%d cluster cases (%d skipped over all configurations), %d calls over %d configurations: %d unexpected differences, %d expected ones",
		len(cases()), n.skipped, n.calls, n.ran, n.diffs, n.kept)
}

// waitClusterOK waits until both nodes see their cluster as up: a node
// takes a moment after ADDSLOTS (clusterCron) to go from fail to ok, and a
// keyed command before that gets CLUSTERDOWN.
func waitClusterOK(t *testing.T, s servers) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for _, addr := range []string{s.oracle, s.subject} {
		for {
			info, _ := raw(t, addr, "CLUSTER", "INFO").(string)
			if strings.Contains(info, "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: cluster state not ok after 10 s:\n%s", addr, info)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// freePort is a loopback port nothing listens on just now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

var (
	nodeIDRe = regexp.MustCompile(`\b[0-9a-f]{40}\b`)
	portRe   = regexp.MustCompile(`:\d+(@\d+)?\b`)
)

// nodeIdentity is a norm for replies that name the node: its id (40 hex
// digits, random per node), its address and ports (the two servers listen
// on different ones) and, in CLUSTER NODES, its ping-sent / pong-received
// milliseconds become placeholders; nothing else changes. The two servers
// are different nodes, so those values cannot match, but everything that
// tells a decoding from another still compares exactly: the number and
// order of slot ranges and nodes, the range bounds, the role, health,
// flags, epoch, link state and replication offset, the field names of
// each struct, and that an id or address is present at all where the
// server gave one (an id decoded into the wrong field, or a port read as
// the id, leaves a placeholder in the wrong place, which differs).
func nodeIdentity(v any) any {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, " myself") || strings.Contains(x, " master ") || strings.Contains(x, ",master ") {
			return nodesText(x)
		}
		return portRe.ReplaceAllString(nodeIDRe.ReplaceAllString(x, "<node-id>"), ":<port>")
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if (k == "Port" || k == "TLSPort") && e != int64(0) {
				out[k] = "<port>"
				continue
			}
			out[k] = nodeIdentity(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = nodeIdentity(e)
		}
		return out
	}
	return v
}

// nodesText is nodeIdentity for CLUSTER NODES's text: per line, the id,
// ports of the address (the announced ip and hostname stay) and the
// ping/pong milliseconds (fields 1, 2, 5, 6) go.
func nodesText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) < 8 {
			continue
		}
		f[0], f[1], f[4], f[5] = "<node-id>", portRe.ReplaceAllString(f[1], ":<port>"), "<ms>", "<ms>"
		lines[i] = strings.Join(f, " ")
	}
	return strings.Join(lines, "\n")
}

// unknownNode is a well-formed node id no node has: the commands that need
// a second node compare the server's identical "Unknown node" error.
const unknownNode = "0123456789abcdef0123456789abcdef01234567"

// clusterCases are TestDifferentialCluster's: not a family, since the
// default servers have cluster support disabled. pair is where the node's
// own id is read from, for the calls that name it: each half asks its own
// server (the two ids differ), when the call is made.
func clusterCases(pair servers) []tcase {
	var slot int64 // the case key's slot, read by the oracle half first
	myID := func(addr string) string {
		v, _ := redistest.Do(ctx, addr, "CLUSTER", "MYID")
		id, _ := v.(string)
		return id
	}
	nodes := func(o func(r *redis.Client, k K) (any, error), q func(p *redpipe.Pipeline, k K) func() (any, error)) call {
		return call{oracle: o, queue: q, norm: nodeIdentity}
	}
	return []tcase{
		{name: "ClusterInfo", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterInfo(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterInfo()) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterMyID(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterMyID()) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterNodes(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterNodes()) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterSlots(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterSlots()) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterShards(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterShards()) }),
			// A single node has no links: an empty list on both sides.
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterLinks(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterLinks()) }),
		}},
		{name: "ClusterMyShardID", needs: []string{"cluster|myshardid"}, calls: []call{
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterMyShardID(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterMyShardID()) }),
		}},
		{name: "ClusterKeySlot", arrange: [][]string{args("SET", "@a", "1"), args("SET", "@b", "2"), args("SET", "dt:other", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				v, err := r.ClusterKeySlot(ctx, k("a")).Result()
				slot = v
				return v, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterKeySlot(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterKeySlot(ctx, "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterKeySlot("")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterCountKeysInSlot(ctx, int(slot)).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterCountKeysInSlot(int(slot))) }),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ClusterGetKeysInSlot(ctx, int(slot), 10).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterGetKeysInSlot(int(slot), 10)) }, norm: sorted},
			// Which of the slot's two keys comes first is the server's hash
			// order, seeded per process (Valkey 8 shows it): one key of the
			// case's, named in full, is what must match.
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ClusterGetKeysInSlot(ctx, int(slot), 1).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterGetKeysInSlot(int(slot), 1)) },
				norm:  oneKeyOf("dt:{ClusterKeySlot}:a", "dt:{ClusterKeySlot}:b")},
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterCountKeysInSlot(ctx, 16384).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterCountKeysInSlot(16384)) }),
		}},
		// The commands about other nodes, with a node id no node has.
		{name: "ClusterForget", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterForget(ctx, unknownNode).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterForget(unknownNode)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterReplicate(ctx, unknownNode).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterReplicate(unknownNode)) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ClusterCountFailureReports(ctx, unknownNode).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ClusterCountFailureReports(unknownNode))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterSlaves(ctx, unknownNode).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterSlaves(unknownNode)) }),
			// The node's own id: no replicas, no failure reports, and it
			// can neither forget nor replicate itself (the server's errors).
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterSlaves(ctx, myID(pair.oracle)).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterSlaves(myID(pair.subject))) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ClusterCountFailureReports(ctx, myID(pair.oracle)).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ClusterCountFailureReports(myID(pair.subject)))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterForget(ctx, myID(pair.oracle)).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterForget(myID(pair.subject))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterReplicate(ctx, myID(pair.oracle)).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterReplicate(myID(pair.subject))) }),
			// A master cannot fail over: the server's error.
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterFailover(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterFailover()) }),
			// A port with no room for its bus port: refused before any
			// handshake starts.
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterMeet(ctx, "127.0.0.1", "99999").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterMeet("127.0.0.1", "99999")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterSaveConfig(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterSaveConfig()) }),
		}},
		// Slots taken away and given back, in this order, so the node
		// serves all 16384 again after the case; CLUSTER SHARDS in between
		// shows the holes.
		{name: "ClusterDelSlots", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterDelSlots(ctx, 5000, 16383).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterDelSlots(5000, 16383)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterDelSlotsRange(ctx, 100, 102).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterDelSlotsRange(100, 102)) }),
			// A slot not assigned any more: the server's error.
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterDelSlots(ctx, 5000).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterDelSlots(5000)) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterShards(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterShards()) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterSlots(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterSlots()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterAddSlots(ctx, 5000, 16383).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterAddSlots(5000, 16383)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterAddSlotsRange(ctx, 100, 102).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterAddSlotsRange(100, 102)) }),
			// Already served: the server's error.
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterAddSlots(ctx, 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterAddSlots(0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterInfo(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterInfo()) }),
		}},
		// RESET refuses a master that holds keys: the other cases' keys go
		// first (FLUSHDB on both servers). Each reset drops the slots, which
		// are added back at once; a hard reset also gives the node a new id
		// (nodeIdentity hides it) and zeroes the epochs.
		{name: "ClusterResetSoft", arrange: [][]string{args("FLUSHDB")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterResetSoft(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterResetSoft()) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterSlots(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterSlots()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterAddSlotsRange(ctx, 0, 16383).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterAddSlotsRange(0, 16383)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterResetHard(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterResetHard()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClusterAddSlotsRange(ctx, 0, 16383).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterAddSlotsRange(0, 16383)) }),
			nodes(func(r *redis.Client, k K) (any, error) { return r.ClusterNodes(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClusterNodes()) }),
		}},
	}
}

// oneKeyOf is a norm for a one-element reply that may be any one of keys:
// it becomes the same placeholder, anything else stays as it is.
func oneKeyOf(keys ...string) func(any) any {
	return func(v any) any {
		if x, ok := v.([]any); ok && len(x) == 1 {
			if k, ok := x[0].(string); ok && slices.Contains(keys, k) {
				return []any{"one of the case's keys"}
			}
		}
		return v
	}
}
