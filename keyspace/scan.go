package keyspace

import (
	"context"
	"fmt"
	"iter"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Scan gives one page of the keyspace's ids matching idPattern (a Redis
// glob over the id alone; "" or "*" for all) and the cursor of the next
// page, 0 at the end. The ids come without the prefix and braces. SCAN has
// no key, so on a cluster it walks the one node it is sent to only.
func (b KeyCmds) Scan(cursor uint64, idPattern string, count int64) *redpipe.Future[redpipe.ScanResult] {
	if idPattern == "" {
		idPattern = "*"
	}
	prefix := b.ks.prefix
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[redpipe.ScanResult] {
		sb := domain.NewBuilder(true, nil, "SCAN", strconv.FormatUint(cursor, 10)).AppendScan(domain.KeyspaceMatch(prefix, idPattern), count)
		return queueBuilt(p, func(r ports.Reply) (redpipe.ScanResult, error) {
			page, err := domain.Scan(r)
			if err != nil {
				return page, err
			}
			ids := page.Keys[:0]
			for _, k := range page.Keys {
				if id, ok := domain.KeyspaceID(prefix, k); ok {
					ids = append(ids, id)
				}
			}
			page.Keys = ids
			return page, nil
		}, sb.Described())
	})
}

// IDs iterates over every id of the keyspace matching idPattern, one SCAN
// round trip per page, stopping at the first error (yielded last). As
// with SCAN, an id may come more than once.
func (k *Keyspace) IDs(ctx context.Context, c *redpipe.Client, idPattern string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if c == nil {
			yield("", errNilClient)
			return
		}
		var cursor uint64
		for {
			page, err := k.bind(ctx, c).Scan(cursor, idPattern, 0).Result()
			if err != nil {
				yield("", err)
				return
			}
			for _, id := range page.Keys {
				if !yield(id, nil) {
					return
				}
			}
			if cursor = page.Cursor; cursor == 0 {
				return
			}
		}
	}
}

var errNilClient = fmt.Errorf("%w: iterating a keyspace needs a *Client, got nil", redpipe.ErrInvalidPipeline)
