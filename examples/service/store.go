package main

import (
	"context"
	"errors"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/keyspace"
)

// The keyspaces name keys prefix{id}, so that everything of one user shares
// a cluster slot; the leaderboard is one key, {visits}.
var (
	profiles = keyspace.NewHash("service:user", redpipe.Fields{
		"name": redpipe.Text,
		"age":  redpipe.Int,
	}, nil) // nil: a field the API does not know is refused, not stored
	recentVisits = keyspace.NewString("service:visits", redpipe.Int)
	leaderboard  = keyspace.NewSortedSet("service:board", redpipe.Text)
)

const boardID = "visits"

// visitMemory is how long the visit counter lasts without a visit.
const visitMemory = 24 * time.Hour

// ErrNotFound is the error of a profile that was never set.
var ErrNotFound = errors.New("user not found")

// Profile is what a client may set about a user.
type Profile struct {
	Name string `json:"name"`
	Age  int64  `json:"age"`
}

// GetProfile reads id's profile; its future fails with ErrNotFound when
// the profile was never set. Profiles change rarely, so the read may come
// from the client's cache (Cached) on a backend that has one (rueidis with
// RESP3); the go-redis backend of main sends it.
func GetProfile(ctx context.Context, s redpipe.Scope, id string) *redpipe.Future[Profile] {
	p := s.Pipeline(redpipe.Label("profile"), redpipe.Cached(time.Minute))
	all := profiles.With(ctx, p).HGetAll(id)
	_ = p.Exec(ctx) // the outcome is on the future
	return redpipe.Then(all, func(m map[string]any) (Profile, error) {
		if len(m) == 0 {
			return Profile{}, ErrNotFound
		}
		// The codecs decoded the fields, so only a field missing from the
		// hash (set by hand) leaves a zero value here.
		name, _ := m["name"].(string)
		age, _ := m["age"].(int64)
		return Profile{Name: name, Age: age}, nil
	})
}

// SetProfile stores id's profile and enters id on the leaderboard (with no
// visits when new), so that only users with a profile are ranked.
func SetProfile(ctx context.Context, s redpipe.Scope, id string, pr Profile) *redpipe.Future[int64] {
	p := s.Pipeline(redpipe.Label("profile"))
	n := profiles.With(ctx, p).HSet(id, map[string]any{"name": pr.Name, "age": pr.Age})
	leaderboard.With(ctx, p).ZAddNX(boardID, keyspace.ZMember[string]{Member: id})
	_ = p.Exec(ctx)
	return n
}

// CountVisit counts a visit of id and returns the visits since the counter
// last went a day without one.
func CountVisit(ctx context.Context, s redpipe.Scope, id string) *redpipe.Future[int64] {
	p := s.Pipeline(redpipe.Label("visits"))
	v := recentVisits.With(ctx, p)
	n := v.Incr(id)
	v.Expire(id, visitMemory)
	_ = p.Exec(ctx)
	return n
}

// ScoreVisit adds a visit to id's leaderboard score and returns the new
// score, id's visits ever. It fails with redpipe.ErrNil for an id not on
// the board: ZADD XX rather than ZINCRBY, because every command of a
// request is sent before any reply is seen, and a ZINCRBY would rank ids
// nobody created.
func ScoreVisit(ctx context.Context, s redpipe.Scope, id string) *redpipe.Future[float64] {
	p := s.Pipeline(redpipe.Label("leaderboard"))
	f := leaderboard.With(ctx, p).ZAddArgsIncr(boardID, redpipe.ZAddArgs{XX: true}, keyspace.ZMember[string]{Member: id, Score: 1})
	_ = p.Exec(ctx)
	return f
}

// Rank returns id's place on the leaderboard, 1 for the most visited; it
// fails with redpipe.ErrNil for an id not on the board.
func Rank(ctx context.Context, s redpipe.Scope, id string) *redpipe.Future[int64] {
	p := s.Pipeline(redpipe.Label("leaderboard"))
	r := leaderboard.With(ctx, p).ZRevRank(boardID, id)
	_ = p.Exec(ctx)
	return redpipe.Then(r, func(r int64) (int64, error) { return r + 1, nil })
}

// Top returns the n most visited users, most visited first.
func Top(ctx context.Context, s redpipe.Scope, n int) *redpipe.Future[[]keyspace.ZMember[string]] {
	p := s.Pipeline(redpipe.Label("leaderboard"))
	top := leaderboard.With(ctx, p).ZRevRangeWithScores(boardID, 0, int64(n)-1)
	_ = p.Exec(ctx)
	return top
}
