package structs_test

import (
	"context"
	"fmt"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/structs"
)

var accounts = &structs.Def{
	Prefix:   "account",
	KeyName:  "account_id",
	Fields:   redpipe.Fields{"name": redpipe.Text, "visits": redpipe.Int, "tags": redpipe.StringList},
	Required: []string{"name"},
}

// Update changes some fields and removes those given nil; the record's
// local state follows only once its batch succeeded.
func ExampleStruct_Update() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	a := accounts.Create(ctx, c, map[string]any{"account_id": 7, "name": "Ann", "tags": []string{"new"}})
	p := c.Pipeline()
	done := a.Update(ctx, p, map[string]any{"name": "Ann Lee", "tags": nil})
	fmt.Println("before Exec:", a.Map()["name"])
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("after Exec:", a.Map()["name"], done.Val())
	_, hasTags := a.Map()["tags"]
	fmt.Println("tags kept:", hasTags)
	// Output:
	// before Exec: Ann
	// after Exec: Ann Lee true
	// tags kept: false
}

// Incr is HINCRBY on the record's hash: the future gives the new count,
// and the record holds it too.
func ExampleStruct_Incr() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	p := c.Pipeline()
	a := accounts.Create(ctx, p, map[string]any{"account_id": 8, "name": "Bo"})
	first := a.Incr(ctx, p, "visits", 1)
	second := a.Incr(ctx, p, "visits", 2)
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	visits, _ := a.Int("visits")
	fmt.Println(first.Val(), second.Val(), visits)
	// Output: 1 3 3
}

// Field reads a field as the type its codec gives, checked at compile
// time by the type argument instead of a type switch at run time.
func ExampleField() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	accounts.Create(ctx, c, map[string]any{"account_id": 9, "name": "Cy", "tags": []string{"a", "b"}})
	a := accounts.Load(ctx, c, "9") // a round trip of its own: c is a Client
	tags, err := structs.Field[[]string](a, "tags")
	fmt.Println(tags, err)
	_, err = structs.Field[[]string](a, "visits")
	fmt.Println(err)
	// Output:
	// [a b] <nil>
	// redpipe: nil reply
}

// Save then Load a tagged Go struct: one hash per id, every field
// round-tripping exactly.
func ExampleRepository_Load() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	type Profile struct {
		Bio   string   `redis:"bio"`
		Karma int64    `redis:"karma"`
		Links []string `redis:"links,json"`
	}
	profiles := structs.NewRepository[Profile]("profile")

	p := c.Pipeline()
	profiles.Save(ctx, p, "7", Profile{Bio: "hi", Karma: 42, Links: []string{"https://example.com"}})
	got := profiles.Load(ctx, p, "7") // queued after the save: sees it
	missing := profiles.Load(ctx, p, "8")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", got.Val())
	fmt.Println(missing.Err())
	// Output:
	// {Bio:hi Karma:42 Links:[https://example.com]}
	// redpipe: nil reply
}
