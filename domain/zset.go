package domain

import (
	"fmt"

	"github.com/redpipe-go/redpipe/ports"
)

// Z is a sorted-set member with its score.
type Z struct {
	Score  float64
	Member string
}

// ZWithKey is a member popped by BZPOPMIN / BZPOPMAX, with the key it came from.
type ZWithKey struct {
	Z
	Key string
}

// ZSliceWithKey is what ZMPOP / BZMPOP popped, and from which key.
type ZSliceWithKey struct {
	Key     string
	Members []Z
}

// RankScore is ZRANK / ZREVRANK ... WITHSCORE's reply.
type RankScore struct {
	Rank  int64
	Score float64
}

// ZSlice decodes members with scores in every shape Redis sends them:
// RESP2 flat [m, "1.5", m, "2"], RESP3 pairs [[m, 1.5], [m, 2]], and
// RESP3's flat [m, 1.5] of ZPOPMIN without a count.
func ZSlice(r ports.Reply) ([]Z, error) {
	es, err := elems(r, "an array of members and scores")
	if err != nil {
		return nil, err
	}
	if len(es) > 0 && es[0].Kind == ports.KindArray {
		out := make([]Z, len(es))
		for i, p := range es {
			if p.Kind != ports.KindArray || len(p.Elems) != 2 {
				return nil, fmt.Errorf("%w: %s where a [member, score] pair was expected", ErrUnexpectedReply, p.Kind)
			}
			if out[i], err = zFrom(p.Elems[0], p.Elems[1]); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	if len(es)%2 != 0 {
		return nil, fmt.Errorf("%w: odd number of elements (%d) for members and scores", ErrUnexpectedReply, len(es))
	}
	out := make([]Z, len(es)/2)
	for i := range out {
		if out[i], err = zFrom(es[2*i], es[2*i+1]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func zFrom(member, score ports.Reply) (Z, error) {
	m, err := String(member)
	if err != nil {
		return Z{}, err
	}
	s, err := Float64(score)
	if err != nil {
		return Z{}, err
	}
	return Z{Score: s, Member: m}, nil
}

// ZWithKeyReply decodes BZPOPMIN / BZPOPMAX's [key, member, score]; a
// timeout (nil) gives ErrNil.
func ZWithKeyReply(r ports.Reply) (ZWithKey, error) {
	es, err := fixed(r, 3, "[key, member, score]")
	if err != nil {
		return ZWithKey{}, err
	}
	key, err := String(es[0])
	if err != nil {
		return ZWithKey{}, err
	}
	z, err := zFrom(es[1], es[2])
	return ZWithKey{Z: z, Key: key}, err
}

// ZSliceWithKeyReply decodes ZMPOP / BZMPOP's [key, [[member, score], ...]];
// nothing to pop (nil) gives ErrNil.
func ZSliceWithKeyReply(r ports.Reply) (ZSliceWithKey, error) {
	es, err := fixed(r, 2, "[key, members]")
	if err != nil {
		return ZSliceWithKey{}, err
	}
	key, err := String(es[0])
	if err != nil {
		return ZSliceWithKey{}, err
	}
	zs, err := ZSlice(es[1])
	return ZSliceWithKey{Key: key, Members: zs}, err
}

// RankScoreReply decodes ZRANK ... WITHSCORE's [rank, score]; a missing
// member (nil) gives ErrNil.
func RankScoreReply(r ports.Reply) (RankScore, error) {
	es, err := fixed(r, 2, "[rank, score]")
	if err != nil {
		return RankScore{}, err
	}
	rank, err := Int64(es[0])
	if err != nil {
		return RankScore{}, err
	}
	score, err := Float64(es[1])
	return RankScore{Rank: rank, Score: score}, err
}

// Float64OrZero decodes a score where a nil means a missing member, given
// as 0 (go-redis's ZMSCORE convention).
func Float64OrZero(r ports.Reply) (float64, error) {
	if r.Kind == ports.KindNil {
		return 0, nil
	}
	return Float64(r)
}

// Float64sOrZero decodes ZMSCORE's scores, 0 for a missing member.
func Float64sOrZero(r ports.Reply) ([]float64, error) { return Slice(r, Float64OrZero) }

// fixed returns the elements of an array of exactly n elements.
func fixed(r ports.Reply, n int, want string) ([]ports.Reply, error) {
	if r.Kind != ports.KindArray {
		return nil, unexpected(r, want)
	}
	if len(r.Elems) != n {
		return nil, fmt.Errorf("%w: %d elements where %s was expected", ErrUnexpectedReply, len(r.Elems), want)
	}
	return r.Elems, nil
}
