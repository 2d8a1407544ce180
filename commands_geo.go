package redpipe

// Geo: GeoAdd GeoPos GeoDist GeoHash GeoSearch GeoSearchLocation
// GeoSearchStore GeoRadius GeoRadiusStore GeoRadiusByMember
// GeoRadiusByMemberStore — argument structs GeoLocation, GeoPos,
// GeoSearchQuery, GeoSearchLocationQuery, GeoSearchStoreQuery and
// GeoRadiusQuery beside them.

import (
	"fmt"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// GeoLocation is a member with its position, as given to GeoAdd and as
// GeoSearchLocation gives it back (Dist and GeoHash when asked for).
type GeoLocation struct {
	Name                      string
	Longitude, Latitude, Dist float64
	GeoHash                   int64
}

// GeoPos is a member's position.
type GeoPos struct {
	Longitude, Latitude float64
}

// GeoAdd queues GEOADD key lon lat name ... and gives how many members
// were new. A nil location fails the command at queue time.
func (p *Pipeline) GeoAdd(key string, locations ...*GeoLocation) *Future[int64] {
	b := domain.KeyCmd(false, "GEOADD", key)
	for i, l := range locations {
		if l == nil {
			return refuse[int64](p, "GEOADD", fmt.Sprintf("location %d is nil", i))
		}
		b.Str(ftoa(l.Longitude), ftoa(l.Latitude), l.Name)
	}
	return queueBuilt(p, domain.Int64, b)
}

// GeoPos queues GEOPOS key members...: each member's position, nil for a
// member that is not there.
func (p *Pipeline) GeoPos(key string, members ...string) *Future[[]*GeoPos] {
	return queueKey(p, geoPositions, true, "GEOPOS", key, members...)
}

func geoPositions(r ports.Reply) ([]*GeoPos, error) {
	return domain.Slice(r, func(e ports.Reply) (*GeoPos, error) {
		if e.IsNil() {
			return nil, nil
		}
		lonLat, err := domain.Slice(e, domain.Float64)
		if err != nil {
			return nil, err
		}
		if len(lonLat) != 2 {
			return nil, fmt.Errorf("%w: %d numbers where [longitude, latitude] was expected", domain.ErrUnexpectedReply, len(lonLat))
		}
		return &GeoPos{Longitude: lonLat[0], Latitude: lonLat[1]}, nil
	})
}

// GeoDist queues GEODIST key member1 member2 unit (go-redis's default
// unit, "km", when empty); ErrNil when a member is missing.
func (p *Pipeline) GeoDist(key, member1, member2, unit string) *Future[float64] {
	return queueKey(p, domain.Float64, true, "GEODIST", key, member1, member2, unitOr(unit))
}

// GeoHash queues GEOHASH key members...: each member's geohash text, ""
// for a missing member.
func (p *Pipeline) GeoHash(key string, members ...string) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "GEOHASH", key, members...)
}

// GeoSearchQuery are GEOSEARCH's arguments, as in go-redis: the centre is
// Member if set, otherwise Longitude/Latitude; the area a radius when
// Radius > 0, otherwise a box. Units default to "km".
type GeoSearchQuery struct {
	Member string

	Longitude float64
	Latitude  float64

	Radius     float64
	RadiusUnit string

	BoxWidth  float64
	BoxHeight float64
	BoxUnit   string

	Sort     string // "ASC" or "DESC"; empty: unsorted
	Count    int
	CountAny bool
}

// GeoSearchLocationQuery is a GeoSearchQuery whose results carry what the
// With flags ask for.
type GeoSearchLocationQuery struct {
	GeoSearchQuery

	WithCoord bool
	WithDist  bool
	WithHash  bool
}

func (q *GeoSearchQuery) appendTo(b *domain.Builder) *domain.Builder {
	if q == nil {
		q = &GeoSearchQuery{}
	}
	if q.Member != "" {
		b.Str("FROMMEMBER", q.Member)
	} else {
		b.Str("FROMLONLAT", ftoa(q.Longitude), ftoa(q.Latitude))
	}
	if q.Radius > 0 {
		b.Str("BYRADIUS", ftoa(q.Radius), unitOr(q.RadiusUnit))
	} else {
		b.Str("BYBOX", ftoa(q.BoxWidth), ftoa(q.BoxHeight), unitOr(q.BoxUnit))
	}
	if q.Sort != "" {
		b.Str(q.Sort)
	}
	if q.Count > 0 {
		b.Str("COUNT", itoa(int64(q.Count)))
		if q.CountAny {
			b.Str("ANY")
		}
	}
	return b
}

