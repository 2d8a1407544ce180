package keyspace

import (
	"fmt"
	"iter"

	"github.com/redpipe-go/redpipe"
)

// Iterators over SSCAN, HSCAN and ZSCAN, named after go-redis's
// ScanIterator like the root's (redpipe.SScanIterator, ...), but over a
// keyspace's id and yielding decoded elements:
//
//	for tag, err := range tags.With(ctx, client).SScanIterator("post1", "", 100) { ... }
//
// Each page is one Exec of its own, so the bound scope must be one whose
// pipelines send at once (redpipe.SendsAtOnce): a *Client, or a *Tx's
// reads. A *Pipeline is refused with ErrInvalidPipeline before anything
// is queued, as its pages would only be sent with its root, after the
// loop needed them. The first error (a failed page, a value the codec
// cannot decode, a cancelled ctx) is yielded last; breaking out of the
// loop sends nothing more. As with every SCAN, an element may come more
// than once.

// scanItems walks page from cursor 0 until the server gives cursor 0
// back, yielding each page's items: the one page walker of every keyspace
// iterator.
func scanItems[E any](b KeyCmds, page func(cursor uint64) *redpipe.Future[ScanPage[E]]) iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		var zero E
		if err := b.checkSendsAtOnce(); err != nil {
			yield(zero, err)
			return
		}
		var cursor uint64
		for {
			res, err := page(cursor).Result()
			if err != nil {
				yield(zero, err)
				return
			}
			for _, e := range res.Items {
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

// checkSendsAtOnce refuses a scope an iterator cannot page on: with a
// nested pipeline each page's future would still be pending after its
// Exec, and the pages would pile up in the caller's batch.
func (b KeyCmds) checkSendsAtOnce() error {
	switch {
	case b.ks == nil || b.scope == nil:
		return errUnbound
	case !redpipe.SendsAtOnce(b.scope):
		return fmt.Errorf("%w: a scan iterator needs a non-nil scope whose pipelines send at once (a *Client or a *Tx), got %T", redpipe.ErrInvalidPipeline, b.scope)
	}
	return nil
}

// SScanIterator iterates over the members of id's set whose stored text
// matches match (a Redis glob; "" for all), decoded, one SSCAN page per
// round trip; count is SSCAN's COUNT hint (0: the server's).
func (b SetCmds[T]) SScanIterator(id, match string, count int64) iter.Seq2[T, error] {
	return scanItems(b.KeyCmds, func(c uint64) *redpipe.Future[ScanPage[T]] { return b.SScan(id, c, match, count) })
}

// HScanIterator iterates over the fields of id's hash whose names match
// match (a Redis glob; "" for all), each value decoded by its field's
// codec, one HSCAN page per round trip; count is HSCAN's COUNT hint.
func (b HashCmds) HScanIterator(id, match string, count int64) iter.Seq2[HashField, error] {
	return scanItems(b.KeyCmds, func(c uint64) *redpipe.Future[ScanPage[HashField]] { return b.HScan(id, c, match, count) })
}

// ZScanIterator iterates over the members of id's sorted set whose stored
// text matches match (a Redis glob; "" for all), decoded, each with its
// score, one ZSCAN page per round trip; count is ZSCAN's COUNT hint.
func (b SortedSetCmds[T]) ZScanIterator(id, match string, count int64) iter.Seq2[ZMember[T], error] {
	return scanItems(b.KeyCmds, func(c uint64) *redpipe.Future[ScanPage[ZMember[T]]] { return b.ZScan(id, c, match, count) })
}
