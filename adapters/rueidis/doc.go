// Package rueidis is the redpipe Backend over github.com/redis/rueidis.
//
// Its name is rueidis's own, so import it under an alias; this
// documentation writes rueidisadapter:
//
//	import (
//		"github.com/redis/rueidis"
//
//		"github.com/redpipe-go/redpipe"
//		rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
//	)
//
//	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"localhost:6379"}})
//	if err != nil {
//		return err
//	}
//	defer client.Close()
//
//	c := redpipe.New()
//	if err := c.Connect(redpipe.DefaultConn, rueidisadapter.NewBackend(client)); err != nil {
//		return err
//	}
//
// The backend reuses the application's rueidis.Client, standalone, sentinel
// or cluster (rueidis.NewClient decides): each redpipe batch is one DoMulti,
// so one round trip to a standalone server, or one per node of a cluster,
// with rueidis routing by slot and following MOVED/ASK. The backend never
// closes the client or changes its options; closing it stays the
// application's job. It implements ports.Pinner with Client.Dedicate.
//
// # Commands
//
// Each command is built with the client's Builder as
// Arbitrary(args before the key...).Keys(first key).Args(the rest...), so
// the wire arguments are exactly the command's, in order, wherever its key
// is (OBJECT ENCODING key, EVAL script numkeys key ...). rueidis reads the
// keys only to route, and the adapter normalises what it does with them:
//
//   - Only the first key is given to Keys: rueidis's cluster builder panics
//     on keys of different slots (internal/cmds/cmds.go check). rueidis
//     routes by the first key, and the node that owns it answers a
//     cross-slot command with Redis's own "CROSSSLOT Keys in request don't
//     hash to the same slot".
//   - On a cluster client, DoMulti panics on a batch that mixes keyless
//     commands with keys of several slots (cluster.go _pickMulti). In such
//     a batch a keyless command takes the slot of a neighbour: inside a
//     MULTI ... EXEC block, the block's first key, so that a transaction
//     stays on one node; elsewhere, the keyed command before it (or the
//     batch's first key). When the keys are all in one slot, keyless
//     commands are left to rueidis, which keeps them with the others and
//     resends a transaction redirected by MOVED as a whole; among keys of
//     several slots rueidis does not see the transaction, and would follow
//     a MOVED inside it for that command alone (redpipe's own transactions
//     never mix slots).
//   - On a standalone or sentinel client no key is given at all: rueidis
//     would only use it to pick one of its PipelineMultiplex connections at
//     random (mux.go slotfn), so a batch could land on a connection not yet
//     dialled and pay its handshake. Without a key, every batch of the
//     backend takes the same connection.
//
// A read-only command (ports.Command.ReadOnly) is built with ReadOnly(), so
// that the application's ClientOption.SendToReplicas can send it to a
// replica; rueidis also resends it after a network error (see Resends).
// (Seed such a client with masters only: rueidis keeps the connection it
// dialled to each seed, without READONLY, for that node (cluster.go init
// and _refresh), so a replica given as a seed answers reads with MOVED and
// rueidis sends them to the master.) A
// command that can block (BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP,
// BZPOPMIN, BZPOPMAX, BZMPOP, WAIT, WAITAOF, XREAD and XREADGROUP with
// BLOCK) is built with Blocking(): rueidis then sends its whole batch on a
// connection of its blocking pool (mux.go DoMulti), as it does with a batch
// of BlockingPipeline (2000) commands or more. On rueidis's shared
// connection a blocking command would hold back the replies of every other
// caller, and the keep-alive PING, which skips only commands marked
// blocking (pipe.go backgroundPing), would close the connection under it
// after ConnWriteTimeout.
//
// The adapter refuses, with an error on that command alone and nothing
// sent, what rueidis's builder panics on (internal/cmds/builder.go): an
// empty command, an empty command name, and SUBSCRIBE, UNSUBSCRIBE and
// their P and S forms, whose replies are pub/sub messages (use rueidis's
// Receive). No panic of rueidis reaches the application: one from the
// builder, DoMulti or Dedicate becomes the commands' error.
//
// # Client-side caching
//
// A command with a CacheTTL (redpipe.Cached) is sent through DoMultiCache,
// its built command converted to a Cacheable (the same command, marked for
// the cache), with that ttl: rueidis answers those its cache holds and
// sends the others with what tracking needs (CLIENT CACHING YES, and the
// key's PTTL in the same MULTI ... EXEC), beside the rest of the batch with
// DoMulti. The root keeps out of the cached reads any that follows a write
// of its key in the batch; when the rest writes the key of a cached read
// before it, the cached reads go first and the rest after them, so the
// batch's order is kept; otherwise (domain.CachedReadsIndependent) both go
// at once, and the reads the cache misses ride in the round trip of the
// rest. Reads the cache holds cost no round trip. Each hit is reported (ports.BatchReport
// ServedFromCache). A client without a cache (RESP2, DisableCache) makes
// DoMultiCache plain DoMulti; CachesReads tells which, by asking the server
// once whether the client's connection is tracked (CLIENT TRACKINGINFO).
// A batch with a write, once the backend has had cached reads, ends with a
// PING on the same connection, so that it returns only after Redis's
// invalidation of what it wrote, which comes after the write's reply: the
// next cached read sees the write (see cache_sync.go).
// rueidis before v1.0.80 filed a reply under its arguments joined without
// separators (HGET h ALL and HGETALL h shared an entry); the module
// requires v1.0.80. A pinned connection (Watch) never caches.
//
// DoMulti recycles the commands it is given (their argument slices go back
// to a pool, internal/cmds/builder_put.go), so the adapter never touches a
// built command after DoMulti: it reads only the results, which are not
// recycled.
//
// # Replies
//
// rueidis's public accessors lose RESP distinctions: IsString does not tell
// a status from a bulk string, IsArray an array from a set, and a map comes
// as a Go map, in random order. The adapter decodes the one public view of
// the whole message, RedisMessage.CacheMarshal (message.go), which keeps
// each value's RESP type, so a status is KindStatus, a set KindSet and a
// map KindMap with its pairs in wire order (see decodeMessage for the full
// mapping). A verbatim string loses its "txt:" format prefix, as over
// RESP2 and through the go-redis adapter.
//
// Serialising every aggregate costs more than the rest of an Exec, so the
// adapter reads messages in place instead (reply_view.go: a mirror of
// RedisMessage's fields), but only after proving at start-up, on messages
// of every RESP type that rueidis itself loads from their serialisation,
// that the two readings agree exactly; with a rueidis whose layout
// differs, every reply takes the serialising path, which is always right.
//
// Error replies keep Redis's exact text. rueidis's RedisMessage.Error and
// RedisResult.Error strip a leading "ERR " (message.go, a workaround for
// kvrocks), so "ERR unknown command ..." would read "unknown command ...";
// the adapter takes the text from the message itself, where it is intact.
//
// RESP2 (ClientOption.AlwaysRESP2, which rueidis accepts only with
// DisableCache) is mapped as faithfully: lifting RESP2 shapes to RESP3 ones
// is the root package's job.
//
// # Failures and context
//
// A command whose reply never came is a *ports.TransportError. MaybeWritten
// is false only where rueidis fails before writing anything: a dial error,
// no node for the slot. Any other error may have come after the command was
// written; that includes a failed connection handshake, which rueidis
// reports as a *rueidis.RedisError in place of a network error (mux.go
// _pipe), the same kind of error it gives the commands in flight when a
// later AUTH refresh fails (pipe.go refreshAuth).
//
// rueidis reads a batch's replies as they come, and a broken connection
// fails only the commands still unanswered, except in its synchronous mode
// (a connection serving one caller at a time, with a ctx that has a
// deadline): there a failure fails every command of the batch (pipe.go
// syncDoMulti), answered or not, and each is reported MaybeWritten.
//
// rueidis honours ctx almost everywhere (pipe.go DoMulti, pool.go Acquire,
// the dial); where it does not (waiting for another caller's dial, a
// cluster topology refresh, a full ring buffer), Exec stops waiting when
// ctx ends anyway, and every command still unanswered gets ctx's error. The
// DoMulti left running ends with rueidis's own timeouts. The backend and
// its pinned connections therefore say they honour ctx
// (ports.ContextHonouring): a layer above adds no goroutine of its own.
//
// # Resends
//
// rueidis resends commands by itself, and the adapter builds commands so
// that no write is ever among them:
//
//   - A standalone client resends a whole batch after a network error or
//     LOADING only when every command of it is retryable (client.go
//     singleClient.DoMulti, allRetryable), and a cluster client resends
//     only the retryable commands of a node batch that failed, or got
//     CLUSTERDOWN, TRYAGAIN or LOADING (cluster.go doresultfn). Retryable
//     means built with ReadOnly() (or ToRetryable()); the adapter marks only
//     the commands redpipe knows to be read-only, so a batch with a write is
//     never resent, and a cluster resends its reads alone. A read resent
//     alone runs after the commands queued behind it and may see their
//     effects. ClientOption.DisableRetry turns these resends off.
//   - MOVED and ASK replies are followed for every command (cluster.go):
//     the node refused the command without running it.
//   - Known limit: with ClientOption.ConnLifetime set (it is off by
//     default), rueidis resends the commands a connection expired under
//     (client.go DoMulti, errConnExpired). A command already written is
//     among them when the server took more than a second to answer as the
//     lifetime ended (pipe.go Close closes the connection after that), so a
//     write can then run twice; the adapter cannot tell those resends apart.
//     Leave ConnLifetime unset where a write must never run twice
//     (TestKnownConnLifetimeResend shows it).
//
// # Pinned connections
//
// Pin returns a connection of the blocking pool (Client.Dedicate), released
// by Release. Dedicate on a standalone client waits for a free connection
// without a ctx (client.go); Pin returns ctx's error at ctx's end and gives
// the connection back as soon as it arrives. Release gives the connection
// back on a goroutine of its own, since rueidis does I/O without a ctx to
// take it back (pipe.go CleanSubscriptions), and closes it instead when an
// Exec on it failed or was abandoned at ctx's end, so that no unread reply
// or unknown state reaches the pool's next user (rueidis would put it back
// as it is). A pinned connection whose server connection broke fails its
// later Execs; it never reconnects, which would lose its WATCH or MULTI
// state.
//
// A cluster client binds a dedicated connection to the slot of the first
// command it is sent, and panics on a later command of another slot
// (cluster.go dedicatedClusterClient). A Pinned on a cluster therefore
// picks its node by the first key of its first Exec (a first Exec without
// a key is refused and binds nothing), and sends every later command to
// that node, keyless or not: a key of another node gets Redis's MOVED
// reply, which a pinned connection does not follow.
package rueidis
