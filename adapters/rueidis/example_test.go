package rueidis_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
)

// The application's rueidis client, standalone or cluster, is connected as
// a redpipe backend; redpipe never closes it.
func Example() {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	c := redpipe.New()
	if err := c.Connect(redpipe.DefaultConn, rueidisadapter.NewBackend(client)); err != nil {
		log.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	p := c.Pipeline()
	hits := p.Incr("hits")
	p.Expire("hits", time.Minute)
	if err := p.Exec(ctx); err != nil { // INCR and EXPIRE in one round trip
		log.Fatal(err)
	}
	fmt.Println(hits.Val())
}
