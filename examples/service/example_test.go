package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/ports"
)

// roundTrips counts the backend's Execs: each is one round trip to the one
// server, a NOSCRIPT's EVAL included.
type roundTrips struct {
	ports.Backend
	n atomic.Int64
}

func (b *roundTrips) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	b.n.Add(1)
	b.Backend.Exec(ctx, cmds, out)
}

// labels records the labels of the last Exec, as "label=commands ...".
type labels struct{ last atomic.Value }

func (l *labels) ExecStart(ctx context.Context, e *redpipe.ExecInfo) context.Context {
	var b strings.Builder
	for _, lc := range e.Labels {
		fmt.Fprintf(&b, "%s=%d ", lc.Label, lc.Commands)
	}
	l.last.Store(strings.TrimSpace(b.String()))
	return ctx
}
func (*labels) BatchStart(ctx context.Context, _ *redpipe.BatchInfo) context.Context { return ctx }
func (*labels) BatchEnd(context.Context, *redpipe.BatchInfo)                         {}
func (*labels) ExecEnd(context.Context, *redpipe.ExecInfo)                           {}

// api is the API served on an embedded server.
type api struct {
	url    string
	trips  *roundTrips
	labels *labels
	stop   func()
}

func start(opts ...Option) (*api, error) {
	m, err := miniredis.Run()
	if err != nil {
		return nil, err
	}
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
	a := &api{trips: &roundTrips{Backend: goredis.NewBackend(rdb)}, labels: &labels{}}
	c := redpipe.New(redpipe.WithObserver(a.labels))
	if err := c.Connect(redpipe.DefaultConn, a.trips); err != nil {
		return nil, err
	}
	svc, err := NewService(context.Background(), c, opts...)
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(svc.Handler())
	a.url = srv.URL
	a.stop = func() { srv.Close(); rdb.Close(); m.Close() }
	return a, nil
}

// call sends one request and returns the status and body.
func (a *api) call(method, path, body string) (int, string, error) {
	req, err := http.NewRequest(method, a.url+path, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b)), err
}

// The API driven over HTTP on an embedded server, with a limit of two
// profile reads a minute so that the third is refused.
func Example() {
	a, err := start(WithRateLimit(2, time.Minute))
	if err != nil {
		panic(err)
	}
	defer a.stop()
	for _, r := range []struct{ method, path, body string }{
		{"PUT", "/users/alice", `{"name":"Alice","age":30}`},
		{"PUT", "/users/bob", `{"name":"Bob","age":25}`},
		{"GET", "/users/alice", ""},
		{"GET", "/users/alice", ""},
		{"GET", "/users/bob", ""},
		{"GET", "/leaderboard", ""},
		{"GET", "/users/alice", ""},
		{"GET", "/users/carol", ""},
		{"PUT", "/users/bob", `{"name":"Bob","height":180}`},
		{"GET", "/leaderboard?n=0", ""},
	} {
		status, body, err := a.call(r.method, r.path, r.body)
		if err != nil {
			panic(err)
		}
		fmt.Println(r.method, r.path, status, body)
	}
	// Output:
	// PUT /users/alice 200 {"id":"alice","name":"Alice","age":30}
	// PUT /users/bob 200 {"id":"bob","name":"Bob","age":25}
	// GET /users/alice 200 {"id":"alice","name":"Alice","age":30,"visits":1,"total_visits":1,"rank":1,"requests":1,"limit":2}
	// GET /users/alice 200 {"id":"alice","name":"Alice","age":30,"visits":2,"total_visits":2,"rank":1,"requests":2,"limit":2}
	// GET /users/bob 200 {"id":"bob","name":"Bob","age":25,"visits":1,"total_visits":1,"rank":2,"requests":1,"limit":2}
	// GET /leaderboard 200 {"top":[{"rank":1,"id":"alice","visits":2},{"rank":2,"id":"bob","visits":1}]}
	// GET /users/alice 429 {"error":"more than 2 requests in 1m0s"}
	// GET /users/carol 404 {"error":"user \"carol\" not found"}
	// PUT /users/bob 400 {"error":"invalid profile: json: unknown field \"height\""}
	// GET /leaderboard?n=0 400 {"error":"n must be an integer from 1 to 100"}
}

// Every request, whatever it composes and however it ends, is one round
// trip.
func TestOneRoundTripPerRequest(t *testing.T) {
	a, err := start(WithRateLimit(1, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	defer a.stop()
	for _, r := range []struct {
		method, path, body string
		status             int
		labels             string
	}{
		{"PUT", "/users/alice", `{"name":"Alice","age":30}`, 200, "profile=2"},
		{"GET", "/users/alice", "", 200, "ratelimit=1 profile=1 visits=2 leaderboard=2"},
		{"GET", "/users/alice", "", 429, "ratelimit=1 profile=1 visits=2 leaderboard=2"},
		{"GET", "/users/nobody", "", 404, "ratelimit=1 profile=1 visits=2 leaderboard=2"},
		{"GET", "/leaderboard", "", 200, "leaderboard=1"},
	} {
		before := a.trips.n.Load()
		status, body, err := a.call(r.method, r.path, r.body)
		if err != nil {
			t.Fatal(err)
		}
		if status != r.status {
			t.Errorf("%s %s: status %d (%s), want %d", r.method, r.path, status, body, r.status)
		}
		if n := a.trips.n.Load() - before; n != 1 {
			t.Errorf("%s %s: %d round trips, want 1", r.method, r.path, n)
		}
		if got := a.labels.last.Load(); got != r.labels {
			t.Errorf("%s %s: labels %q, want %q", r.method, r.path, got, r.labels)
		}
	}
}
