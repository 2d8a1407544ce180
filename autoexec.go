package redpipe

import "context"

// Autoexec runs fn with a pipeline from s and executes it when fn returns
// nil. When fn returns an error nothing is sent and that error is returned;
// the futures fn queued resolve with ErrInvalidPipeline.
//
// When fn panics, nothing is sent either: what fn queued resolves with
// ErrInvalidPipeline (no future is left waiting), then the panic goes on up.
func Autoexec(ctx context.Context, s Scope, fn func(p *Pipeline) error, opts ...Option) error {
	p := s.Pipeline(opts...)
	// Unless fn returned nil, drop what it queued (a no-op after Exec).
	defer p.discard()
	if err := fn(p); err != nil {
		return err
	}
	return p.Exec(ctx)
}
