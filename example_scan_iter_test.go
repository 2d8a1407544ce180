package redpipe_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/internal/embedded"
)

// ScanIterator ranges over SCAN's pages, one round trip per page.
func ExampleScanIterator() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	p := c.Pipeline()
	for _, k := range []string{"user:1", "user:2", "order:1"} {
		p.Set(k, "x", 0)
	}
	p.HSet("user:1:h", "name", "Ann")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	var keys []string
	for key, err := range redpipe.ScanIterator(ctx, c, "user:?", 0) {
		if err != nil {
			fmt.Println(err)
			return
		}
		keys = append(keys, key)
	}
	slices.Sort(keys)
	fmt.Println(keys)
	for kv, err := range redpipe.HScanIterator(ctx, c, "user:1:h", "", 0) {
		fmt.Println(kv.Key, kv.Value, err)
	}
	// Output:
	// [user:1 user:2]
	// name Ann <nil>
}
