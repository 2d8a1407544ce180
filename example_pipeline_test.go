package redpipe_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/ports"
)

// New makes a Client; Connect registers a backend — here go-redis's client,
// reused as it is — under a name.
func ExampleNew() {
	rdb, stop := embedded.Redis() // redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	defer stop()

	c := redpipe.New()
	if err := c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb)); err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	p := c.Pipeline()
	hits := p.Incr("hits")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("hits:", hits.Val())
	// Output: hits: 1
}

// incrAndExpire is a reusable building block: it takes a Scope, so it works
// alone (given the Client) and composed (given a pipeline).
func incrAndExpire(ctx context.Context, s redpipe.Scope, key string) *redpipe.Future[int64] {
	p := s.Pipeline() // a root pipeline from a *Client, a nested one from a *Pipeline
	n := p.IncrBy(key, 1)
	p.Expire(key, time.Minute)
	p.Exec(ctx) // root: sends; nested: hands its commands to the parent
	return n
}

// A function taking a Scope makes its own round trip when given the Client,
// and folds into the caller's batch when given a pipeline.
func ExampleScope() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	hits := incrAndExpire(ctx, c, "hits") // alone: one round trip
	fmt.Println("alone:", hits.Val())

	p := c.Pipeline()
	a := incrAndExpire(ctx, p, "a") // composed: these two calls' four
	b := incrAndExpire(ctx, p, "b") // commands go out in one round trip
	fmt.Println("before Exec:", a.Ready())
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("composed:", a.Val(), b.Val())
	// Output:
	// alone: 1
	// before Exec: false
	// composed: 1 1
}

// OnExec callbacks run after the root Exec resolved every future, in the
// order they were registered across the whole tree.
func ExamplePipeline_OnExec() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	p := c.Pipeline()
	p.Set("greeting", "hello", 0)
	p.OnExec(func() { fmt.Println("root callback, registered first") })

	nested := p.Pipeline()
	g := nested.Get("greeting")
	nested.OnExec(func() { fmt.Println("nested callback sees", g.Val()) })
	nested.Exec(ctx) // hands its command and callback to p

	fmt.Println("nested Exec sent nothing:", !g.Ready())
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Exec returned")
	// Output:
	// nested Exec sent nothing: true
	// root callback, registered first
	// nested callback sees hello
	// Exec returned
}

// Autoexec executes the pipeline when fn returns nil; when fn returns an
// error, nothing is sent.
func ExampleAutoexec() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	var n *redpipe.Future[int64]
	err := redpipe.Autoexec(ctx, c, func(p *redpipe.Pipeline) error {
		n = p.Incr("visits")
		return nil
	})
	fmt.Println(n.Val(), err)

	errNoUser := errors.New("no such user")
	err = redpipe.Autoexec(ctx, c, func(p *redpipe.Pipeline) error {
		p.Incr("visits")
		return errNoUser
	})
	fmt.Println(err)

	visits := c.Pipeline()
	v := visits.Get("visits")
	visits.Exec(ctx)
	fmt.Println("visits:", v.Val())
	// Output:
	// 1 <nil>
	// no such user
	// visits: 1
}

// Watch reads through tx.Pipeline, queues its writes on tx.Multi, and runs
// fn again when a watched key changed before EXEC.
func ExampleClient_Watch() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	p := c.Pipeline()
	p.Set("balance", 100, 0)
	p.Exec(ctx)

	attempts := 0
	err := c.Watch(ctx, []string{"balance"}, func(tx *redpipe.Tx) error {
		attempts++
		r := tx.Pipeline()
		balance := r.Get("balance")
		if err := r.Exec(ctx); err != nil {
			return err
		}
		if attempts == 1 { // someone else writes the key meanwhile
			other := c.Pipeline()
			other.IncrBy("balance", 5)
			other.Exec(ctx)
		}
		n, err := strconv.Atoi(balance.Val())
		if err != nil {
			return err
		}
		fmt.Println("attempt", attempts, "read", n)
		tx.Multi().Set("balance", n-30, 0)
		return nil
	})
	fmt.Println("err:", err)

	r := c.Pipeline()
	balance := r.Get("balance")
	r.Exec(ctx)
	fmt.Println("balance:", balance.Val())
	// Output:
	// attempt 1 read 100
	// attempt 2 read 105
	// err: <nil>
	// balance: 75
}

