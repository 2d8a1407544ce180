// Command service is a small JSON API over Redis whose handlers compose
// redpipe functions (a profile, a visit counter, a rate limit script, a
// leaderboard) into one root pipeline, so that every request is one round
// trip to Redis.
//
//	go run ./examples/service                      # embedded in-process server
//	REDIS_ADDR=localhost:6379 go run ./examples/service
//	OTEL=stdout go run ./examples/service          # spans of every Exec on stdout
//
//	curl -X PUT -d '{"name":"Alice","age":30}' localhost:8080/users/alice
//	curl localhost:8080/users/alice
//	curl localhost:8080/leaderboard
//
// ADDR is the address to serve on (127.0.0.1:8080 unless set).
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/internal/embedded"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var opts []redpipe.ClientOption
	middleware := func(h http.Handler) http.Handler { return h }
	flush := func(context.Context) error { return nil }
	switch v := os.Getenv("OTEL"); v {
	case "":
	case "stdout":
		obs, mw, shutdown, err := stdoutTracing()
		must(err)
		opts, middleware, flush = append(opts, redpipe.WithObserver(obs)), mw, shutdown
	default:
		log.Fatalf("OTEL=%q: only stdout is known", v)
	}

	addr, cleanup, err := embedded.Addr("REDIS_ADDR", "")
	must(err)
	defer cleanup()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	c := redpipe.New(opts...)
	must(c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb)))
	svc, err := NewService(ctx, c)
	must(err)

	listen := os.Getenv("ADDR")
	if listen == "" {
		listen = "127.0.0.1:8080"
	}
	ln, err := net.Listen("tcp", listen)
	must(err)
	fmt.Printf("serving on http://%s\n", ln.Addr())
	srv := &http.Server{Handler: middleware(svc.Handler()), ReadHeaderTimeout: 5 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		log.Fatal(err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// In-flight requests finish before Redis is closed, and the batcher
	// holds spans back: without the flush the last ones are lost.
	must(srv.Shutdown(shutdownCtx))
	must(flush(shutdownCtx))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
