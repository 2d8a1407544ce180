package redpipe

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

func (q *GeoSearchQuery) appendTo(b *builder) *builder {
	if q == nil {
		q = &GeoSearchQuery{}
	}
	if q.Member != "" {
		b.str("FROMMEMBER", q.Member)
	} else {
		b.str("FROMLONLAT", ftoa(q.Longitude), ftoa(q.Latitude))
	}
	if q.Radius > 0 {
		b.str("BYRADIUS", ftoa(q.Radius), unitOr(q.RadiusUnit))
	} else {
		b.str("BYBOX", ftoa(q.BoxWidth), ftoa(q.BoxHeight), unitOr(q.BoxUnit))
	}
	if q.Sort != "" {
		b.str(q.Sort)
	}
	if q.Count > 0 {
		b.str("COUNT", itoa(int64(q.Count)))
		if q.CountAny {
			b.str("ANY")
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
