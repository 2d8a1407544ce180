package redpipe_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/internal/embedded"
)

// slowExecs logs, with log/slog, every Exec slower than threshold and
// every command that failed: what a small service writes first.
type slowExecs struct {
	log       *slog.Logger
	threshold time.Duration
}

func (o slowExecs) ExecStart(ctx context.Context, _ *redpipe.ExecInfo) context.Context { return ctx }
func (o slowExecs) BatchStart(ctx context.Context, _ *redpipe.BatchInfo) context.Context {
	return ctx
}

func (o slowExecs) BatchEnd(ctx context.Context, b *redpipe.BatchInfo) {
	for _, f := range b.Failures() {
		o.log.WarnContext(ctx, "redis command failed", "conn", b.Conn,
			"command", b.Commands[f.Index].Name(), "status", f.Status, "transport", f.Transport)
	}
}

func (o slowExecs) ExecEnd(ctx context.Context, e *redpipe.ExecInfo) {
	if e.Duration < o.threshold {
		return
	}
	attrs := []any{"commands", len(e.Commands), "batches", len(e.Batches)}
	for _, l := range e.Labels {
		attrs = append(attrs, slog.Int("label."+l.Label, l.Commands))
	}
	o.log.InfoContext(ctx, "slow redis exec", attrs...)
}

// An Observer that logs slow Execs and failed commands with log/slog; the
// labels say which function queued what. (The threshold is 0 here so that
// the Example's one Exec is logged; the time and duration are left out of
// the output so that it stays the same from run to run.)
func ExampleWithObserver() {
	rdb, stop := embedded.Redis()
	defer stop()
	handler := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})
	c := redpipe.New(redpipe.WithObserver(slowExecs{log: slog.New(handler), threshold: 0}))
	if err := c.Connect(redpipe.DefaultConn, goredis.NewBackend(rdb)); err != nil {
		panic(err)
	}
	ctx := context.Background()

	p := c.Pipeline(redpipe.Label("handler"))
	visits := p.Pipeline(redpipe.Label("visits"))
	n := visits.Incr("visits:home")
	_ = visits.Exec(ctx)
	p.Set("page", "home", 0)
	p.LPush("page", "x") // the wrong type: fails
	_ = p.Exec(ctx)
	fmt.Println(n.Val())
	// Output:
	// level=WARN msg="redis command failed" conn=default command=LPUSH status=WRONGTYPE transport=false
	// level=INFO msg="slow redis exec" commands=3 batches=1 label.visits=1 label.handler=2
	// 1
}
