package redpipe

import (
	"context"
	"fmt"
	"iter"

	"github.com/redpipe-go/redpipe/domain"
)

// Iterators over SCAN, SSCAN, HSCAN and ZSCAN. They are named after
// go-redis's ScanIterator (what Scan(...).Iterator() gives there), so a
// go-redis user finds them under the name they know; here they are
// range-over-func sequences:
//
//	for key, err := range redpipe.ScanIterator(ctx, client, "user:*", 0) { ... }
//
// Each page is one Exec of its own on a pipeline of s, so s must be a
// scope whose pipelines send at once: a *Client, or a *Tx's reads. A
// *Pipeline's nested pipelines only send with their root, so one is
// refused with ErrInvalidPipeline before anything is queued. The first
// error (a failed page, a cancelled ctx) is yielded last; breaking out of
// the loop sends nothing more, and no goroutine is left behind. As with
// every SCAN, an element may come more than once.

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

// ScanIterator iterates over every key matching match (SCAN's MATCH, "" for
// all), count being SCAN's COUNT hint (0: the server's). On a cluster SCAN
// walks one node: a match starting with a literal hash tag goes to that
// tag's node (see Pipeline.Scan).
func ScanIterator(ctx context.Context, s Scope, match string, count int64) iter.Seq2[string, error] {
	return scanAll(ctx, s, 1, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.Scan(c, match, count) }, one)
}

// ScanTypeIterator is ScanIterator over keys of keyType only ("string",
// "hash", ...; "" for any).
func ScanTypeIterator(ctx context.Context, s Scope, match string, count int64, keyType string) iter.Seq2[string, error] {
	return scanAll(ctx, s, 1, func(p *Pipeline, c uint64) *Future[ScanResult] {
		return p.ScanType(c, match, count, keyType)
	}, one)
}

// SScanIterator iterates over the members of the set at key matching match.
func SScanIterator(ctx context.Context, s Scope, key, match string, count int64) iter.Seq2[string, error] {
	return scanAll(ctx, s, 1, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.SScan(key, c, match, count) }, one)
}

// HScanIterator iterates over the fields of the hash at key whose names
// match match, each with its value (go-redis's iterator gives them as
// alternate strings).
func HScanIterator(ctx context.Context, s Scope, key, match string, count int64) iter.Seq2[KeyValue, error] {
	return scanAll(ctx, s, 2, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.HScan(key, c, match, count) },
		func(g []string) (KeyValue, error) { return KeyValue{Key: g[0], Value: g[1]}, nil })
}

// ZScanIterator iterates over the members of the sorted set at key matching
// match, each with its score.
func ZScanIterator(ctx context.Context, s Scope, key, match string, count int64) iter.Seq2[Z, error] {
	return scanAll(ctx, s, 2, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.ZScan(key, c, match, count) },
		func(g []string) (Z, error) {
			score, err := domain.ParseFloat(g[1])
			return Z{Member: g[0], Score: score}, err
		})
}
