package redpipe

import "context"

// Autoexec runs fn with a pipeline from s and executes it when fn returns
// nil. When fn returns an error nothing is sent and that error is returned;
// the futures fn queued resolve with ErrInvalidPipeline.
func Autoexec(ctx context.Context, s Scope, fn func(p *Pipeline) error, opts ...Option) error {
	p := s.Pipeline(opts...)
	if err := fn(p); err != nil {
		p.discard()
		return err
	}
	return p.Exec(ctx)
}
