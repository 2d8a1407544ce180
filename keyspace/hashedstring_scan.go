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
// cannot decode, a failed command) is yielded last.
func (h *HashedString[T]) All(ctx context.Context, c *redpipe.Client, match string) iter.Seq2[IDValue[T], error] {
	return func(yield func(IDValue[T], error) bool) {
		if c == nil {
			yield(IDValue[T]{}, errNilClient)
			return
		}
		b := h.ks.bind(ctx, c)
		for shard := range h.shards {
			key := h.ShardKey(shard)
			var cursor uint64
			for {
				page, err := run(b, func(p *redpipe.Pipeline) *redpipe.Future[redpipe.ScanResult] { return p.HScan(key, cursor, match, 0) }).Result()
				if err != nil {
					yield(IDValue[T]{}, err)
					return
				}
				for i := 0; i+1 < len(page.Keys); i += 2 {
					id := page.Keys[i]
					v, err := h.codec.Decode(page.Keys[i+1])
					if err != nil {
						yield(IDValue[T]{ID: id}, fmt.Errorf("%s: %w", b.where(id), err))
						return
					}
					if !yield(IDValue[T]{ID: id, Value: v}, nil) {
						return
					}
				}
				if cursor = page.Cursor; cursor == 0 {
					break
				}
			}
		}
	}
}
