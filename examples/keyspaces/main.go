// Command keyspaces shows typed keyspaces: keys named prefix{id}, values
// through codecs, a building block that works alone and composed, a hash
// with typed fields, a leaderboard, a sharded string store, and a value
// rejected before it is sent.
//
//	go run ./examples/keyspaces                      # embedded in-process server
//	REDIS_ADDR=localhost:6379 go run ./examples/keyspaces
package main

import (
	"context"
	"fmt"
	"log"
	"slices"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/keyspace"
)

var (
	visits = keyspace.NewString("example:visits", redpipe.Int)
	users  = keyspace.NewHash("example:user", redpipe.Fields{
		"age":   redpipe.Int,
		"admin": redpipe.Bool,
		"langs": redpipe.StringList,
	}, redpipe.Text)
	board  = keyspace.NewSortedSet("example:board", redpipe.Text)
	tokens = keyspace.NewHashedString("example:tokens", 4, redpipe.ASCII)
)

// Visit counts a visit: alone it is one round trip, inside a pipeline it
// joins that pipeline's batch.
func Visit(ctx context.Context, s redpipe.Scope, user string) *redpipe.Future[int64] {
	return visits.With(ctx, s).Incr(user)
}

func main() {
	ctx := context.Background()
	addr, cleanup, err := embedded.Addr("REDIS_ADDR", "")
	must(err)
	defer cleanup()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	c := redpipe.New()
	must(c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb)))
	reset(ctx, c)

	n := Visit(ctx, c, "alice")
	fmt.Println("alone: alice visited", n.Val(), "time(s), key", visits.Key("alice"))

	p := c.Pipeline()
	a := Visit(ctx, p, "alice")
	b := Visit(ctx, p, "bob")
	u := users.With(ctx, p)
	u.HSet("alice", map[string]any{"age": 30, "admin": true, "langs": []string{"go", "sql"}, "name": "Alice"})
	profile := u.HGetAll("alice")
	age := u.HGet("alice", "age")
	lb := board.With(ctx, p)
	lb.ZAdd("weekly", keyspace.ZMember[string]{Member: "alice", Score: 42}, keyspace.ZMember[string]{Member: "bob", Score: 17})
	top := lb.ZRevRangeWithScores("weekly", 0, 0)
	tokens.With(ctx, p).Set("alice", "tok-a1")
	tokens.With(ctx, p).Set("bob", "tok-b2")
	if err := p.Exec(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("composed: alice %d, bob %d\n", a.Val(), b.Val())
	fmt.Printf("profile: %v (age is a %T)\n", profile.Val(), age.Val())
	fmt.Printf("top: %+v\n", top.Val())

	bad := users.With(ctx, c).HSet("bob", map[string]any{"age": "old"})
	fmt.Println("rejected:", bad.Err())

	var ids []string
	for id, err := range visits.IDs(ctx, c, "*") {
		must(err)
		ids = append(ids, id)
	}
	slices.Sort(ids)
	fmt.Println("visit ids:", ids)

	var all []string
	for item, err := range tokens.All(ctx, c, "") {
		must(err)
		all = append(all, fmt.Sprintf("%s=%s (shard %d)", item.ID, item.Value, tokens.Shard(item.ID)))
	}
	slices.Sort(all)
	fmt.Println("tokens:", all)
}

// reset removes what an earlier run against a real server left.
func reset(ctx context.Context, c *redpipe.Client) {
	p := c.Pipeline()
	visits.With(ctx, p).Del("alice")
	visits.With(ctx, p).Del("bob")
	users.With(ctx, p).Del("alice")
	users.With(ctx, p).Del("bob")
	board.With(ctx, p).Del("weekly")
	for i := range tokens.Shards() {
		p.Del(tokens.ShardKey(i))
	}
	must(p.Exec(ctx))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
