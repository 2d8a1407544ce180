// Package redigo is the redpipe Backend over github.com/gomodule/redigo.
//
// It reuses the application's *redis.Pool: each redpipe batch takes one
// connection from the pool (Pool.GetContext), Sends every command, Flushes
// once and Receives every reply in order — one round trip — then gives the
// connection back. The backend never closes the pool or changes its
// settings; closing it stays the application's job.
//
//	pool := &redis.Pool{
//		MaxIdle:     3,
//		IdleTimeout: 240 * time.Second,
//		DialContext: func(ctx context.Context) (redis.Conn, error) {
//			return redis.DialContext(ctx, "tcp", "localhost:6379")
//		},
//	}
//	defer pool.Close()
//
//	client := redpipe.New()
//	if err := client.Connect(redpipe.DefaultConn, redigo.NewBackend(pool)); err != nil {
//		return err
//	}
//
// The backend also implements ports.Pinner: Pin reserves one pooled
// connection (for WATCH/MULTI/EXEC) until Release.
//
// What follows is what redigo v1.9.3 does on its own and how the adapter
// makes it fit redpipe's contract.
//
// # Replies
//
// redigo speaks RESP2 only (it never sends HELLO 3) and its conn.readReply
// (redis/conn.go) keeps every RESP2 distinction, so the mapping is one to
// one: a status is KindStatus (not KindBulk, as go-redis gives it), a bulk
// KindBulk, "$-1" and "*-1" KindNil. Two things differ from the reply on
// the wire:
//
//   - A top-level error reply is not a value but Receive's error
//     (conn.ReceiveWithTimeout returns it as a redis.Error), alongside the
//     I/O errors that are fatal to the connection. The adapter tells them
//     apart by type: a redis.Error is the command's *ports.RedisError and
//     the batch goes on; anything else ends it. redigo keeps Redis's text
//     whole ("ERR ...", "WRONGTYPE ..."), so nothing needs restoring.
//   - Inside an array (EXEC's replies, a script's) an error is a
//     redis.Error element, mapped to a KindError reply.
//
// RESP2 shapes (HGETALL's flat array, ZSCORE's bulk "1.5") are passed on
// as they are; the root package lifts them to the RESP3 shapes, so the Go
// values are the same as through every other adapter.
//
// # Context
//
// Of redigo's pooled-connection calls, only Pool.GetContext honours ctx:
// its wait for a vacant connection (Pool.Wait) and DialContext stop when
// ctx ends (Pool.Dial, TestOnBorrow and a Dial that ignores its ctx do
// not). Send and Flush ignore ctx altogether, and Receive waits as long as
// the connection's DialReadTimeout says, forever by default.
// ReceiveContext (redis/conn.go) honours ctx, but starts a goroutine per
// reply and closes the connection when ctx ends.
//
// So the adapter watches ctx once per batch (context.AfterFunc) and, when
// ctx ends while the batch is on the wire, aborts the connection: it puts
// redigo's conn into its error state and closes its socket, which wakes
// whatever Send, Flush or Receive is blocked (how, in watch.go). Replies
// already received stay delivered; every command not answered gets ctx's
// error. No goroutine is started unless ctx ends, and the one AfterFunc
// starts then returns at once. An Exec whose ctx cannot end costs nothing
// extra.
//
// # Broken connections are discarded
//
// A pooled connection's Close (activeConn.Close, redis/pool.go) does not
// discard a connection with unread replies: it reads them all with Do("")
// — with no deadline, so forever on a hung server — and pools the
// connection again if that worked. It only discards connections whose
// Err() is non-nil. redigo's conn sets that error itself on every I/O
// failure (conn.fatal), and the adapter's abort above sets it too; Close's
// Do("") then fails at once without reading, and Pool.put closes the
// connection instead of pooling it. A batch that ended early therefore
// never leaves its connection, or its unread replies, to the next user.
//
// # Which commands may have run
//
// After a connection failure the unanswered commands get a
// *ports.TransportError whose MaybeWritten says whether the command could
// have reached the server:
//
//   - Send failed: redigo buffers 4096 bytes and writes when the buffer
//     fills, so the commands handed to Send before may have been written
//     (MaybeWritten true); the one whose Send failed was cut off midway and
//     those after it were never handed over (false).
//   - Flush failed: any of them may have been written (true).
//   - Receive failed: all of them were written (true); a reply may merely
//     have been lost.
//   - Pool.GetContext failed (a refused dial, ErrPoolExhausted, a closed
//     pool): nothing was sent (false), or ctx's error if ctx ended.
//
// redigo itself never resends anything (a pooled connection that fails is
// reported, not retried), so, unlike go-redis, it needs no guard against
// running a write twice. A command with no name is never sent; it fails
// alone.
//
// # Pinned connections
//
// A Pinned's Execs run one at a time on its connection. Once one of them
// breaks the connection (a transport error, or ctx ending mid-batch), later
// Execs fail without sending anything: WATCH and MULTI state lived on that
// connection, and the replies it still owes are unknown. Release gives a
// healthy connection back to the pool and has a broken one discarded; Exec
// after Release fails every command.
//
// # Known limits
//
//   - A Conn that the pool's Dial wraps without implementing
//     redis.ConnWithContext cannot be aborted: a batch on it waits for the
//     driver's own timeouts (DialReadTimeout, DialWriteTimeout). redpipe's
//     Exec still returns at ctx's deadline; the backend's Exec does not.
//   - Closing a connection whose batch left WATCH or MULTI open makes
//     activeConn.Close send UNWATCH or DISCARD and wait for the reply,
//     without a deadline.
package redigo
