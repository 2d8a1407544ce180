package redigo_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/gomodule/redigo/redis"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/redigo"
)

// The application's pool, as it already has one, wired into redpipe. It
// needs a Redis server, so it is compiled but not run.
func Example() {
	pool := &redis.Pool{
		MaxIdle:     3,
		IdleTimeout: 240 * time.Second,
		// DialContext rather than Dial: a new connection's dial then
		// respects the deadline of the Exec that needed it.
		DialContext: func(ctx context.Context) (redis.Conn, error) {
			return redis.DialContext(ctx, "tcp", "localhost:6379")
		},
	}
	defer pool.Close() // the application's to close, not redpipe's

	client := redpipe.New()
	if err := client.Connect(redpipe.DefaultConn, redigo.NewBackend(pool)); err != nil {
		log.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	p := client.Pipeline()
	hits := p.Incr("hits")
	p.Expire("hits", time.Minute)
	if err := p.Exec(ctx); err != nil { // INCR and EXPIRE: one round trip
		log.Fatal(err)
	}
	fmt.Println(hits.Val())
}
