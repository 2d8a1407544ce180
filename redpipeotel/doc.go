// Package redpipeotel gives a redpipe.Client OpenTelemetry tracing and
// metrics, following the OpenTelemetry database semantic conventions:
//
//	c := redpipe.New(redpipe.WithObserver(redpipeotel.NewObserver()))
//
// Each root Exec that sends something is one CLIENT span, named PIPELINE
// (PIPELINE <CMD> when every command is the same, MULTI when every batch
// is a WithTransaction connection's), with db.system.name=redis,
// db.operation.name, db.operation.batch.size (two commands or more) and
// the labels of the pipelines that queued its commands (redpipe.Label).
// Each connection batch within it is a child span carrying the
// connection's name, server.address and server.port where the backend
// can tell (redpipe.servers when the router spread the batch over several
// nodes), its own batch size, and what the backend reported:
// redpipe.redirects and redpipe.retries (commands a cluster router sent
// again), redpipe.coalesced_execs (on a WithCoalescing connection, how
// many Execs shared the backend call), redpipe.cache_hits (reads a
// caching backend answered from its client's cache, redpipe.Cached). A Redis error reply sets
// db.response.status_code and error.type to its prefix (WRONGTYPE, ERR,
// ...) and the span's status to Error; a nil reply is not an error; a
// transport failure sets error.type to "transport". The span of the Exec
// is a child of the span in the Exec's ctx, so a service's trace holds its
// Redis work, and the driver's own instrumentation, under it.
//
// Command arguments are values and are never recorded unless
// WithQueryText asks for them (db.query.text).
//
// The metric db.client.operation.duration (histogram, seconds) gets one
// record per root Exec and one per connection batch, told apart by
// redpipe.level ("exec" or "batch"), with the attributes above.
package redpipeotel