// With WithTransaction, every batch the connection receives is one
// MULTI/EXEC, still in one round trip. A command Redis rejects while
// queuing aborts the whole batch.
func ExampleWithTransaction() {
	c, stop := embedded.Client(redpipe.WithTransaction())
	defer stop()
	ctx := context.Background()

	p := c.Pipeline()
	a := p.Incr("a")
	b := p.IncrBy("b", 10)
	fmt.Println(p.Exec(ctx), a.Val(), b.Val())

	p = c.Pipeline()
	a = p.Incr("a")
	// Rejected while queuing: wrong number of arguments. (Not an unknown
	// command: the embedded miniredis does not reject one inside MULTI as
	// Redis does.)
	p.Do("SET", "b")
	err := p.Exec(ctx)
	var aborted *redpipe.TxAbortedError
	fmt.Println(errors.As(err, &aborted), errors.As(a.Err(), &aborted))

	p = c.Pipeline()
	a = p.Incr("a")
	p.Exec(ctx)
	fmt.Println("a:", a.Val())
	// Output:
	// <nil> 1 10
	// true true
	// a: 2
}

// A Script goes out as EVALSHA inside the batch; a server that does not
// know it answers NOSCRIPT and only that command is resent as EVAL.
func ExampleNewScript() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	incrCapped := redpipe.NewScript(`
		local n = redis.call('INCRBY', KEYS[1], ARGV[1])
		if n > tonumber(ARGV[2]) then
			redis.call('SET', KEYS[1], ARGV[2])
			return tonumber(ARGV[2])
		end
		return n`)

	for range 3 {
		p := c.Pipeline()
		n := p.RunScript(incrCapped, []string{"counter"}, 4, 10)
		if err := p.Exec(ctx); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(n.Val())
	}
	// Output:
	// 4
	// 8
	// 10
}

// Cmd queues a command redpipe has no method for and decodes its reply with
// your function into a typed future.
func ExampleCmd() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	asInt := func(r ports.Reply) (int64, error) { return r.Int, nil }
	p := c.Pipeline()
	redpipe.Cmd(p, asInt, "SETBIT", "flags", 3, 1)
	redpipe.Cmd(p, asInt, "SETBIT", "flags", 5, 1)
	count := redpipe.Cmd(p, asInt, "BITCOUNT", "flags")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("bits set:", count.Val())
	// Output: bits set: 2
}

// Do queues any command and gives its reply as plain Go values.
func ExamplePipeline_Do() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()

	p := c.Pipeline()
	set := p.Do("HSET", "user:1", "name", "alice", "visits", 3)
	all := p.Do("HGETALL", "user:1")
	missing := p.Do("GET", "nope")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%T %v\n", set.Val(), set.Val())
	fmt.Printf("%T %v\n", all.Val(), all.Val())
	fmt.Println(errors.Is(missing.Err(), redpipe.ErrNil))
	// Output:
	// int64 2
	// map[string]interface {} map[name:alice visits:3]
	// true
}

// A function that must write atomically opens an Atomic pipeline on
// whatever Scope it is given: composed into a caller's pipeline, its
// MULTI ... EXEC travels in the caller's one round trip.
func ExampleAtomic() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	transfer := func(s redpipe.Scope, from, to string, n int64) (*redpipe.Future[int64], *redpipe.Future[int64]) {
		p := s.Pipeline(redpipe.Atomic())
		out, in := p.DecrBy(from, n), p.IncrBy(to, n)
		_ = p.Exec(ctx) // nested: hands its transaction to the caller
		return out, in
	}

	p := c.Pipeline()
	p.Set("alice", 100, 0)
	alice, bob := transfer(p, "alice", "bob", 30)
	total := p.Get("alice")
	fmt.Println(p.Exec(ctx), alice.Val(), bob.Val(), total.Val())
	// Output:
	// <nil> 70 30 70
}
