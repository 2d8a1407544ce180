// Command structs shows records kept in one hash each: a Struct (the
// original RedPipe's dict-like record, with codecs per field) and a
// Repository of a plain Go struct, both composed into the caller's batch.
//
//	go run ./examples/structs                      # embedded in-process server
//	REDIS_ADDR=localhost:6379 go run ./examples/structs
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/structs"
)

// users is a Struct definition: the id travels as "user_id" in a record's
// data but lives only in the key, users{id}.
var users = &structs.Def{
	Prefix:   "example:user",
	KeyName:  "user_id",
	Fields:   redpipe.Fields{"name": redpipe.Text, "visits": redpipe.Int, "tags": redpipe.StringList},
	Required: []string{"name"},
	TTL:      time.Hour,
}

// Profile is a Go struct kept by a Repository.
type Profile struct {
	Bio      string    `redis:"bio"`
	Karma    int64     `redis:"karma"`
	Verified bool      `redis:"verified"`
	Joined   time.Time `redis:"joined"`
	Links    []string  `redis:"links,json"`
}

var profiles = structs.NewRepository[Profile]("example:profile")

func main() {
	ctx := context.Background()
	addr, cleanup, err := embedded.Addr("REDIS_ADDR", "")
	must(err)
	defer cleanup()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	c := redpipe.New()
	must(c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb)))
	must(users.Delete(ctx, c, "7").Err())
	must(profiles.Delete(ctx, c, "7").Err())

	// One pipeline: create, change and reload a record and save a profile.
	// Every record change applies in the order it was queued.
	p := c.Pipeline()
	u := users.Create(ctx, p, map[string]any{"user_id": 7, "name": "Ann", "tags": []string{"admin"}})
	visits := u.Incr(ctx, p, "visits", 3)
	u.Update(ctx, p, map[string]any{"name": "Ann Lee"})
	joined := time.Date(2024, 2, 29, 12, 0, 0, 123456789, time.UTC)
	profiles.Save(ctx, p, "7", Profile{Bio: "hi", Karma: 42, Verified: true, Joined: joined, Links: []string{"https://example.com"}})
	profile := profiles.Load(ctx, p, "7")
	if err := p.Exec(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println("record:", u.Map(), "visits:", visits.Val())
	fmt.Printf("profile: %+v\n", profile.Val())

	// Only if absent: the record exists, so nothing is written.
	again := users.CreateNX(ctx, c, map[string]any{"user_id": 7, "name": "Someone else"})
	fmt.Println("create again:", errors.Is(again.Err(), structs.ErrStructExists), again.Map()["name"])

	// Bad input is refused before anything is sent.
	bad := u.Update(ctx, c, map[string]any{"visits": "many"})
	fmt.Println("bad update:", bad.Err())
	fmt.Println("remove a required field:", u.Remove(ctx, c, "name").Err())

	popped := u.Pop(ctx, c, "tags")
	fmt.Println("popped:", popped.Val(), "left:", u.Keys())
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
