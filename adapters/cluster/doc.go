// Package cluster is a slot-aware Redis Cluster router: a ports.Backend
// built from one backend per cluster node, from any adapter. It gives
// cluster pipelines to drivers that have none (redigo) and one routing
// policy to all of them.
//
// Each node gets its own standalone backend, made by Options.NewNode the
// first time the router learns the node's address:
//
//	// go-redis: one *redis.Client per node (not a ClusterClient: the router routes)
//	r, err := cluster.New(ctx, cluster.Options{
//		Addrs: []string{"10.0.0.1:6379", "10.0.0.2:6379"},
//		NewNode: func(addr string) (ports.Backend, error) {
//			return goredis.NewBackend(redis.NewClient(&redis.Options{Addr: addr})), nil
//		},
//	})
//
//	// redigo: one *redis.Pool per node
//	NewNode: func(addr string) (ports.Backend, error) {
//		return redigo.NewBackend(&redis.Pool{Dial: func() (redis.Conn, error) {
//			return redis.Dial("tcp", addr)
//		}}), nil
//	},
//
// then c.Connect(redpipe.DefaultConn, r). Router.Close stops the background
// refresh and closes the node backends that implement io.Closer; adapters
// that reuse an application's client (goredis, redigo) do not, so the
// application closes the clients or pools NewNode made, after the router.
//
// # Topology
//
// The slot map comes from CLUSTER SHARDS (CLUSTER SLOTS before Redis 7;
// CLUSTER NODES when Redis 7.0 reports replicas as slotless masters in
// CLUSTER SHARDS, a bug fixed in 7.2), asked of the known nodes, masters
// first in random order, then the seeds, until one answers within
// RefreshTimeout. It is reloaded every RefreshInterval, and after
// CLUSTERDOWN, MASTERDOWN, connection failures and MOVED. Concurrent
// reloads are one: callers join the load under way, and errors start a new
// one at most every MinRefreshGap. A MOVED reply also updates its slot at
// once, without waiting for the reload.
//
// # Routing
//
// A batch is grouped by the node serving each command's slot (hash tags
// honoured) and each node's commands go out as one Exec of its backend, all
// nodes in parallel; the replies come back in the caller's order. Commands
// without a key go to the master serving slot 0. A MULTI ... EXEC (or
// DISCARD) block is routed as one unit, back to back on one connection, to
// the node of its keys. With ReadFromReplicas, read-only commands go to a
// random online replica of their shard, in a batch that starts with
// READONLY (its reply is dropped; it costs no round trip); writes and
// transactions always go to masters.
//
// # Multi-key commands
//
// MGET, MSET, DEL, UNLINK, EXISTS and TOUCH whose keys are in several slots
// are split into one command per slot and their replies merged: MGET's
// values in the caller's key order, the counts of DEL, UNLINK, EXISTS and
// TOUCH added, MSET's OK only if every part said OK. Any part's error is
// the command's error. The parts run on several nodes, so a split command
// is not atomic: an MSET can be half applied when a part fails.
//
// Every other command whose keys span slots, and every MULTI/EXEC block
// whose keys do, fails with an error wrapping domain.ErrCrossSlot (the
// root's redpipe.ErrCrossSlot) before anything of it is sent; the rest of
// the batch still runs.
//
// # Redirections and retries
//
// Only the commands concerned are resent, in their original order:
//
//	reply                                 action
//	MOVED slot addr                       slot -> addr in the map, background reload, resend to addr
//	ASK slot addr                         resend to addr behind ASKING; the map is unchanged
//	TRYAGAIN, LOADING                     resend to the slot's owner after a backoff
//	CLUSTERDOWN, MASTERDOWN               reload the map, resend after a backoff
//	transport error, not written          reload the map, resend after a backoff (to the master, if it was a replica)
//	transport error, maybe written        resend only if read-only; a write gets the *ports.TransportError (MaybeWritten true)
//	anything else, ctx's error included   the outcome stands
//
// MOVED and ASK are followed at most MaxRedirects times per command (default
// 5), the others at most MaxRetries times (default 10), with a backoff from
// MinRetryBackoff doubling up to MaxRetryBackoff (10 ms to 500 ms: about
// 2.6 s in all). When a limit or ctx's deadline is reached the last reply
// is the command's outcome, so a write is never sent twice: every reply
// above that leads to a resend is one Redis gives instead of running the
// command. A transaction is resent only when none of it ran (EXEC answered
// EXECABORT because a queued command was redirected, or nothing was
// written); ASK inside one is treated as TRYAGAIN, since ASKING covers one
// command, not a MULTI block.
//
// # Context
//
// Exec returns by ctx's deadline: node backends get ctx, and a node batch
// still running 20 ms after ctx ended is abandoned, its commands getting
// ctx's error. A hung node therefore fails only its own commands. The
// router says so (ports.ContextHonouring), so the layer above adds no wait
// of its own; and when every node backend of a round honours ctx itself
// (the go-redis and rueidis adapters do), the router adds none either: a
// batch pays for one goroutine and wait, in the node backend.
//
// # Pinned connections
//
// The router implements ports.Pinner (pin.go): a Pinned binds, at its first
// Exec, to a pinned connection of the node backend of the master serving
// that batch's first key (a keyless first batch is refused), and sends
// everything there. It follows no redirect: WATCH and MULTI state lives on
// that connection, so a key of another node gets Redis's MOVED reply. Node
// backends must implement ports.Pinner themselves (every adapter of this
// module does).
package cluster
