package keyspace

import (
	"context"
	"fmt"
	"iter"

	"github.com/redpipe-go/redpipe"
)

// IDValue is one id of a HashedString with its value.
type IDValue[T any] struct {
	ID    string
	Value T
}

// All iterates over every id matching match (a Redis glob; "" for all)
// with its value, shard after shard — every one of them, 0 to Shards()-1 —
// with one HSCAN round trip per page. The first error (a value the codec
// cannot decode, named by its id; a failed command) is yielded last.
func (h *HashedString[T]) All(ctx context.Context, c *redpipe.Client, match string) iter.Seq2[IDValue[T], error] {
	b := h.ks.bind(ctx, c)
	elem := func(g []string) (IDValue[T], error) {
		v, err := h.codec.Decode(g[1])
		if err != nil {
			return IDValue[T]{}, fmt.Errorf("%s: %w", b.where(g[0]), err)
		}
		return IDValue[T]{ID: g[0], Value: v}, nil
	}
	return func(yield func(IDValue[T], error) bool) {
		for shard := range h.shards {
			key := h.ShardKey(shard)
			page := func(cursor uint64) *redpipe.Future[ScanPage[IDValue[T]]] {
				return run(b, func(p *redpipe.Pipeline) *redpipe.Future[ScanPage[IDValue[T]]] {
					return queueBuilt(p, scanPage(2, elem), scanCmd("HSCAN", key, cursor, match, 0))
				})
			}
			for e, err := range scanItems(b, page) {
				if !yield(e, err) || err != nil {
					return
				}
			}
		}
	}
}
