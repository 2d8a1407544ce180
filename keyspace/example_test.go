package keyspace_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/keyspace"
)

// A keyspace names its keys prefix{id}: the id is the cluster hash tag.
func ExampleNewString() {
	visits := keyspace.NewString("visits", redpipe.Int)
	fmt.Println(visits.Key("alice"))
	id, ok := visits.ID("visits{alice}")
	fmt.Println(id, ok)
	// Output:
	// visits{alice}
	// alice true
}

// A value the codec rejects fails its own future, naming the keyspace,
// id and field; it is never sent (here no server is even connected).
func ExampleNewHash() {
	ctx := context.Background()
	users := keyspace.NewHash("user", redpipe.Fields{"age": redpipe.Int}, redpipe.Text)
	p := redpipe.New().Pipeline()
	set := users.With(ctx, p).HSet("alice", map[string]any{"age": "thirty"})
	err := p.Exec(ctx)
	fmt.Println(errors.Is(err, redpipe.ErrInvalidValue))
	fmt.Println(set.Err())
	// Output:
	// true
	// keyspace "user" id "alice" field "age": redpipe: invalid value: Int codec: got a string, want an integer
}

// With a pipeline, keyspace calls join its batch; with a client, each
// call is one round trip of its own.
func ExampleString_With() {
	ctx := context.Background()
	c, stop := embedded.Client() // an application: redpipe.New() and Connect
	defer stop()
	sessionsRedis, stopSessions := embedded.Redis() // a second server
	defer stopSessions()
	if err := c.Connect("sessions", goredis.NewBackend(sessionsRedis)); err != nil {
		panic(err)
	}
	sessionsRedis.Set(ctx, "session{alice}", "t0k3n", 0)
	visits := keyspace.NewString("visits", redpipe.Int)
	sessions := keyspace.NewString("session", redpipe.Text, redpipe.On("sessions"))

	p := c.Pipeline()
	n := visits.With(ctx, p).Incr("alice")
	token := sessions.With(ctx, p).Get("alice") // on the "sessions" connection, same Exec
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
	}
	fmt.Println(n.Val(), token.Val())

	alone := visits.With(ctx, c).Incr("alice") // executed at once
	fmt.Println(alone.Val())
	// Output:
	// 1 t0k3n
	// 2
}

// A HashedString spreads ids over a fixed number of hashes.
func ExampleNewHashedString() {
	tokens := keyspace.NewHashedString("tokens", 4, redpipe.ASCII)
	fmt.Println(tokens.Shard("alice"), tokens.ShardKey(tokens.Shard("alice")))
	// Output:
	// 3 tokens{3}
}
