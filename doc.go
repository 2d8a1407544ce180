// Package redpipe makes Redis pipelining composable.
//
// Every queued command returns a typed *Future at once. A reusable function
// takes a Scope — a *Client or a *Pipeline — queues its commands on
// s.Pipeline(), calls Exec and returns its futures. Given a client, the
// function makes one round trip of its own; given a pipeline, its commands
// fold into the caller's batch, so any number of such functions cost ONE
// round trip per Redis server when the outermost (root) pipeline executes.
//
// # Quick start
//
// redpipe talks to Redis through the client the application already has
// (adapters/goredis, adapters/redigo, adapters/rueidis; adapters/cluster
// routes Redis Cluster over any of them):
//
//	c := redpipe.New()
//	c.Connect(redpipe.DefaultConn, goredis.NewBackend(redis.NewClient(&redis.Options{Addr: "localhost:6379"})))
//
//	func Hit(ctx context.Context, s redpipe.Scope, key string) *redpipe.Future[int64] {
//		p := s.Pipeline()        // a root pipeline from a *Client, a nested one from a *Pipeline
//		n := p.Incr(key)
//		p.Expire(key, time.Hour)
//		p.Exec(ctx)              // root: sends; nested: hands its commands to its parent
//		return n
//	}
//
//	p := c.Pipeline()
//	a, b := Hit(ctx, p, "a"), Hit(ctx, p, "b")
//	err := p.Exec(ctx)           // four commands, one round trip; then a.Val(), b.Val()
//
// # Futures
//
// Before its root executes, a future's Err and Result give ErrNotReady and
// Val the zero value; a nil reply (a missing key) gives ErrNil, which is not
// a failure of Exec. Then derives a future from another (an error passes
// through without calling fn), All gathers several into one; NewFuture makes
// one to Set or Fail yourself.
//
// # Nested pipelines and OnExec
//
// A nested pipeline's Exec sends nothing and returns nil: its commands and
// callbacks go to its parent. One still un-executed when its root executes is
// dropped, its futures failing with ErrInvalidPipeline. The root Exec sends one
// batch per connection, all connections at once, then resolves every future,
// then runs the OnExec callbacks of the whole tree in the order they were
// registered, then returns.
//
// # Autoexec
//
// Autoexec(ctx, s, fn) runs fn with a pipeline from s and executes it when fn
// returns nil; when fn returns an error (or panics) nothing is sent.
//
// # Named connections, On and Serial
//
// A Client is a registry of named connections: Connect(name, backend),
// DefaultConn when no On is given. On(name) sends a pipeline's commands to
// that connection; a nested pipeline without On uses its parent's. A root
// pipeline over several connections sends their batches in parallel, or one
// after another with Serial().
//
// # Transactions
//
// WithTransaction, given to Connect, makes every batch that connection
// receives one MULTI/EXEC, still one round trip. Client.Watch runs an
// optimistic transaction on one pinned connection: reads through
// Tx.Pipeline, writes queued on Tx.Multi, rerun on a WATCH conflict up to
// MaxRetries times, then ErrTxFailed.
//
// Atomic(), given to any pipeline, makes that pipeline, nested ones
// included, one MULTI ... EXEC inside the root's round trip.
//
// # Client-side caching
//
// Cached(ttl), given to a pipeline, lets its reads be answered from the
// driver's client-side cache, kept fresh by the server (RESP3 tracking),
// in the same Exec as the rest of the batch: a read the cache holds costs
// no round trip. The rueidis adapter caches (Client.CachesReads says
// whether a connection's backend does); the others send cached reads like
// any other.
//
// # Observability
//
// WithObserver, given to New, tells an Observer of every root Exec that
// sends something and of each connection batch within it (ExecInfo,
// BatchInfo: commands, results, failures, durations, labels); Label(name)
// names a pipeline so that the Observer can say which function queued
// what. Package redpipeotel is an Observer for OpenTelemetry tracing and
// metrics; without an Observer an Exec costs what it does without one.
//
// # Scripts
//
// NewScript makes a Lua script once; Pipeline.RunScript sends EVALSHA inside
// the batch and resends only the commands answered NOSCRIPT, as EVAL, in one
// more round trip.
//
// # Commands without a method
//
// Pipeline has one typed method per Redis command, named as in go-redis
// without the ctx argument. For any other command, Do returns the reply as
// plain Go values, Cmd[T] decodes it with your function, and Queue[T] takes
// an already-encoded ports.Command (what typed-command packages build on).
//
// # Errors and ctx
//
// Exec returns nil when every command succeeded, otherwise an *ExecError
// wrapping each failed command's error: errors.Is and errors.As reach every
// one, and server errors keep Redis's own text as *ports.RedisError. Misuse
// (exec twice, queue after Exec) gives ErrInvalidPipeline, a value refused
// when queued ErrInvalidValue. When ctx ends, a command never written gets
// ctx's error alone, and one that may already have been written a
// *ports.TransportError with MaybeWritten (errors.Is still finds ctx's error
// in it). A panic in code redpipe runs during Exec — a decode function, a
// codec, a Then function, an OnExec callback, a backend — is recovered into a
// *PanicError on what it concerns, and Exec returns it.
//
// # Keyspaces, records and codecs
//
// Typed keyspaces (String, Set, List, SortedSet, Hash, HyperLogLog, Geo,
// HashedString) live in package github.com/redpipe-go/redpipe/keyspace;
// Struct records and the Go-struct Repository in package
// github.com/redpipe-go/redpipe/structs. Both build on this package, inside
// anyone's pipeline. The codecs they store values with (Int, Float, Text,
// ASCII, Bytes, Bool, JSON, StringList), which refuse what they cannot store
// exactly, stay here.
package redpipe
