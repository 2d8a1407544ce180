package main

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/redpipeotel"
)

// stdoutTracing returns an Observer tracing every Exec to stdout, a
// middleware giving each request the span the Execs' spans are children
// of, and what flushes the spans at exit.
func stdoutTracing() (redpipe.Observer, func(http.Handler) http.Handler, func(context.Context) error, error) {
	exp, err := stdouttrace.New(stdouttrace.WithPrettyPrint())
	if err != nil {
		return nil, nil, nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	tracer := tp.Tracer("github.com/redpipe-go/redpipe/examples/service")
	middleware := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, span := tracer.Start(r.Context(), r.Method, trace.WithSpanKind(trace.SpanKindServer))
			defer span.End()
			r = r.WithContext(ctx)
			next.ServeHTTP(w, r)
			// The mux sets the pattern on the request it was given, so it
			// is known only now.
			if r.Pattern != "" {
				span.SetName(r.Pattern)
			}
		})
	}
	return redpipeotel.NewObserver(redpipeotel.WithTracerProvider(tp)), middleware, tp.Shutdown, nil
}