// unitOr is go-redis's default unit, kilometres.
func unitOr(unit string) string {
	if unit == "" {
		return "km"
	}
	return unit
}

// GeoSearch queues GEOSEARCH key with q's centre, area, order and count,
// and gives the members found.
func (p *Pipeline) GeoSearch(key string, q *GeoSearchQuery) *Future[[]string] {
	return queueBuilt(p, domain.Strings, q.appendTo(domain.KeyCmd(true, "GEOSEARCH", key)))
}

// GeoSearchLocation is GeoSearch giving each member with what q's With
// flags ask for: coordinates, distance (in q's unit), geohash.
func (p *Pipeline) GeoSearchLocation(key string, q *GeoSearchLocationQuery) *Future[[]GeoLocation] {
	if q == nil {
		q = &GeoSearchLocationQuery{}
	}
	b := q.GeoSearchQuery.appendTo(domain.KeyCmd(true, "GEOSEARCH", key))
	if q.WithCoord {
		b.Str("WITHCOORD")
	}
	if q.WithDist {
		b.Str("WITHDIST")
	}
	if q.WithHash {
		b.Str("WITHHASH")
	}
	flags := *q
	return queueBuilt(p, func(r ports.Reply) ([]GeoLocation, error) {
		return domain.Slice(r, func(e ports.Reply) (GeoLocation, error) { return geoLocation(e, flags) })
	}, b)
}

// geoLocation decodes one GEOSEARCH result: the name alone, or
// [name, dist?, hash?, [lon, lat]?] in that order whatever the order of
// the With arguments.
func geoLocation(r ports.Reply, q GeoSearchLocationQuery) (GeoLocation, error) {
	if !q.WithCoord && !q.WithDist && !q.WithHash {
		name, err := domain.String(r)
		return GeoLocation{Name: name}, err
	}
	if r.Kind != ports.KindArray || len(r.Elems) == 0 {
		return GeoLocation{}, fmt.Errorf("%w: %s where [name, ...] was expected", domain.ErrUnexpectedReply, r.Kind)
	}
	es := r.Elems
	var l GeoLocation
	var err error
	next := func() (ports.Reply, error) {
		if len(es) == 0 {
			return ports.Reply{}, fmt.Errorf("%w: GEOSEARCH result shorter than its With options", domain.ErrUnexpectedReply)
		}
		e := es[0]
		es = es[1:]
		return e, nil
	}
	e, _ := next()
	if l.Name, err = domain.String(e); err != nil {
		return l, err
	}
	if q.WithDist {
		if e, err = next(); err == nil {
			l.Dist, err = domain.Float64(e)
		}
	}
	if err == nil && q.WithHash {
		if e, err = next(); err == nil {
			l.GeoHash, err = domain.Int64(e)
		}
	}
	if err == nil && q.WithCoord {
		var pos []*GeoPos
		if e, err = next(); err == nil {
			pos, err = geoPositions(ports.ArrayReply([]ports.Reply{e}))
		}
		switch {
		case err != nil:
		case pos[0] == nil:
			err = fmt.Errorf("%w: GEOSEARCH result without its coordinates", domain.ErrUnexpectedReply)
		default:
			l.Longitude, l.Latitude = pos[0].Longitude, pos[0].Latitude
		}
	}
	return l, err
}

// GeoSearchStoreQuery is a GeoSearchQuery whose result is stored: the
// members, or with StoreDist their distances as scores.
type GeoSearchStoreQuery struct {
	GeoSearchQuery

	StoreDist bool
}

// GeoSearchStore queues GEOSEARCHSTORE store key with q and gives the
// number of members stored in store.
func (p *Pipeline) GeoSearchStore(key, store string, q *GeoSearchStoreQuery) *Future[int64] {
	if q == nil {
		q = &GeoSearchStoreQuery{}
	}
	b := q.GeoSearchQuery.appendTo(domain.NewBuilder(false, nil, "GEOSEARCHSTORE", store, key))
	if q.StoreDist {
		b.Str("STOREDIST")
	}
	return queueBuilt(p, domain.Int64, b.Described())
}

// GeoRadiusQuery is GEORADIUS's and GEORADIUSBYMEMBER's options, as
// go-redis has them: the radius in Unit (default km), what each result
// carries, how many and in which order, and for the Store forms where the
// members (Store) or their distances (StoreDist) go.
type GeoRadiusQuery struct {
	Radius float64
	// Unit is m, km, ft or mi; empty is km.
	Unit        string
	WithCoord   bool
	WithDist    bool
	WithGeoHash bool
	Count       int
	// Sort is ASC or DESC; empty leaves the order to the server.
	Sort      string
	Store     string
	StoreDist string
}

