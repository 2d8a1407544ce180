// Command quickstart shows redpipe's core ideas in one run: a reusable
// function that works alone and composed, a callback, a derived future, and
// two named connections served by one Exec.
//
//	go run ./examples/quickstart                      # embedded in-process server
//	REDIS_ADDR=localhost:6379 go run ./examples/quickstart
//	REDIS_ADDR=localhost:6379 REDIS_ADDR2=localhost:6380 go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"log"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/internal/embedded"
)

// IncrAndExpire is a reusable building block: it takes any Scope, so it is
// one round trip on its own and free riding inside someone else's pipeline.
func IncrAndExpire(ctx context.Context, s redpipe.Scope, key string) *redpipe.Future[int64] {
	p := s.Pipeline()
	n := p.IncrBy(key, 1)
	p.Expire(key, time.Minute)
	p.Exec(ctx) // root: sends; nested: hands its commands to the parent
	return n
}

func main() {
	ctx := context.Background()
	addr1, addr2, cleanup := servers()
	defer cleanup()

	rdb1 := redis.NewClient(&redis.Options{Addr: addr1})
	rdb2 := redis.NewClient(&redis.Options{Addr: addr2})
	defer rdb1.Close() // the application owns its clients; redpipe never closes them
	defer rdb2.Close()

	c := redpipe.New()
	must(c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb1)))
	must(c.Connect("sessions", goredis.NewBackend(rdb2)))
	rdb1.Del(ctx, "quickstart:hits", "quickstart:a", "quickstart:b")
	rdb2.Del(ctx, "quickstart:session")

	// Alone: the function executes its own pipeline, one round trip.
	hits := IncrAndExpire(ctx, c, "quickstart:hits")
	fmt.Println("alone: hits =", hits.Val())

	// Composed: both calls, a write on the second connection, a derived
	// future and a callback, all in ONE Exec (one round trip per server,
	// both servers at once).
	p := c.Pipeline()
	a := IncrAndExpire(ctx, p, "quickstart:a")
	b := IncrAndExpire(ctx, p, "quickstart:b")
	sp := p.Pipeline(redpipe.On("sessions"))
	sp.Set("quickstart:session", "alice", 0)
	session := sp.Get("quickstart:session")
	sp.Exec(ctx)
	label := redpipe.Then(a, func(n int64) (string, error) { return "a is " + strconv.FormatInt(n, 10), nil })
	p.OnExec(func() { fmt.Println("callback: every future is ready:", a.Ready() && b.Ready() && session.Ready()) })
	fmt.Println("before Exec: a.Ready() =", a.Ready())
	if err := p.Exec(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("composed: a = %d, b = %d, session = %s, %s\n", a.Val(), b.Val(), session.Val(), label.Val())
}

// servers returns REDIS_ADDR and REDIS_ADDR2 when set, and otherwise starts
// embedded in-process servers so the example runs with nothing but Go.
func servers() (string, string, func()) {
	addr1, stop1, err := embedded.Addr("REDIS_ADDR", "")
	must(err)
	addr2, stop2, err := embedded.Addr("REDIS_ADDR2", `for the "sessions" connection`)
	must(err)
	return addr1, addr2, func() { stop1(); stop2() }
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
