package keyspace

import (
	"context"

	"github.com/redpipe-go/redpipe"
)

// Geo is a keyspace of geospatial indexes:
//
//	places := keyspace.NewGeo("places")
//	places.With(ctx, p).GeoAdd("sicily", &redpipe.GeoLocation{Name: "Palermo", Longitude: 13.361389, Latitude: 38.115556})
type Geo struct {
	Keyspace
}

// NewGeo defines a keyspace of geospatial indexes. opts choose its connection (On).
func NewGeo(prefix string, opts ...redpipe.Option) *Geo {
	return &Geo{Keyspace: newKeyspace(prefix, opts)}
}

// With binds the keyspace to a scope (see String.With).
func (k *Geo) With(ctx context.Context, s redpipe.Scope) GeoCmds {
	return GeoCmds{KeyCmds: k.bind(ctx, s)}
}

// GeoCmds are a Geo keyspace's commands, bound to a scope.
type GeoCmds struct {
	KeyCmds
}

// GeoAdd adds members at their positions and gives how many were new.
func (b GeoCmds) GeoAdd(id string, locations ...*redpipe.GeoLocation) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.GeoAdd(b.key(id), locations...) })
}

// GeoPos gives each member's position, nil for a missing one.
func (b GeoCmds) GeoPos(id string, members ...string) *redpipe.Future[[]*redpipe.GeoPos] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]*redpipe.GeoPos] { return p.GeoPos(b.key(id), members...) })
}

// GeoDist gives the distance between two members in unit ("m", "km",
// "mi", "ft"; "km" when empty); ErrNil when one is missing.
func (b GeoCmds) GeoDist(id, member1, member2, unit string) *redpipe.Future[float64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[float64] {
		return p.GeoDist(b.key(id), member1, member2, unit)
	})
}

// GeoHash gives each member's geohash, "" for a missing one.
func (b GeoCmds) GeoHash(id string, members ...string) *redpipe.Future[[]string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]string] { return p.GeoHash(b.key(id), members...) })
}

// GeoSearch gives the members within q's area.
func (b GeoCmds) GeoSearch(id string, q *redpipe.GeoSearchQuery) *redpipe.Future[[]string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]string] { return p.GeoSearch(b.key(id), q) })
}

// GeoSearchLocation gives the members within q's area with what q's With
// flags ask for.
func (b GeoCmds) GeoSearchLocation(id string, q *redpipe.GeoSearchLocationQuery) *redpipe.Future[[]redpipe.GeoLocation] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]redpipe.GeoLocation] {
		return p.GeoSearchLocation(b.key(id), q)
	})
}
