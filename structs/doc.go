// Package structs keeps records in Redis hashes, over package redpipe.
//
// Def describes a record type — its key prefix, the name of its id
// field, typed fields (codecs of package redpipe), required fields, a
// time to live — and Struct is one record: create, load chosen fields,
// update, remove, incr/decr, pop, clear, delete, each queued on a
// redpipe.Scope so it joins the caller's pipeline. A record's local state
// changes only when its batch succeeded.
//
// Repository[T] maps a Go struct with `redis:"name"` tags to a hash:
//
//	type User struct {
//		Name string `redis:"name"`
//		Age  int    `redis:"age"`
//	}
//	users := structs.NewRepository[User]("user")
//	users.Save(ctx, p, "alice", User{Name: "Alice", Age: 30})
//	u := users.Load(ctx, p, "alice") // a *redpipe.Future[User]
//
// Record keys follow the keyspace rule of package keyspace (prefix{id}),
// so every key of one record shares a cluster slot.
package structs
