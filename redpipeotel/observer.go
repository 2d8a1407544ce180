package redpipeotel

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// instrumentation is the scope name of the tracer and the meter.
const instrumentation = "github.com/redpipe-go/redpipe/redpipeotel"

// durationBuckets are the semantic conventions' advice for
// db.client.operation.duration, in seconds.
var durationBuckets = []float64{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10}

var systemRedis = attribute.String("db.system.name", "redis")

type observer struct {
	tracer    trace.Tracer
	duration  metric.Float64Histogram
	queryText bool
}

var _ redpipe.Observer = (*observer)(nil)

// NewObserver returns an Observer that traces every root Exec and its
// connection batches and records their durations (see the package doc).
func NewObserver(opts ...Option) redpipe.Observer {
	c := config{}
	for _, o := range opts {
		o(&c)
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = otel.GetMeterProvider()
	}
	o := &observer{tracer: c.tp.Tracer(instrumentation), queryText: c.queryText}
	// An error here is a meter that cannot make the instrument; the SDK
	// then gives a no-op one, and tracing goes on.
	o.duration, _ = c.mp.Meter(instrumentation).Float64Histogram("db.client.operation.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of database client operations."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	return o
}

func (o *observer) ExecStart(ctx context.Context, e *redpipe.ExecInfo) context.Context {
	op := operationName(e.Commands, allTransactions(e.Batches))
	return o.start(ctx, e.Start, op, e.Commands, e.Labels)
}

func (o *observer) BatchStart(ctx context.Context, b *redpipe.BatchInfo) context.Context {
	op := operationName(b.Commands, b.Transaction)
	extra := append([]attribute.KeyValue{attribute.String("redpipe.connection", b.Conn)}, serverAttrs(b.Server)...)
	return o.start(ctx, b.Start, op, b.Commands, b.Labels, extra...)
}

// start starts the CLIENT span of an Exec or a batch: its operation, size,
// labels and, when asked, its commands, then extra.
func (o *observer) start(ctx context.Context, at time.Time, op string, cmds []ports.Command, labels []redpipe.LabelCount, extra ...attribute.KeyValue) context.Context {
	attrs := append([]attribute.KeyValue{systemRedis, attribute.String("db.operation.name", op)}, extra...)
	if n := len(cmds); n > 1 {
		attrs = append(attrs, attribute.Int("db.operation.batch.size", n))
	}
	if names := labelNames(labels); len(names) > 0 {
		attrs = append(attrs, attribute.StringSlice("redpipe.labels", names))
	}
	if o.queryText {
		attrs = append(attrs, attribute.String("db.query.text", queryText(cmds)))
	}
	ctx, _ = o.tracer.Start(ctx, op, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(at), trace.WithAttributes(attrs...))
	return ctx
}

func (o *observer) BatchEnd(ctx context.Context, b *redpipe.BatchInfo) {
	span := trace.SpanFromContext(ctx)
	errType, status, msg := batchError(b)
	metricAttrs := []attribute.KeyValue{systemRedis, attribute.String("redpipe.level", "batch"),
		attribute.String("db.operation.name", operationName(b.Commands, b.Transaction)),
		attribute.String("redpipe.connection", b.Conn)}
	metricAttrs = append(metricAttrs, serverAttrs(b.Server)...)
	// A backend that could not name its server up front (the cluster
	// router) may have said where the batch went.
	switch {
	case b.Server != "":
	case len(b.Servers) == 1:
		server := serverAttrs(b.Servers[0])
		span.SetAttributes(server...)
		metricAttrs = append(metricAttrs, server...)
	case len(b.Servers) > 1:
		span.SetAttributes(attribute.StringSlice("redpipe.servers", b.Servers))
	}
	if errType != "" {
		failed := []attribute.KeyValue{attribute.String("error.type", errType)}
		if status != "" {
			failed = append(failed, attribute.String("db.response.status_code", status))
		}
		span.SetAttributes(failed...)
		span.SetStatus(codes.Error, msg)
		metricAttrs = append(metricAttrs, failed...)
	}
	if b.Redirects > 0 {
		span.SetAttributes(attribute.Int("redpipe.redirects", b.Redirects))
	}
	if b.Retries > 0 {
		span.SetAttributes(attribute.Int("redpipe.retries", b.Retries))
	}
	if b.CoalescedExecs > 0 {
		span.SetAttributes(attribute.Int("redpipe.coalesced_execs", b.CoalescedExecs))
	}
	if b.CacheHits > 0 {
		span.SetAttributes(attribute.Int("redpipe.cache_hits", b.CacheHits))
	}
	span.End(trace.WithTimestamp(b.Start.Add(b.Duration)))
	o.duration.Record(ctx, b.Duration.Seconds(), metric.WithAttributes(metricAttrs...))
}

func (o *observer) ExecEnd(ctx context.Context, e *redpipe.ExecInfo) {
	span := trace.SpanFromContext(ctx)
	metricAttrs := []attribute.KeyValue{systemRedis, attribute.String("redpipe.level", "exec"),
		attribute.String("db.operation.name", operationName(e.Commands, allTransactions(e.Batches)))}
	if e.Err != nil {
		errType, status := execError(e.Err)
		failed := []attribute.KeyValue{attribute.String("error.type", errType)}
		if status != "" {
			failed = append(failed, attribute.String("db.response.status_code", status))
		}
		span.SetAttributes(failed...)
		span.SetStatus(codes.Error, e.Err.Error())
		metricAttrs = append(metricAttrs, failed...)
	}
	span.End(trace.WithTimestamp(e.Start.Add(e.Duration)))
	// ExecEnd's ctx holds the Exec's span: the record is an exemplar of it.
	o.duration.Record(ctx, e.Duration.Seconds(), metric.WithAttributes(metricAttrs...))
}

// operationName is PIPELINE, PIPELINE <CMD> when every command is the
// same one, or MULTI for a transaction connection's batches.
func operationName(cmds []ports.Command, transaction bool) string {
	if transaction {
		return "MULTI"
	}
	if len(cmds) == 0 {
		return "PIPELINE"
	}
	first := cmds[0].Name()
	for i := 1; i < len(cmds); i++ {
		if !strings.EqualFold(cmds[i].Name(), first) {
			return "PIPELINE"
		}
	}
	return "PIPELINE " + strings.ToUpper(first)
}

func allTransactions(batches []*redpipe.BatchInfo) bool {
	for _, b := range batches {
		if !b.Transaction {
			return false
		}
	}
	return len(batches) > 0
}

// labelNames are the labels that queued something, unlabelled commands
// ("") left out.
func labelNames(labels []redpipe.LabelCount) []string {
	var out []string
	for _, l := range labels {
		if l.Label != "" {
			out = append(out, l.Label)
		}
	}
	return out
}

func serverAttrs(server string) []attribute.KeyValue {
	if server == "" {
		return nil
	}
	host, port, err := net.SplitHostPort(server)
	if err != nil {
		return []attribute.KeyValue{attribute.String("server.address", server)}
	}
	attrs := []attribute.KeyValue{attribute.String("server.address", host)}
	if p, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, attribute.Int("server.port", p))
	}
	return attrs
}

