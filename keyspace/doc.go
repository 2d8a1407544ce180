// Package keyspace gives typed keyspaces over package redpipe: groups of
// keys named prefix{id} whose values go through a codec of package redpipe
// (Int, Float, Text, ASCII, Bytes, Bool, JSON, StringList), so a value the
// codec cannot store exactly is refused when queued, never half-sent.
//
// The id is the key's cluster hash tag, so the keys of one id in every
// keyspace share a slot: String, Set, List, SortedSet, Hash, HyperLogLog
// and Geo each hold one key per id; HashedString spreads ids over a fixed
// number of hashes. Every keyspace has the generic key commands (KeyCmds:
// Del, Exists, Expire, TTL, Rename, Scan by id pattern, ...).
//
// A keyspace is bound to a scope with With: with a *redpipe.Client each call
// is one round trip of its own, with a *redpipe.Pipeline it joins that
// batch, so keyspace calls compose with any other redpipe code:
//
//	visits := keyspace.NewString("visits", redpipe.Int)
//	users := keyspace.NewHash("user", redpipe.Fields{"age": redpipe.Int}, redpipe.Text)
//
//	p := client.Pipeline()
//	n := visits.With(ctx, p).IncrBy("alice", 1)
//	age := users.With(ctx, p).HGet("alice", "age")
//	err := p.Exec(ctx) // one round trip for both
//
// Keyspace commands are queued with redpipe.Queue, the hook any package of
// typed commands can use, and held to the key rule by CheckKeys.
package keyspace
