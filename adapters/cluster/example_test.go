package cluster_test

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/cluster"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/ports"
)

// A router over go-redis clients, one per node; MGET is split by slot and
// its values come back in the order asked. It needs a running cluster,
// so it has no Output.
func Example() {
	ctx := context.Background()
	var clients []*redis.Client
	r, err := cluster.New(ctx, cluster.Options{
		Addrs: []string{"127.0.0.1:7000"},
		NewNode: func(addr string) (ports.Backend, error) {
			c := redis.NewClient(&redis.Options{Addr: addr})
			clients = append(clients, c) // NewNode is never called concurrently
			return goredis.NewBackend(c), nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer func() {
		_ = r.Close() // first the router, then the clients it used
		for _, c := range clients {
			_ = c.Close()
		}
	}()

	c := redpipe.New()
	if err := c.Connect(redpipe.DefaultConn, r); err != nil {
		fmt.Println(err)
		return
	}
	p := c.Pipeline()
	p.Set("user:1", "ann", 0)
	p.Set("user:2", "bob", 0)
	names := p.MGet("user:1", "user:2")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(names.Val())
}
