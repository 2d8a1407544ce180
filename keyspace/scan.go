package keyspace

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Scan gives one page of the keyspace's ids matching idPattern (a Redis
// glob over the id alone; "" or "*" for all) and the cursor of the next
// page, 0 at the end. The ids come without the prefix and braces. SCAN has
// no key, so on a cluster this page is the one node's it is sent to;
// ScanIterator and IDs walk every master.
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

// ScanIterator iterates over every id of the keyspace matching idPattern
// (a Redis glob over the id alone; "" or "*" for all), count being SCAN's
// COUNT hint (0: the server's), one SCAN round trip per page. Unlike Scan,
// it walks every master of a cluster, each with its own cursor
// (redpipe.ScanIterator). The scope must send at once — a *redpipe.Client
// or a *redpipe.Tx; a *redpipe.Pipeline is refused. The first error is
// yielded last; as with SCAN, an id may come more than once.
func (b KeyCmds) ScanIterator(idPattern string, count int64) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		switch {
		case b.scope == nil || b.ks == nil:
			yield("", errUnbound)
			return
		case b.ks.err != nil:
			yield("", b.ks.err)
			return
		}
		if idPattern == "" {
			idPattern = "*"
		}
		prefix := b.ks.prefix
		for key, err := range redpipe.ScanIterator(b.ctx, optioned{b.scope, b.ks.opts}, domain.KeyspaceMatch(prefix, idPattern), count) {
			if err != nil {
				yield("", err)
				return
			}
			if id, ok := domain.KeyspaceID(prefix, key); ok && !yield(id, nil) {
				return
			}
		}
	}
}

// optioned is a scope whose pipelines get the keyspace's options first:
// its connection, its key rule.
type optioned struct {
	s    redpipe.Scope
	opts []redpipe.Option
}

func (o optioned) Pipeline(opts ...redpipe.Option) *redpipe.Pipeline {
	return o.s.Pipeline(append(slices.Clip(o.opts), opts...)...)
}

// IDs iterates over every id of the keyspace matching idPattern, on every
// master of a cluster: KeyCmds.ScanIterator bound to c.
func (k *Keyspace) IDs(ctx context.Context, c *redpipe.Client, idPattern string) iter.Seq2[string, error] {
	if c == nil {
		return func(yield func(string, error) bool) { yield("", errNilClient) }
	}
	return k.bind(ctx, c).ScanIterator(idPattern, 0)
}

var errNilClient = fmt.Errorf("%w: iterating a keyspace needs a *Client, got nil", redpipe.ErrInvalidPipeline)
