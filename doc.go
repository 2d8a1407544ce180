// Package redpipe makes Redis pipelining composable.
//
// Every queued command returns a typed *Future at once. Functions take a
// Scope (a *Client or a *Pipeline), queue their commands on
// s.Pipeline(), call Exec, and return futures; when s is itself a pipeline
// their commands fold into the caller's batch, so any number of such
// functions cost ONE round trip per Redis server when the outermost (root)
// pipeline executes. Callbacks registered with OnExec run after every future
// is resolved.
//
// redpipe talks to Redis through the client the application already has:
// connect a backend from one of the adapters (adapters/goredis,
// adapters/redigo, adapters/rueidis, or the cluster router adapters/cluster
// over any of them) under a name, and send pipelines to it with On(name).
//
// On top of the commands sit the data layer's pieces, each usable alone or
// inside someone else's pipeline: codecs (Int, Float, Text, ASCII, Bytes,
// Bool, JSON, StringList) that refuse what they cannot store exactly;
// typed keyspaces (NewString, NewSet, NewList, NewSortedSet, NewHash,
// NewHyperLogLog, NewGeo, NewHashedString) whose keys are prefix{id}; Struct
// records kept in one hash (StructDef); and Repository, which maps a Go
// struct with `redis:"name"` tags to a hash.
//
// Transactions: WithTransaction makes every batch a connection receives one
// MULTI/EXEC; Client.Watch runs an optimistic transaction on one pinned
// connection (reads through Tx.Pipeline, writes on Tx.Multi, rerun on a
// conflict up to MaxRetries, then ErrTxFailed). Scripts: NewScript and
// Pipeline.RunScript send EVALSHA inside the batch and resend only the
// commands answered NOSCRIPT, as EVAL, in one more round trip.
//
// When ctx ends, a command never written gets ctx's error alone, and one
// that may already have been written a *ports.TransportError with
// MaybeWritten (errors.Is still finds ctx's error in it). A panic in code
// redpipe runs for you during Exec — a decode function, a codec, a Then
// function, an OnExec callback, a backend — is recovered into a *PanicError
// on what it concerns, every other future is resolved and every other
// callback runs, and Exec returns it rather than re-raising it.
package redpipe
