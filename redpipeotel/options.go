package redpipeotel

import (
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// Option configures NewObserver.
type Option func(*config)

type config struct {
	tp        trace.TracerProvider
	mp        metric.MeterProvider
	queryText bool
}

// WithTracerProvider makes the Observer start its spans with tp's tracer;
// without it, the global provider's (otel.GetTracerProvider).
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.tp = tp }
}

// WithMeterProvider makes the Observer record its metric with mp's meter;
// without it, the global provider's (otel.GetMeterProvider).
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) { c.mp = mp }
}

// WithQueryText records each span's commands, arguments included, as
// db.query.text: one command per line. Arguments are the application's
// values (keys, members, payloads), which is why it is off by default.
func WithQueryText() Option { return func(c *config) { c.queryText = true } }
