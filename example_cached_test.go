package redpipe_test

import (
	"context"
	"fmt"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/internal/embedded"
)

// profileName reads a profile's name, letting the read come from the
// client's cache for up to a minute: with a backend that caches (rueidis,
// RESP3) a name read again is answered without a round trip, and dropped
// from the cache as soon as the server says the key changed.
func profileName(ctx context.Context, s redpipe.Scope, id string) *redpipe.Future[string] {
	p := s.Pipeline(redpipe.Cached(time.Minute))
	name := p.HGet("profile:"+id, "name")
	_ = p.Exec(ctx)
	return name
}

func ExampleCached() {
	ctx := context.Background()
	c, stop := embedded.Client() // go-redis: no client-side cache, so cached reads are sent
	defer stop()

	p := c.Pipeline()
	p.HSet("profile:42", "name", "Ada")
	visits := p.Incr("visits:42") // a write beside the cached read: same round trip
	name := profileName(ctx, p, "42")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	caches, _ := c.CachesReads(ctx, redpipe.DefaultConn)
	fmt.Println(name.Val(), visits.Val(), caches)
	// Output: Ada 1 false
}
