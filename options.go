package redpipe

import (
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Option configures a pipeline.
type Option func(*pipelineOptions)

type pipelineOptions struct {
	conn   string
	serial bool
	// retries: MaxRetries's n, when hasRetries (only Watch reads it).
	retries    int
	hasRetries bool
	check      func(ports.Command) error
	atomic     bool
	label      string // Label's
	// cacheTTL: Cached's ttl, when hasCacheTTL.
	cacheTTL    time.Duration
	hasCacheTTL bool
}

// On sends the pipeline's commands to the named connection. A nested
// pipeline without On uses its parent's connection.
func On(name string) Option { return func(o *pipelineOptions) { o.conn = name } }

// Serial makes a root pipeline send its connections' batches one after
// another instead of in parallel.
func Serial() Option { return func(o *pipelineOptions) { o.serial = true } }

// DefaultMaxRetries is how many times Watch reruns its function after a
// WATCH conflict when no MaxRetries option is given: at most 11 attempts.
const DefaultMaxRetries = 10

// MaxRetries bounds how many times Watch reruns its function after a WATCH
// conflict (EXEC aborted because a watched key changed): at most n+1
// attempts, then ErrTxFailed. n <= 0 means one attempt and no retry.
// Pipelines ignore it.
func MaxRetries(n int) Option {
	return func(o *pipelineOptions) { o.retries, o.hasRetries = max(n, 0), true }
}

// CheckCommands makes the pipeline pass every command queued directly on
// it (not on pipelines nested in it) to check before queueing it; an error
// rejects that command alone: it is never sent, and its future and the
// root Exec's error carry the error. Packages of typed commands use it to
// hold every command to a rule of theirs, including the ones they queue
// through Pipeline's own methods: package keyspace refuses an id that
// would empty a key's hash tag. A panic in check is that command's
// *PanicError.
func CheckCommands(check func(cmd ports.Command) error) Option {
	return func(o *pipelineOptions) { o.check = check }
}

func applyOptions(opts []Option) pipelineOptions {
	if len(opts) == 0 {
		// Without options o need not escape to the heap for fn(&o): most
		// pipelines, nested ones above all, take none.
		return pipelineOptions{}
	}
	var o pipelineOptions
	for _, fn := range opts {
		fn(&o)
	}
	return o
}
