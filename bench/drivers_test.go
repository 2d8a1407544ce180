package bench

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	goredis "github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// setupTimeout bounds starting servers and connecting to them.
const setupTimeout = 60 * time.Second

// standalone returns the address of shared standalone server i.
func standalone(tb testing.TB, i int) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	s, err := redistest.SharedServer(ctx, i)
	if err != nil {
		tb.Fatal(err)
	}
	return s.Addr
}

// proxied puts a proxy adding rtt per round trip in front of addr.
func proxied(tb testing.TB, addr string, rtt time.Duration) string {
	tb.Helper()
	p, err := redistest.NewProxy(addr, rtt/2) // the delay applies each way
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p.Addr
}

func newGoRedis(tb testing.TB, addr string) *goredis.Client {
	c := goredis.NewClient(&goredis.Options{Addr: addr})
	tb.Cleanup(func() { c.Close() })
	return c
}

func newRedigo(tb testing.TB, addr string) *redigo.Pool {
	p := redigoPool(addr)
	tb.Cleanup(func() { p.Close() })
	return p
}

func redigoPool(addr string) *redigo.Pool {
	return &redigo.Pool{
		MaxIdle:     8,
		IdleTimeout: time.Minute,
		DialContext: func(ctx context.Context) (redigo.Conn, error) {
			return redigo.DialContext(ctx, "tcp", addr)
		},
	}
}

func newRueidis(tb testing.TB, addrs ...string) rueidis.Client {
	tb.Helper()
	c, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: addrs})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.Close)
	return c
}

// newRedpipe returns a redpipe client with b as its default connection.
func newRedpipe(tb testing.TB, b ports.Backend, opts ...redpipe.ConnOption) *redpipe.Client {
	tb.Helper()
	c := redpipe.New()
	if err := c.Connect(redpipe.DefaultConn, b, opts...); err != nil {
		tb.Fatal(err)
	}
	return c
}

// nonce makes the keys of every check run fresh, so that an INCR's exact
// value is known. The servers live as long as the test binary.
var nonce atomic.Int64

func freshPrefix(name string) string {
	return "chk:" + name + ":" + itoa(int(nonce.Add(1))) + ":"
}
