// Command drivers runs one business function over go-redis, redigo and
// rueidis and prints what each gives: the same values and the same error
// text, because switching drivers is one line, the backend given to Connect.
//
//	REDIS_ADDR=localhost:6379 go run ./examples/drivers
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	redigoadapter "github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/ports"
)

// Visit is what RecordVisit learns, as futures filled by the caller's Exec.
type Visit struct {
	Count   *redpipe.Future[int64]
	Score   *redpipe.Future[float64]
	Profile *redpipe.Future[map[string]string]
	Top     *redpipe.Future[[]redpipe.Z]
	Missing *redpipe.Future[string]
	Broken  *redpipe.Future[int64]
	Raw     *redpipe.Future[any]
}

// RecordVisit is business code: it takes any Scope and knows no driver.
func RecordVisit(ctx context.Context, s redpipe.Scope, user string) Visit {
	p := s.Pipeline()
	v := Visit{
		Count: p.Incr("drivers:visits:" + user),
		Score: p.ZIncrBy("drivers:board", 1.5, user),
	}
	p.HSet("drivers:profile:"+user, "name", user, "bytes", "\x00\xff")
	p.Expire("drivers:visits:"+user, time.Hour)
	v.Profile = p.HGetAll("drivers:profile:" + user)
	v.Top = p.ZRevRangeWithScores("drivers:board", 0, 2)
	v.Missing = p.Get("drivers:nobody")
	v.Broken = p.Incr("drivers:profile:" + user) // a hash: WRONGTYPE
	v.Raw = p.Do("HGETALL", "drivers:profile:"+user)
	p.Exec(ctx) // nested in the caller's pipeline: sends nothing by itself
	return v
}

func main() {
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		log.Fatal("set REDIS_ADDR to a Redis server, e.g. REDIS_ADDR=localhost:6379")
	}
	ctx := context.Background()

	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	pool := &redigo.Pool{Dial: func() (redigo.Conn, error) { return redigo.Dial("tcp", addr) }, MaxIdle: 4}
	defer pool.Close()
	rc, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{addr}})
	if err != nil {
		log.Fatal(err)
	}
	defer rc.Close()

	drivers := []struct {
		name    string
		backend ports.Backend
	}{
		{"go-redis", goredis.NewBackend(rdb)},
		{"redigo", redigoadapter.NewBackend(pool)},
		{"rueidis", rueidisadapter.NewBackend(rc)},
	}
	for _, d := range drivers {
		c := redpipe.New()
		if err := c.Connect(redpipe.DefaultConn, d.backend); err != nil { // the one line that names a driver
			log.Fatal(err)
		}
		reset := c.Pipeline()
		reset.Del("drivers:visits:alice", "drivers:board", "drivers:profile:alice")
		if err := reset.Exec(ctx); err != nil {
			log.Fatal(err)
		}

		p := c.Pipeline()
		v := RecordVisit(ctx, p, "alice")
		err := p.Exec(ctx) // one round trip; fails because of v.Broken only
		fmt.Printf("%s:\n", d.name)
		fmt.Printf("  count=%d score=%v profile=%q\n", v.Count.Val(), v.Score.Val(), v.Profile.Val())
		fmt.Printf("  top=%v raw=%q\n", v.Top.Val(), v.Raw.Val())
		fmt.Printf("  missing: %v\n  broken: %v\n  exec: %v\n", v.Missing.Err(), v.Broken.Err(), err)
	}
}
