package keyspace_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/keyspace"
)

// SScanIterator ranges over a set's SSCAN pages, one round trip per page,
// its members decoded.
func ExampleSetCmds_SScanIterator() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	lucky := keyspace.NewSet("lucky", redpipe.Int)
	lucky.With(ctx, c).SAdd("alice", 7, 13, 42)

	var nums []int64
	for n, err := range lucky.With(ctx, c).SScanIterator("alice", "", 100) {
		if err != nil {
			fmt.Println(err)
			return
		}
		nums = append(nums, n)
	}
	slices.Sort(nums)
	fmt.Println(nums)

	p := c.Pipeline() // its pages would only be sent with p: refused
	for _, err := range lucky.With(ctx, p).SScanIterator("alice", "", 100) {
		fmt.Println(err)
	}
	// Output:
	// [7 13 42]
	// redpipe: invalid pipeline use: a scan iterator needs a non-nil scope whose pipelines send at once (a *Client or a *Tx), got *redpipe.Pipeline
}

// HScanIterator decodes each field's value by that field's codec.
func ExampleHashCmds_HScanIterator() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	users := keyspace.NewHash("user", redpipe.Fields{"age": redpipe.Int}, redpipe.Text)
	users.With(ctx, c).HSet("alice", map[string]any{"age": int64(30), "name": "Alice"})

	for f, err := range users.With(ctx, c).HScanIterator("alice", "", 0) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %T %v\n", f.Field, f.Value, f.Value)
	}
	// Output:
	// age int64 30
	// name string Alice
}

// ZScanIterator gives each member decoded, with its score.
func ExampleSortedSetCmds_ZScanIterator() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	board := keyspace.NewSortedSet("board", redpipe.Text)
	board.With(ctx, c).ZAdd("game1", keyspace.ZMember[string]{Member: "ann", Score: 3}, keyspace.ZMember[string]{Member: "bob", Score: 5})

	for m, err := range board.With(ctx, c).ZScanIterator("game1", "a*", 0) {
		fmt.Println(m.Member, m.Score, err)
	}
	// Output:
	// ann 3 <nil>
}
