package redpipe

import (
	"context"
	"fmt"
	"iter"
)

var errIterNested = fmt.Errorf("%w: a scan iterator needs a scope whose pipelines send at once (a *Client or a *Tx), not a *Pipeline", ErrInvalidPipeline)

// scanAll runs page from cursor 0 until the server gives cursor 0 back,
// yielding each page's elements grouped by width and decoded by elem.
func scanAll[E any](ctx context.Context, s Scope, width int, page func(p *Pipeline, cursor uint64) *Future[ScanResult], elem func([]string) (E, error)) iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		var zero E
		if isNilScope(s) {
			yield(zero, fmt.Errorf("%w: a scan iterator over a nil scope", ErrInvalidPipeline))
			return
		}
		var cursor uint64
		for {
			p := s.Pipeline()
			if p.parent != nil {
				p.discard()
				yield(zero, errIterNested)
				return
			}
			f := page(p, cursor)
			_ = p.Exec(ctx) // the page's outcome is on f
			res, err := f.Result()
			if err == nil && len(res.Keys)%width != 0 {
				err = fmt.Errorf("%w: %d scanned elements are not groups of %d", ErrUnexpectedReply, len(res.Keys), width)
			}
			if err != nil {
				yield(zero, err)
				return
			}
			for i := 0; i < len(res.Keys); i += width {
				e, err := elem(res.Keys[i : i+width])
				if err != nil {
					yield(zero, err)
					return
				}
				if !yield(e, nil) {
					return
				}
			}
			if cursor = res.Cursor; cursor == 0 {
				return
			}
		}
	}
}

func isNilScope(s Scope) bool {
	switch v := s.(type) {
	case nil:
		return true
	case *Client:
		return v == nil
	case *Tx:
		return v == nil
	case *Pipeline:
		return v == nil
	}
	return false
}

func one(g []string) (string, error) { return g[0], nil }
