package redpipe

// Option configures a pipeline.
type Option func(*pipelineOptions)

type pipelineOptions struct {
	conn   string
	serial bool
	// retries: MaxRetries's n, when hasRetries (only Watch reads it).
	retries    int
	hasRetries bool
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

func applyOptions(opts []Option) pipelineOptions {
	var o pipelineOptions
	for _, fn := range opts {
		fn(&o)
	}
	return o
}
