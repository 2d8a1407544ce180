// Package goredis is the redpipe Backend over github.com/redis/go-redis/v9.
//
// It reuses the application's client, a *redis.Client or a
// *redis.ClusterClient: each redpipe batch becomes one go-redis pipeline, so
// one round trip to a standalone server, or one per node of a cluster, with
// go-redis doing the slot routing and following MOVED/ASK. The backend never
// closes the client, adds hooks to it or changes its options; closing it
// stays the application's job.
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	defer rdb.Close()
//
//	c := redpipe.New()
//	if err := c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb)); err != nil {
//		return err
//	}
//	p := c.Pipeline()
//	n := p.Incr("hits")
//	if err := p.Exec(ctx); err != nil {
//		return err
//	}
//	fmt.Println(n.Val())
//
// # Replies
//
// go-redis parses replies into Go values and loses a few RESP distinctions
// on the way: a status and a bulk string both arrive as KindBulk, a RESP3
// set as KindArray, a verbatim string without its format prefix, and a
// RESP3 map's order is lost (its pairs are given sorted by key). RESP2 and
// RESP3 otherwise map to the same kinds wherever the wire has the same
// type; lifting RESP2 shapes to RESP3 ones is the root package's job.
//
// # Context
//
// go-redis applies ctx's deadline to reads and writes only when the client
// has ContextTimeoutEnabled, and never notices a cancellation while it waits
// for replies. Exec stops waiting when ctx ends anyway (every command then
// gets ctx's error); the pipeline left running ends when go-redis's own
// timeouts give up (ReadTimeout; DialTimeout bounds a new connection's
// handshake), and the guards below keep go-redis's retry after such a
// timeout from sending anything twice. This holds on every path — finding a
// transaction's cluster node and binding a pinned connection wait without
// ctx in go-redis too, and run under the same wait — so the backend and its
// pinned connections say they honour ctx (ports.ContextHonouring): a layer
// above adds no goroutine of its own.
//
// # Never sending a write twice
//
// go-redis (checked against v9.23) resends pipelines by itself:
//
//   - *redis.Client: baseClient.generalProcessPipeline retries the WHOLE
//     pipeline, up to Options.MaxRetries (default 3) times, whenever
//     pipelineProcessCmds fails with an error shouldRetry accepts (error.go):
//     io.EOF, io.ErrUnexpectedEOF, any net.Error (a timeout, a reset, a
//     refused dial), a pool timeout, and the Redis errors LOADING, READONLY,
//     MASTERDOWN, CLUSTERDOWN, TRYAGAIN, NOREPLICAS and max-clients when the
//     FIRST command got one (pipelineReadCmds returns cmds[0]'s error). A
//     read that breaks after the write therefore sends every command again,
//     including those already answered: an INCR would run twice.
//   - *redis.ClusterClient: processPipeline loops up to MaxRedirects (default
//     3) times over the commands collected in failedCmds: commands answered
//     MOVED or ASK (checkMovedErr; safe, the node refused them), and, after a
//     retryable write or read error, ALL the commands of that node's batch
//     (mapCmdsByNode(failedCmds, cmds) in processPipelineNodeConn and
//     pipelineReadCmds), already-answered ones included; node batches run on
//     concurrent goroutines.
//
// None of this can be switched off per pipeline without reconfiguring the
// application's client (MaxRetries, MaxRedirects), which redpipe must not
// do. Instead every command's name, its first argument, is given to go-redis
// as a guard (guard.go): a value that go-redis turns back into the name with
// fmt.Sprint (String) wherever it needs the name (Cmder.Name, command-info
// lookups, read-only and slot routing) and serialises through
// encoding.BinaryMarshaler (proto.Writer.WriteArg). Every send of the
// command goes through that one MarshalBinary call, so the guard counts the
// sends and vetoes a resend unless it cannot run the command twice: the
// command was never written (a dial error), it is read-only, or its last
// reply was an error that Redis sends instead of running the command (MOVED,
// ASK, TRYAGAIN, CLUSTERDOWN, LOADING, READONLY, MASTERDOWN), once per such
// reply. A veto is an error from MarshalBinary: proto.Writer.WriteArgs stops
// there, pool.Conn.WithWriter returns before Flush, so nothing of that
// attempt is sent, and the connection is discarded. With a standalone client
// the first command's guard decides for the whole resend, so a resend is
// either entirely allowed or not written at all.
//
// The outcome of each command is then read from what go-redis left in it
// (outcome.go): a reply read before the failure keeps its value; a command
// whose reply never came is a *ports.TransportError with MaybeWritten true;
// one never written (a dead address) has MaybeWritten false.
//
// # Pinned connections
//
// The backend implements ports.Pinner (pin.go) with Client.Conn: every Exec
// of the Pinned goes over that one connection, which go-redis takes from the
// pool at the first Exec and never replaces: once a network error broke it,
// later Execs fail (a WATCH or MULTI would silently be lost on a new one).
// Release gives it back to the pool, after the last pipeline still running
// on it returned. A ClusterClient has no Conn: its Pinned binds, at its
// first Exec, to the master owning that batch's first key
// (ClusterClient.MasterForKey), and a batch without a key is refused.
//
// # Known limits
//
//   - A ClusterClient can put one command in two node batches of the same
//     attempt (a MOVED reply, then a broken connection later in the same
//     node batch). The guard lets only one of the two sends through, but
//     go-redis itself then sets that command's result from two goroutines.
//   - go-redis's hashtag.Slot("") returns a random slot, so a ClusterClient
//     would send a command whose first key is "" to a random node, and after
//     MOVED run it after the commands queued behind it. The adapter gives
//     go-redis a stand-in for that key which routes to slot 0 and is sent as
//     "" (emptykey.go).
//   - go-redis v9's proto.Reader.readSlice keeps only untyped error elements
//     inside an array; a typed one (an element "OOM ...", "LOADING ...",
//     "NOREPLICAS ...", ... as a Lua script or EXEC can return) aborts the
//     read of that array mid-way, the command gets that error, and go-redis
//     reads the rest of the array as the next commands' replies. The adapter
//     cannot see this from outside (TestKnownGoRedisNestedTypedError).
package goredis
