package structs_test

import (
	"context"
	"fmt"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/structs"
)

// A record built locally, with no I/O: values are normalized exactly as a
// load would give them back, and the key name is the id, not a field.
func ExampleDef_Local() {
	users := &structs.Def{
		Prefix:  "user",
		KeyName: "user_id",
		Fields:  redpipe.Fields{"name": redpipe.Text, "visits": redpipe.Int},
	}
	u, err := users.Local(map[string]any{"user_id": 7, "name": "Ann", "visits": 3})
	if err != nil {
		panic(err)
	}
	visits, _ := u.Int("visits")
	fmt.Println(u.Key(), u.Keys(), visits)
	// Output:
	// user{7} [name user_id visits] 3
}

// Create, update and reload one record inside a caller's pipeline: one
// round trip, and the record holds what the server holds last.
func ExampleDef_Create() {
	ctx := context.Background()
	c, stop := embedded.Client() // an application: redpipe.New() and Connect
	defer stop()
	users := &structs.Def{
		Prefix:   "user",
		KeyName:  "user_id",
		Fields:   redpipe.Fields{"name": redpipe.Text, "visits": redpipe.Int},
		Required: []string{"name"},
		TTL:      24 * time.Hour,
	}
	p := c.Pipeline()
	u := users.Create(ctx, p, map[string]any{"user_id": "7", "name": "Ann"})
	visits := u.Incr(ctx, p, "visits", 1)
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Map(), visits.Val())
	// Output:
	// map[name:Ann user_id:7 visits:1] 1
}

// A repository stores a Go struct in one hash per id.
func ExampleNewRepository() {
	type User struct {
		Name  string    `redis:"name"`
		Age   int       `redis:"age"`
		Since time.Time `redis:"since"`
	}
	ctx := context.Background()
	c, stop := embedded.Client() // an application: redpipe.New() and Connect
	defer stop()
	users := structs.NewRepository[User]("user")

	p := c.Pipeline()
	users.Save(ctx, p, "7", User{Name: "Ann", Age: 42, Since: time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)})
	loaded := users.Load(ctx, p, "7")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(loaded.Val())
	// Output:
	// {Ann 42 2026-12-03 09:30:00 +0000 UTC}
}
