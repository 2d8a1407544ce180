package redistest

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// stopAllLimit bounds the graceful part of stopping everything; whatever is
// left after it is SIGKILLed.
const stopAllLimit = 8 * time.Second

// Main runs the tests, then stops every server this process started (shared
// or not) and returns m.Run's exit code. If the run failed it keeps the
// servers' directories (logs) and prints where they are on stderr; otherwise
// it removes them. On SIGINT or SIGTERM it stops the servers and exits with
// 130 or 143.
//
//	func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }
func Main(m *testing.M) int {
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	handlerDone := make(chan struct{})
	go func() {
		defer close(handlerDone)
		select {
		case sig := <-sigc:
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			fmt.Fprintf(os.Stderr, "redistest: %v: stopping redis servers\n", sig)
			cleanup(false)
			os.Exit(code)
		case <-done:
		}
	}()

	code := m.Run()

	signal.Stop(sigc)
	close(done)
	<-handlerDone
	cleanup(code == 0)
	return code
}

func cleanup(success bool) {
	if err := stopAll(stopAllLimit); err != nil {
		fmt.Fprintf(os.Stderr, "redistest: stopping servers: %v\n", err)
	}
	reg.mu.Lock()
	base := reg.base
	reg.mu.Unlock()
	if base == "" {
		return
	}
	if success {
		_ = os.RemoveAll(base)
		reg.mu.Lock()
		reg.base = ""
		reg.mu.Unlock()
		return
	}
	fmt.Fprintf(os.Stderr, "redistest: kept redis-server dirs and logs in %s\n", base)
}

// MainWithServer is Main for a package whose code reads a server address
// from an environment variable (an example's main, say): it starts shared
// server 0, sets env to its address, then runs Main. A server that cannot
// start fails the run with its reason on stderr.
//
//	func TestMain(m *testing.M) { os.Exit(redistest.MainWithServer(m, "REDIS_ADDR")) }
func MainWithServer(m *testing.M, env string) int {
	srv, err := SharedServer(context.Background(), 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, "redistest: starting redis-server:", err)
		cleanup(false)
		return 1
	}
	if err := os.Setenv(env, srv.Addr); err != nil {
		fmt.Fprintln(os.Stderr, "redistest:", err)
		cleanup(false)
		return 1
	}
	return Main(m)
}