var (
	errGeoRadiusStore   = fmt.Errorf("%w: GeoRadius and GeoRadiusByMember read only: use the Store forms for Store or StoreDist", ErrInvalidValue)
	errGeoRadiusNoStore = fmt.Errorf("%w: GeoRadiusStore and GeoRadiusByMemberStore need Store or StoreDist", ErrInvalidValue)
)

func (q *GeoRadiusQuery) appendTo(b *domain.Builder) *domain.Builder {
	b.Str(ftoa(q.Radius), unitOr(q.Unit))
	if q.WithCoord {
		b.Str("WITHCOORD")
	}
	if q.WithDist {
		b.Str("WITHDIST")
	}
	if q.WithGeoHash {
		b.Str("WITHHASH")
	}
	if q.Count > 0 {
		b.Str("COUNT", itoa(int64(q.Count)))
	}
	if q.Sort != "" {
		b.Str(q.Sort)
	}
	if q.Store != "" {
		b.Str("STORE", q.Store)
	}
	if q.StoreDist != "" {
		b.Str("STOREDIST", q.StoreDist)
	}
	return b
}

// GeoRadius queues GEORADIUS_RO key longitude latitude with q and gives
// the members found, with what q's With flags ask for. A q with Store or
// StoreDist fails with ErrInvalidValue: that is GeoRadiusStore.
//
// Deprecated: Redis deprecates GEORADIUS for GEOSEARCH (GeoSearchLocation).
func (p *Pipeline) GeoRadius(key string, longitude, latitude float64, q *GeoRadiusQuery) *Future[[]GeoLocation] {
	return geoRadius(p, q, domain.KeyCmd(true, "GEORADIUS_RO", key).Str(ftoa(longitude), ftoa(latitude)))
}

// GeoRadiusByMember is GeoRadius around member (GEORADIUSBYMEMBER_RO).
//
// Deprecated: Redis deprecates GEORADIUSBYMEMBER for GEOSEARCH (GeoSearchLocation).
func (p *Pipeline) GeoRadiusByMember(key, member string, q *GeoRadiusQuery) *Future[[]GeoLocation] {
	return geoRadius(p, q, domain.KeyCmd(true, "GEORADIUSBYMEMBER_RO", key).Str(member))
}

// GeoRadiusStore queues GEORADIUS key longitude latitude with q, which
// must name Store or StoreDist, and gives the number of members stored.
//
// Deprecated: Redis deprecates GEORADIUS for GEOSEARCHSTORE (GeoSearchStore).
func (p *Pipeline) GeoRadiusStore(key string, longitude, latitude float64, q *GeoRadiusQuery) *Future[int64] {
	return geoRadiusStore(p, q, domain.NewBuilder(false, nil, "GEORADIUS", key, ftoa(longitude), ftoa(latitude)))
}

// GeoRadiusByMemberStore is GeoRadiusStore around member (GEORADIUSBYMEMBER).
//
// Deprecated: Redis deprecates GEORADIUSBYMEMBER for GEOSEARCHSTORE (GeoSearchStore).
func (p *Pipeline) GeoRadiusByMemberStore(key, member string, q *GeoRadiusQuery) *Future[int64] {
	return geoRadiusStore(p, q, domain.NewBuilder(false, nil, "GEORADIUSBYMEMBER", key, member))
}

func geoRadius(p *Pipeline, q *GeoRadiusQuery, b *domain.Builder) *Future[[]GeoLocation] {
	if q == nil {
		q = &GeoRadiusQuery{}
	}
	if q.Store != "" || q.StoreDist != "" {
		b.Fail(errGeoRadiusStore)
	}
	flags := GeoSearchLocationQuery{WithCoord: q.WithCoord, WithDist: q.WithDist, WithHash: q.WithGeoHash}
	return queueBuilt(p, func(r ports.Reply) ([]GeoLocation, error) {
		return domain.Slice(r, func(e ports.Reply) (GeoLocation, error) { return geoLocation(e, flags) })
	}, q.appendTo(b))
}

func geoRadiusStore(p *Pipeline, q *GeoRadiusQuery, b *domain.Builder) *Future[int64] {
	if q == nil {
		q = &GeoRadiusQuery{}
	}
	if q.Store == "" && q.StoreDist == "" {
		b.Fail(errGeoRadiusNoStore)
	}
	return queueBuilt(p, domain.Int64, q.appendTo(b).Described())
}
