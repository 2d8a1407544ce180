package ports

import "context"

// ReadCacher is an optional interface of a Backend whose driver keeps a
// client-side cache kept fresh by the server (RESP3 client tracking): it
// answers the commands of a batch that carry a CacheTTL from that cache
// when it can, and sends the rest, in the same Exec. A backend that does
// not implement it sends such commands like any other.
type ReadCacher interface {
	// CachesReads reports whether the backend's client has its cache on
	// now (a rueidis client made with RESP2 or DisableCache has none). It
	// may ask the server, returning by ctx's end; an error means it could
	// not tell.
	CachesReads(ctx context.Context) (bool, error)
}

// CachesReads reports whether b answers commands with a CacheTTL from a
// client-side cache: false, without error, for a backend that is not a
// ReadCacher.
func CachesReads(ctx context.Context, b Backend) (bool, error) {
	if rc, ok := b.(ReadCacher); ok {
		return rc.CachesReads(ctx)
	}
	return false, nil
}
