package bench

import (
	"context"
	"testing"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
	"github.com/redpipe-go/redpipe/redpipeotel"
)

// discardSpans is an exporter that drops what it is given: the variant
// pays for making, recording and batching spans as a service would, but
// not for a collector's network.
type discardSpans struct{}

func (discardSpans) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return nil }
func (discardSpans) Shutdown(context.Context) error                             { return nil }

// newOtelRedpipe is newRedpipe with redpipeotel watching it: the SDK's
// tracer provider, every span sampled and batched, and a meter provider
// whose histogram aggregates in memory (a manual reader nobody reads).
func newOtelRedpipe(tb testing.TB, b ports.Backend, opts ...redpipe.ConnOption) *redpipe.Client {
	tb.Helper()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()), sdktrace.WithBatcher(discardSpans{}))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	tb.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	c := redpipe.New(redpipe.WithObserver(redpipeotel.NewObserver(redpipeotel.WithTracerProvider(tp), redpipeotel.WithMeterProvider(mp))))
	if err := c.Connect(redpipe.DefaultConn, b, opts...); err != nil {
		tb.Fatal(err)
	}
	return c
}
