// Command transactions shows redpipe's transactions and scripts against a
// real Redis server: an optimistic transaction (Client.Watch) that reads,
// computes and writes, and reruns when another client changed the watched
// key in between; a connection whose every batch is one MULTI/EXEC
// (WithTransaction), and what a command Redis rejects does to it
// (EXECABORT); a Lua script pipelined with ordinary commands (RunScript):
// EVALSHA in the batch, EVAL in one more round trip only when the server
// does not know the script yet.
//
//	REDIS_ADDR=localhost:6379 go run ./examples/transactions
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"sync/atomic"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/ports"
)

var errInsufficient = errors.New("insufficient funds")

// Withdraw takes amount from the balance at key if it is there, as an
// optimistic transaction: the balance is read under WATCH and written in
// MULTI/EXEC; a change by another client in between reruns fn. interfere,
// when not nil, runs between the read and the write (to show a conflict).
func Withdraw(ctx context.Context, c *redpipe.Client, key string, amount int, interfere func()) (attempts int, err error) {
	err = c.Watch(ctx, []string{key}, func(tx *redpipe.Tx) error {
		attempts++
		p := tx.Pipeline()
		bal := p.Get(key)
		if err := p.Exec(ctx); err != nil {
			return err
		}
		n, err := strconv.Atoi(bal.Val())
		if err != nil {
			return err
		}
		if interfere != nil && attempts == 1 {
			interfere()
		}
		if n < amount {
			return errInsufficient
		}
		tx.Multi().Set(key, n-amount, 0)
		return nil
	}, redpipe.MaxRetries(5))
	return attempts, err
}

// limiter allows ARGV[1] calls per minute per key.
var limiter = redpipe.NewScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], 60) end
if n <= tonumber(ARGV[1]) then return 1 end
return 0`)

// Allow runs the limiter in whatever batch s belongs to.
func Allow(s redpipe.Scope, key string, perMinute int) *redpipe.Future[bool] {
	p := s.Pipeline()
	ok := redpipe.Then(p.RunScript(limiter, []string{key}, perMinute), func(v any) (bool, error) {
		n, isInt := v.(int64)
		if !isInt {
			return false, fmt.Errorf("limiter replied %T", v)
		}
		return n == 1, nil
	})
	_ = p.Exec(context.Background()) // nested: hands its command to the caller's batch
	return ok
}

// roundTrips counts the batches sent to a backend.
type roundTrips struct {
	ports.Backend
	n atomic.Int64
}

func (r *roundTrips) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	r.n.Add(1)
	r.Backend.Exec(ctx, cmds, out)
}

func main() {
	ctx := context.Background()
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		log.Fatal("REDIS_ADDR is not set (e.g. REDIS_ADDR=localhost:6379)")
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	backend := goredis.NewBackend(rdb)
	c := redpipe.New()
	must(c.Connect(redpipe.DefaultConn, backend))
	must(c.Connect("atomic", backend, redpipe.WithTransaction()))
	must(rdb.Del(ctx, "tx:balance", "tx:n", "tx:hits", "tx:limit").Err())

	// 1. WATCH with a retry: another client spends 30 between our read
	// and our write, so the first EXEC aborts and Withdraw runs again.
	must(rdb.Set(ctx, "tx:balance", 100, 0).Err())
	attempts, err := Withdraw(ctx, c, "tx:balance", 50, func() { rdb.DecrBy(ctx, "tx:balance", 30) })
	fmt.Printf("withdraw 50: attempts=%d err=%v balance=%s\n", attempts, err, rdb.Get(ctx, "tx:balance").Val())
	attempts, err = Withdraw(ctx, c, "tx:balance", 50, nil)
	fmt.Printf("withdraw 50: attempts=%d err=%v balance=%s\n", attempts, err, rdb.Get(ctx, "tx:balance").Val())

	// 2. Every batch of the "atomic" connection is one MULTI/EXEC.
	p := c.Pipeline(redpipe.On("atomic"))
	a := p.Incr("tx:n")
	b := p.IncrBy("tx:n", 10)
	err = p.Exec(ctx)
	fmt.Printf("multi: %d %d err=%v\n", a.Val(), b.Val(), err)
	p = c.Pipeline(redpipe.On("atomic"))
	a = p.Incr("tx:n")
	p.Do("INCR") // wrong number of arguments: Redis rejects it, EXEC aborts
	_ = p.Exec(ctx)
	fmt.Printf("aborted: %v\n", a.Err())
	fmt.Printf("n is still %s\n", rdb.Get(ctx, "tx:n").Val())

	// 3. A script pipelined with ordinary commands. The server forgets
	// every script first: the first batch gets NOSCRIPT and sends EVAL in
	// a second round trip; after that the script runs by its SHA1.
	must(rdb.ScriptFlush(ctx).Err())
	counted := &roundTrips{Backend: backend}
	sc := redpipe.New()
	must(sc.Connect(redpipe.DefaultConn, counted))
	for range 3 {
		counted.n.Store(0)
		p := sc.Pipeline()
		hits := p.Incr("tx:hits")
		ok := Allow(p, "tx:limit", 2)
		must(p.Exec(ctx))
		fmt.Printf("script: hits=%d allowed=%v round trips=%d\n", hits.Val(), ok.Val(), counted.n.Load())
	}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