// batchError is the batch's first failure as error.type and
// db.response.status_code, with a message naming how many failed.
func batchError(b *redpipe.BatchInfo) (errType, status, msg string) {
	failures := b.Failures()
	if len(failures) == 0 {
		return "", "", ""
	}
	f := failures[0]
	errType = "transport"
	if f.Status != "" {
		errType, status = f.Status, f.Status
	}
	return errType, status, strconv.Itoa(len(failures)) + " of " + strconv.Itoa(len(b.Commands)) +
		" command(s) failed; first: " + b.Commands[f.Index].Name() + ": " + f.Err.Error()
}

// execError is an Exec's error as error.type and db.response.status_code:
// the first failed command's Redis prefix, "transport", or the kind of
// failure redpipe itself found (a refused value, a panic).
func execError(err error) (errType, status string) {
	var ee *redpipe.ExecError
	if !errors.As(err, &ee) || len(ee.Errors) == 0 {
		if ee != nil && len(ee.Panics) > 0 {
			return "panic", ""
		}
		return "error", ""
	}
	cause := ee.Errors[0].Err
	var re *ports.RedisError
	var te *ports.TransportError
	switch {
	case errors.As(cause, &re):
		return re.Prefix(), re.Prefix()
	case errors.As(cause, &te), errors.Is(cause, context.Canceled), errors.Is(cause, context.DeadlineExceeded):
		return "transport", ""
	case errors.Is(cause, redpipe.ErrInvalidValue):
		return "invalid_value", ""
	}
	return "error", ""
}

// queryText is the commands, one per line, arguments included.
func queryText(cmds []ports.Command) string {
	var b strings.Builder
	for i := range cmds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Join(cmds[i].Args, " "))
	}
	return b.String()
}
