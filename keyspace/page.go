package keyspace

import (
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// ScanPage is one page of SSCAN, ZSCAN or HSCAN over a keyspace's id,
// its elements decoded; Cursor is the next page's, 0 at the end. As with
// every SCAN, an element may come on more than one page.
type ScanPage[E any] struct {
	Items  []E
	Cursor uint64
}

// scanPage decodes a SCAN-family reply whose flat element list holds
// groups of width strings, each group decoded by elem.
func scanPage[E any](width int, elem func(group []string) (E, error)) func(ports.Reply) (ScanPage[E], error) {
	return func(r ports.Reply) (ScanPage[E], error) {
		raw, err := domain.Scan(r)
		if err != nil {
			return ScanPage[E]{}, err
		}
		if len(raw.Keys)%width != 0 {
			return ScanPage[E]{}, fmt.Errorf("%w: %d scanned elements are not groups of %d", domain.ErrUnexpectedReply, len(raw.Keys), width)
		}
		page := ScanPage[E]{Items: make([]E, 0, len(raw.Keys)/width), Cursor: raw.Cursor}
		for i := 0; i < len(raw.Keys); i += width {
			e, err := elem(raw.Keys[i : i+width])
			if err != nil {
				return ScanPage[E]{}, err
			}
			page.Items = append(page.Items, e)
		}
		return page, nil
	}
}

// scanCmd is NAME key cursor [MATCH match] [COUNT count]; match is a Redis
// glob over the stored text of members or fields.
func scanCmd(name, key string, cursor uint64, match string, count int64) *domain.Builder {
	return domain.KeyCmd(true, name, key).Str(strconv.FormatUint(cursor, 10)).AppendScan(match, count)
}

// idOf is the id of key, a key a command over several ids replied with
// (BLPOP, BZPOPMIN, ...); one outside the keyspace is an unexpected reply.
func (b KeyCmds) idOf(name, key string) (string, error) {
	id, ok := domain.KeyspaceID(b.ks.prefix, key)
	if !ok {
		return "", fmt.Errorf("%w: %s gave key %q, not of keyspace %q", domain.ErrUnexpectedReply, name, key, b.ks.prefix)
	}
	return id, nil
}
