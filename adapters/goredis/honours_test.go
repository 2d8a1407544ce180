package goredis_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/ports"
)

// silent accepts connections and never answers: a hung server, and a
// cluster whose topology never loads.
func silent(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		<-done
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return ln.Addr().String()
}

// TestHonoursContextOnEveryPath: the backend says it honours ctx, and so
// it does on every path that waits for the driver — a pipeline, a
// transaction block whose cluster node is still being looked up, a pinned
// connection binding to its node — against a server that never answers,
// with go-redis's own timeouts far beyond ctx's.
func TestHonoursContextOnEveryPath(t *testing.T) {
	addr := silent(t)
	long := 5 * time.Second
	client := redis.NewClient(&redis.Options{Addr: addr, ReadTimeout: long, WriteTimeout: long, DialTimeout: long, MaxRetries: -1})
	cluster := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{addr}, ReadTimeout: long, WriteTimeout: long, DialTimeout: long, MaxRetries: -1})
	t.Cleanup(func() { _ = client.Close(); _ = cluster.Close() })

	tx := []ports.Command{command("MULTI"), {Args: []string{"INCR", "k"}, Keys: []int{1}}, command("EXEC"), command("PING")}
	cases := []struct {
		name string
		b    func(t *testing.T) ports.Backend
		cmds []ports.Command
	}{
		{"client pipeline", func(*testing.T) ports.Backend { return goredis.NewBackend(client) }, []ports.Command{command("PING")}},
		{"cluster transaction block", func(*testing.T) ports.Backend { return goredis.NewBackend(cluster) }, tx},
		{"pinned client", func(t *testing.T) ports.Backend { return pin(t, goredis.NewBackend(client)) }, []ports.Command{command("PING")}},
		{"pinned cluster binding", func(t *testing.T) ports.Backend { return pin(t, goredis.NewBackend(cluster)) }, tx[1:2]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := c.b(t)
			if !ports.HonoursContext(b) {
				t.Fatalf("%T: HonoursContext = false, want true", b)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			dl, _ := ctx.Deadline()
			out := make([]ports.Result, len(c.cmds))
			b.Exec(ctx, c.cmds, out)
			if late := time.Since(dl); late > 100*time.Millisecond {
				t.Errorf("Exec returned %v after ctx's deadline, want within 100ms", late)
			}
			for i, r := range out {
				if !errorsIsDeadline(r.Err) {
					t.Errorf("out[%d].Err = %v, want one that reaches context.DeadlineExceeded", i, r.Err)
				}
			}
		})
	}
}

func pin(t *testing.T, b ports.Backend) ports.Pinned {
	p, err := b.(ports.Pinner).Pin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Release)
	return p
}

func errorsIsDeadline(err error) bool {
	return err != nil && (err == context.DeadlineExceeded || isWrapped(err))
}

func isWrapped(err error) bool {
	te, ok := err.(*ports.TransportError)
	return ok && te.MaybeWritten && te.Err == context.DeadlineExceeded
}
