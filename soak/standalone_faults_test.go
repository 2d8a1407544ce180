package soak

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// target is the servers under one configuration: where the client
// connects, the fault schedule run during the load, how to put everything
// back, and how to read a counter without redpipe (the truth the futures
// are checked against).
type target interface {
	seeds() []string
	// chaos injects the faults, in order, while the load runs (started is
	// when it began), and returns what it did with its timings. It returns
	// when the last fault is over; an error is a fault that could not be
	// injected as planned.
	chaos(ctx context.Context, started time.Time) ([]Fault, error)
	// heal makes every server run, unfrozen, and (a cluster) ready.
	heal(ctx context.Context) error
	read(ctx context.Context, key string) (int64, error)
}

// durable are the arguments every soak server runs with: an acknowledged
// write is on disk before its reply is sent, so a SIGKILL and restart
// loses none, and any loss the soak finds is the client's doing.
var durable = []string{"--appendonly", "yes", "--appendfsync", "always"}

// standalone is one redis-server.
type standalone struct{ srv *redistest.Server }

func startStandalone(ctx context.Context) (*standalone, error) {
	srv, err := redistest.StartServer(ctx, redistest.WithArgs(durable...))
	if err != nil {
		return nil, err
	}
	return &standalone{srv: srv}, nil
}

func (s *standalone) seeds() []string { return []string{s.srv.Addr} }

// The standalone schedule, relative to the start of the load: two SIGKILLs
// each followed half a second later by a restart (connections refused in
// between, the AOF replayed on start), and a SIGSTOP of 2 s between them
// (the server accepts connections and never answers: every Exec then ends
// at its deadline).
const (
	firstKill  = 2 * time.Second
	freezeAt   = 5 * time.Second
	freezeFor  = 2 * time.Second
	secondKill = 8500 * time.Millisecond
	downFor    = 500 * time.Millisecond
)

func (s *standalone) chaos(ctx context.Context, started time.Time) ([]Fault, error) {
	var done []Fault
	for _, step := range []func(context.Context, time.Time) (Fault, error){
		s.killAt(firstKill),
		s.freezeAt(freezeAt, freezeFor),
		s.killAt(secondKill),
	} {
		what, err := step(ctx, started)
		if err != nil {
			return done, err
		}
		done = append(done, what)
	}
	return done, nil
}

// killAt SIGKILLs the server at `at` and restarts it downFor later.
func (s *standalone) killAt(at time.Duration) func(context.Context, time.Time) (Fault, error) {
	return func(ctx context.Context, started time.Time) (Fault, error) {
		if err := sleepUntil(ctx, started.Add(at)); err != nil {
			return Fault{}, err
		}
		if err := s.srv.Kill(); err != nil {
			return Fault{}, err
		}
		killed := time.Since(started)
		if err := sleepUntil(ctx, started.Add(at+downFor)); err != nil {
			return Fault{}, err
		}
		restarted := time.Since(started)
		if err := s.srv.Restart(ctx); err != nil {
			return Fault{}, err
		}
		return Fault{Short: "SIGKILL, restart " + downFor.String() + " later",
			Detail: fmt.Sprintf("SIGKILL at %s, restart at %s (answering, AOF replayed, at %s)", secs(killed), secs(restarted), secs(time.Since(started)))}, nil
	}
}

// freezeAt SIGSTOPs the server at `at` and SIGCONTs it d later.
func (s *standalone) freezeAt(at, d time.Duration) func(context.Context, time.Time) (Fault, error) {
	return func(ctx context.Context, started time.Time) (Fault, error) {
		if err := sleepUntil(ctx, started.Add(at)); err != nil {
			return Fault{}, err
		}
		if err := s.srv.Freeze(); err != nil {
			return Fault{}, err
		}
		frozen := time.Since(started)
		// Thaw even when ctx ended: a frozen server would hang the heal.
		_ = sleepUntil(ctx, started.Add(at+d))
		if err := s.srv.Thaw(); err != nil {
			return Fault{}, err
		}
		return Fault{Short: "SIGSTOP " + d.String(),
			Detail: fmt.Sprintf("SIGSTOP at %s, SIGCONT at %s", secs(frozen), secs(time.Since(started)))}, nil
	}
}

func (s *standalone) heal(ctx context.Context) error {
	if s.srv.Frozen() {
		if err := s.srv.Thaw(); err != nil {
			return err
		}
	}
	if !s.srv.Running() {
		return s.srv.Restart(ctx)
	}
	return nil
}

func (s *standalone) read(ctx context.Context, key string) (int64, error) {
	v, err := redistest.Do(ctx, s.srv.Addr, "GET", key)
	return counterValue(key, v, err)
}

// counterValue turns a raw GET reply into a counter: nil (never written) is 0.
func counterValue(key string, v any, err error) (int64, error) {
	if err != nil {
		return 0, fmt.Errorf("GET %s: %w", key, err)
	}
	switch v := v.(type) {
	case nil:
		return 0, nil
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("GET %s = %q: not a counter", key, v)
		}
		return n, nil
	}
	return 0, fmt.Errorf("GET %s replied %T %v", key, v, v)
}

func sleepUntil(ctx context.Context, t time.Time) error {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// secs prints a time since the load started as the report shows it.
func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }
