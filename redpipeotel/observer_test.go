package redpipeotel_test

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
	"github.com/redpipe-go/redpipe/redpipeotel"
)

// telemetry is an SDK tracer and meter provider whose spans and metrics a
// test reads back.
type telemetry struct {
	spans  *tracetest.SpanRecorder
	tp     *sdktrace.TracerProvider
	reader *sdkmetric.ManualReader
	mp     *sdkmetric.MeterProvider
}

func newTelemetry() *telemetry {
	// Delta temporality: each Collect gives what was recorded since the
	// last, so a test can drop what its arrange recorded.
	delta := func(sdkmetric.InstrumentKind) metricdata.Temporality { return metricdata.DeltaTemporality }
	t := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader(sdkmetric.WithTemporalitySelector(delta))}
	t.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(t.spans))
	t.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(t.reader))
	return t
}

// observer is a redpipeotel Observer over tel's providers.
func (tel *telemetry) observer(opts ...redpipeotel.Option) redpipe.Observer {
	opts = append([]redpipeotel.Option{redpipeotel.WithTracerProvider(tel.tp), redpipeotel.WithMeterProvider(tel.mp)}, opts...)
	return redpipeotel.NewObserver(opts...)
}

func (tel *telemetry) client(t *testing.T, main ports.Backend, opts ...redpipeotel.Option) *redpipe.Client {
	t.Helper()
	c := redpipe.New(redpipe.WithObserver(tel.observer(opts...)))
	if err := c.Connect(redpipe.DefaultConn, main); err != nil {
		t.Fatal(err)
	}
	return c
}

func attrs(s sdktrace.ReadOnlySpan) map[string]any {
	out := map[string]any{}
	for _, kv := range s.Attributes() {
		out[string(kv.Key)] = kv.Value.AsInterface()
	}
	return out
}

func byName(spans []sdktrace.ReadOnlySpan, name string) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range spans {
		if s.Name() == name {
			out = append(out, s)
		}
	}
	return out
}

// tags holds one hash tag per running test, so that a test's keys share
// a slot and no two runs share keys.
var tags sync.Map // *testing.T -> string

// key is a key of the test, all of one test under one hash tag.
func key(t *testing.T, name string) string {
	tag, _ := tags.LoadOrStore(t, fmt.Sprintf("otel-%s-%d", t.Name(), time.Now().UnixNano()))
	return "{" + tag.(string) + "}:" + name
}

func equalAttrs(t *testing.T, what string, got, want map[string]any) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok || fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s: %s = %v (present %v), want %v", what, k, g, ok, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected attribute %s = %v", what, k, got[k])
		}
	}
}

// TestSpanTree proves, on every adapter, the router and both topologies,
// the spans and the metric of an Exec over two connections with nested
// labelled pipelines, a Redis error and a nil reply.
func TestSpanTree(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			tel := newTelemetry()
			main := b.open(t)
			var connOpts []redpipe.ConnOption
			if b.coalescing {
				connOpts = append(connOpts, redpipe.WithCoalescing())
			}
			c := redpipe.New(redpipe.WithObserver(tel.observer()))
			if err := c.Connect(redpipe.DefaultConn, main, connOpts...); err != nil {
				t.Fatal(err)
			}
			second := goredisBackend(t, sharedAddr(t, 1))
			if err := c.Connect("second", second); err != nil {
				t.Fatal(err)
			}
			k, list, n := key(t, "k"), key(t, "list"), key(t, "n")

			ctx, request := tel.tp.Tracer("test").Start(t.Context(), "request")
			arrange := c.Pipeline()
			arrange.RPush(list, "x")
			if err := arrange.Exec(ctx); err != nil {
				t.Fatal(err)
			}
			tel.spans.Reset()
			if err := tel.reader.Collect(ctx, &metricdata.ResourceMetrics{}); err != nil { // drop the arrange's records
				t.Fatal(err)
			}

			p := c.Pipeline(redpipe.Label("handler"))
			p.Set(k, "v", 0)
			profile := p.Pipeline(redpipe.Label("profile"))
			get := profile.Get(k)
			missing := profile.Get(k + "-missing")
			wrong := profile.Incr(list)
			counter := p.Pipeline(redpipe.On("second"), redpipe.Label("counter"))
			incr := counter.Incr(n)
			_ = profile.Exec(ctx)
			_ = counter.Exec(ctx)
			if err := p.Exec(ctx); err == nil {
				t.Fatal("Exec: nil, want the INCR of a list's error")
			}
			request.End()
			if get.Val() != "v" || !errorsIsNil(missing.Err()) || wrong.Err() == nil || incr.Val() != 1 {
				t.Fatalf("results: %q %v %v %v", get.Val(), missing.Err(), wrong.Err(), incr.Val())
			}

			spans := tel.spans.Ended()
			if len(spans) != 4 {
				t.Fatalf("%d spans ended, want 4 (request, Exec, two batches): %v", len(spans), spanNames(spans))
			}
			execs := byName(spans, "PIPELINE")
			if len(execs) != 2 {
				t.Fatalf("spans named PIPELINE: %d, want the Exec's and the default batch's: %v", len(execs), spanNames(spans))
			}
			var exec, mainBatch sdktrace.ReadOnlySpan
			for _, s := range execs {
				if s.Parent().SpanID() == request.SpanContext().SpanID() {
					exec = s
				} else {
					mainBatch = s
				}
			}
			if exec == nil || mainBatch == nil {
				t.Fatalf("no Exec span under the request's: %v", spanNames(spans))
			}
			secondBatches := byName(spans, "PIPELINE INCR")
			if len(secondBatches) != 1 {
				t.Fatalf("second connection's batch span: %v", spanNames(spans))
			}
			secondBatch := secondBatches[0]
			for _, s := range []sdktrace.ReadOnlySpan{exec, mainBatch, secondBatch} {
				if s.SpanKind() != trace.SpanKindClient {
					t.Errorf("%s: kind %v, want client", s.Name(), s.SpanKind())
				}
			}
			if mainBatch.Parent().SpanID() != exec.SpanContext().SpanID() || secondBatch.Parent().SpanID() != exec.SpanContext().SpanID() {
				t.Errorf("batch spans are not children of the Exec's")
			}
			if exec.SpanContext().TraceID() != request.SpanContext().TraceID() {
				t.Errorf("the Exec's span is not in the request's trace")
			}

			equalAttrs(t, "exec span", attrs(exec), map[string]any{
				"db.system.name": "redis", "db.operation.name": "PIPELINE", "db.operation.batch.size": 5,
				"redpipe.labels": []string{"handler", "profile", "counter"},
				"error.type":     "WRONGTYPE", "db.response.status_code": "WRONGTYPE",
			})
			if exec.Status().Code != codes.Error {
				t.Errorf("exec span status %v, want Error", exec.Status())
			}
			wantMain := map[string]any{
				"db.system.name": "redis", "db.operation.name": "PIPELINE", "db.operation.batch.size": 4,
				"redpipe.connection": "default", "redpipe.labels": []string{"handler", "profile"},
				"error.type": "WRONGTYPE", "db.response.status_code": "WRONGTYPE",
			}
			switch {
			case b.addr:
				host, port := splitAddr(t, sharedAddr(t, 0))
				wantMain["server.address"], wantMain["server.port"] = host, port
			case b.node:
				host, port := splitAddr(t, owner(t, k))
				wantMain["server.address"], wantMain["server.port"] = host, port
			}
			if b.coalescing {
				wantMain["redpipe.coalesced_execs"] = 1 // alone in its send
			}
			equalAttrs(t, "default batch span", attrs(mainBatch), wantMain)
			if mainBatch.Status().Code != codes.Error || mainBatch.Status().Description != "1 of 4 command(s) failed; first: INCR: WRONGTYPE Operation against a key holding the wrong kind of value" {
				t.Errorf("default batch status %+v", mainBatch.Status())
			}
			host, port := splitAddr(t, sharedAddr(t, 1))
			equalAttrs(t, "second batch span", attrs(secondBatch), map[string]any{
				"db.system.name": "redis", "db.operation.name": "PIPELINE INCR",
				"redpipe.connection": "second", "redpipe.labels": []string{"counter"},
				"server.address": host, "server.port": port,
			})
			if secondBatch.Status().Code != codes.Unset {
				t.Errorf("second batch status %+v: its one command succeeded", secondBatch.Status())
			}
			if !exec.StartTime().Before(mainBatch.StartTime()) && !exec.StartTime().Equal(mainBatch.StartTime()) || mainBatch.EndTime().After(exec.EndTime()) {
				t.Errorf("the batch's span is not within the Exec's")
			}

			checkDuration(t, tel, []map[string]any{
				{"db.system.name": "redis", "redpipe.level": "exec", "db.operation.name": "PIPELINE", "error.type": "WRONGTYPE", "db.response.status_code": "WRONGTYPE"},
				without(wantMain, "db.operation.batch.size", "redpipe.labels", "redpipe.coalesced_execs", "redpipe.level:batch"),
				{"db.system.name": "redis", "redpipe.level": "batch", "db.operation.name": "PIPELINE INCR", "redpipe.connection": "second", "server.address": host, "server.port": port},
			})
		})
	}
}

