// Package embedded gives the runnable Examples of the root, keyspace and
// structs packages an in-process Redis (miniredis), so that they run — and
// check their // Output — without a server. An application connects the
// go-redis client it already has the same way Client does here.
package embedded

import (
	"fmt"
	"os"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
)

// Redis starts an in-process Redis and gives a go-redis client on it and a
// func that closes both.
func Redis() (*redis.Client, func()) {
	mr, err := miniredis.Run()
	if err != nil {
		panic(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	return rdb, func() { rdb.Close(); mr.Close() }
}

// Client is a Client whose DefaultConn is an in-process Redis, connected
// with opts, and a func that closes it.
func Client(opts ...redpipe.ConnOption) (*redpipe.Client, func()) {
	rdb, stop := Redis()
	c := redpipe.New()
	if err := c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb), opts...); err != nil {
		stop()
		panic(err)
	}
	return c, stop
}

// Addr is the address in the environment variable env when it is set, and
// otherwise that of an in-process Redis started for the caller, which it
// announces on stdout ("<env> not set: using an embedded in-process Redis
// (miniredis)", then for, if not empty), so that whoever runs an example
// sees which server answered; stop closes what Addr started.
func Addr(env, forWhat string) (addr string, stop func(), err error) {
	if addr := os.Getenv(env); addr != "" {
		return addr, func() {}, nil
	}
	if forWhat != "" {
		forWhat = " " + forWhat
	}
	fmt.Printf("%s not set: using an embedded in-process Redis (miniredis)%s\n", env, forWhat)
	m, err := miniredis.Run()
	if err != nil {
		return "", nil, err
	}
	return m.Addr(), m.Close, nil
}
