package redpipe

import (
	"context"
	"fmt"

	"github.com/redpipe-go/redpipe/ports"
)

// CachesReads reports whether the backend of connection conn answers
// Cached reads from a client-side cache (ports.ReadCacher): true for a
// rueidis client with its cache on (RESP3, DisableCache false); false for
// the others, which send cached reads to the server like any other read.
// It may ask the server, and returns by ctx's end.
func (c *Client) CachesReads(ctx context.Context, conn string) (bool, error) {
	cn := c.lookup(conn)
	if cn == nil {
		return false, fmt.Errorf("%w: %q", ErrUnknownConn, conn)
	}
	return ports.CachesReads(ctx, cn.backend)
}