// without copies m without the named keys; "k:v" sets k to v.
func without(m map[string]any, keys ...string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	for _, k := range keys {
		if name, v, ok := cutColon(k); ok {
			out[name] = v
			continue
		}
		delete(out, k)
	}
	return out
}

func cutColon(s string) (string, string, bool) {
	for i := range s {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}

func splitAddr(t *testing.T, addr string) (string, int) {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := strconv.Atoi(port)
	return host, p
}

func spanNames(spans []sdktrace.ReadOnlySpan) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Name()
	}
	return out
}

func errorsIsNil(err error) bool { return err != nil && err.Error() == redpipe.ErrNil.Error() }

// checkDuration collects db.client.operation.duration and wants exactly
// one data point of count 1 per attribute set in want, in seconds.
func checkDuration(t *testing.T, tel *telemetry, want []map[string]any) {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	var points []metricdata.HistogramDataPoint[float64]
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != "db.client.operation.duration" {
				continue
			}
			if m.Unit != "s" {
				t.Errorf("unit %q, want s", m.Unit)
			}
			h, ok := m.Data.(metricdata.Histogram[float64])
			if !ok {
				t.Fatalf("data %T, want a float64 histogram", m.Data)
			}
			points = append(points, h.DataPoints...)
		}
	}
	if len(points) != len(want) {
		t.Fatalf("%d data points, want %d: %v", len(points), len(want), pointAttrs(points))
	}
	for _, w := range want {
		found := false
		for _, p := range points {
			got := map[string]any{}
			for _, kv := range p.Attributes.ToSlice() {
				got[string(kv.Key)] = kv.Value.AsInterface()
			}
			if fmt.Sprint(got) == fmt.Sprint(w) {
				found = true
				if p.Count != 1 || p.Sum <= 0 || p.Sum > 10 {
					t.Errorf("%v: count %d sum %v, want one record of some seconds", w, p.Count, p.Sum)
				}
				if !slices.Equal(p.Bounds, []float64{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10}) {
					t.Errorf("bucket bounds %v", p.Bounds)
				}
			}
		}
		if !found {
			t.Errorf("no data point with attributes %v; have %v", w, pointAttrs(points))
		}
	}
}

// TestQueryTextOnlyWhenAsked: db.query.text carries the commands with
// their arguments only under WithQueryText; a span of one kind of command
// is named after it; a transaction connection's is MULTI.
func TestQueryTextOnlyWhenAsked(t *testing.T) {
	for _, asked := range []bool{false, true} {
		tel := newTelemetry()
		var opts []redpipeotel.Option
		if asked {
			opts = append(opts, redpipeotel.WithQueryText())
		}
		c := tel.client(t, goredisBackend(t, sharedAddr(t, 0)), opts...)
		k := key(t, "q")
		p := c.Pipeline()
		p.Get(k)
		p.Get(k + "2")
		if err := p.Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
		spans := tel.spans.Ended()
		if len(spans) != 2 || spans[0].Name() != "PIPELINE GET" || spans[1].Name() != "PIPELINE GET" {
			t.Fatalf("spans %v, want two PIPELINE GET", spanNames(spans))
		}
		for _, s := range spans {
			text, ok := attrs(s)["db.query.text"]
			switch {
			case asked && text != "GET "+k+"\nGET "+k+"2":
				t.Errorf("asked: db.query.text %q", text)
			case !asked && ok:
				t.Errorf("not asked, yet db.query.text %q", text)
			}
			if s.Status().Code != codes.Unset {
				t.Errorf("two nil replies set status %+v: a nil reply is not an error", s.Status())
			}
		}
	}

	tel := newTelemetry()
	c := redpipe.New(redpipe.WithObserver(tel.observer()))
	if err := c.Connect("tx", goredisBackend(t, sharedAddr(t, 0)), redpipe.WithTransaction()); err != nil {
		t.Fatal(err)
	}
	p := c.Pipeline(redpipe.On("tx"))
	p.Incr(key(t, "a"))
	p.Set(key(t, "b"), "v", 0)
	if err := p.Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	spans := tel.spans.Ended()
	if len(spans) != 2 || spans[0].Name() != "MULTI" || spans[1].Name() != "MULTI" {
		t.Fatalf("spans %v, want the batch's and the Exec's, both MULTI", spanNames(spans))
	}
	if got := attrs(spans[1])["db.operation.name"]; got != "MULTI" {
		t.Errorf("db.operation.name %v", got)
	}
}

func pointAttrs(points []metricdata.HistogramDataPoint[float64]) []string {
	out := make([]string, len(points))
	for i, p := range points {
		out[i] = p.Attributes.Encoded(attribute.DefaultEncoder())
	}
	return out
}
