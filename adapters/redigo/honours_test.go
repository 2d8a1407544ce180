package redigo_test

import (
	"context"
	"testing"
	"time"

	"github.com/gomodule/redigo/redis"

	"github.com/redpipe-go/redpipe/adapters/redigo"
	"github.com/redpipe-go/redpipe/ports"
)

// plainConn hides redis.ConnWithContext, as an application's Dial that
// wraps its connections may.
type plainConn struct{ redis.Conn }

// TestDoesNotHonourContext: the backend does not say it honours ctx, and
// rightly: through a connection without ConnWithContext, a batch to a
// server that stopped answering runs to the driver's read timeout, long
// after ctx ended. The root's own wait is what keeps Exec prompt then.
func TestDoesNotHonourContext(t *testing.T) {
	ctx := testCtx(t)
	const readTimeout = 400 * time.Millisecond
	var pool *redis.Pool
	frozenServer(t, ctx, func(addr string) {
		pool = &redis.Pool{Dial: func() (redis.Conn, error) {
			c, err := redis.Dial("tcp", addr, redis.DialReadTimeout(readTimeout))
			return plainConn{c}, err
		}}
		c := pool.Get() // warm one connection while the server answers
		if _, err := c.Do("PING"); err != nil {
			t.Fatal(err)
		}
		_ = c.Close()
	})
	t.Cleanup(func() { _ = pool.Close() })
	b := redigo.NewBackend(pool)
	if ports.HonoursContext(b) {
		t.Fatal("HonoursContext = true")
	}
	ectx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	out := make([]ports.Result, 1)
	b.Exec(ectx, []ports.Command{command("PING")}, out)
	if took := time.Since(start); took < readTimeout-50*time.Millisecond {
		t.Errorf("Exec returned after %v, before the read timeout (%v): this connection can be aborted after all?", took, readTimeout)
	}
	if out[0].Err == nil {
		t.Error("PING to a frozen server succeeded")
	}
}
