package redpipe

// Option configures a pipeline.
type Option func(*pipelineOptions)

type pipelineOptions struct {
	conn   string
	serial bool
}

// On sends the pipeline's commands to the named connection. A nested
// pipeline without On uses its parent's connection.
func On(name string) Option { return func(o *pipelineOptions) { o.conn = name } }

// Serial makes a root pipeline send its connections' batches one after
// another instead of in parallel.
func Serial() Option { return func(o *pipelineOptions) { o.serial = true } }

func applyOptions(opts []Option) pipelineOptions {
	var o pipelineOptions
	for _, fn := range opts {
		fn(&o)
	}
	return o
}
