package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe"
)

// Service serves the API: every request is one root pipeline, so one
// round trip to Redis, whatever functions its handler composes.
type Service struct {
	c      *redpipe.Client
	limit  int64
	window time.Duration
	top    int
}

// Option configures a Service.
type Option func(*Service)

// WithRateLimit lets a user's profile be read at most n times per window.
func WithRateLimit(n int64, window time.Duration) Option {
	return func(s *Service) { s.limit, s.window = n, window }
}

// NewService returns the API's Service on c, having loaded its scripts.
func NewService(ctx context.Context, c *redpipe.Client, opts ...Option) (*Service, error) {
	s := &Service{c: c, limit: 60, window: time.Minute, top: 10}
	for _, o := range opts {
		o(s)
	}
	if err := LoadScripts(ctx, c); err != nil {
		return nil, fmt.Errorf("loading scripts: %w", err)
	}
	return s, nil
}

// Handler returns the API's routes.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", s.getUser)
	mux.HandleFunc("PUT /users/{id}", s.putUser)
	mux.HandleFunc("GET /leaderboard", s.getLeaderboard)
	return mux
}

// UserResponse is the reply of GET /users/{id}.
type UserResponse struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Age  int64  `json:"age"`
	// Visits are the visits since the counter last went a day without one.
	Visits int64 `json:"visits"`
	// TotalVisits are all the visits, the leaderboard's score.
	TotalVisits int64 `json:"total_visits"`
	Rank        int64 `json:"rank"`
	// Requests are the reads of this profile in the rate limit's window.
	Requests int64 `json:"requests"`
	Limit    int64 `json:"limit"`
}

// ProfileResponse is the reply of PUT /users/{id}.
type ProfileResponse struct {
	ID string `json:"id"`
	Profile
}

// LeaderboardEntry is one place of GET /leaderboard.
type LeaderboardEntry struct {
	Rank   int    `json:"rank"`
	ID     string `json:"id"`
	Visits int64  `json:"visits"`
}

// LeaderboardResponse is the reply of GET /leaderboard.
type LeaderboardResponse struct {
	Top []LeaderboardEntry `json:"top"`
}

// ErrorResponse is the reply of a request that could not be served.
type ErrorResponse struct {
	Error string `json:"error"`
}

// getUser reads a profile, counting the visit and the request: the five
// functions' commands go out together, so the request is counted against
// the limit, and a refused one as a visit, before the handler sees any
// reply. A service that must not count refused visits would count them
// in the script.
func (s *Service) getUser(w http.ResponseWriter, r *http.Request) {
	id, ok := userID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := s.c.Pipeline(redpipe.Label("GET /users/{id}"))
	requests := CountRequest(ctx, p, id, s.window)
	profile := GetProfile(ctx, p, id)
	visits := CountVisit(ctx, p, id)
	total := ScoreVisit(ctx, p, id)
	rank := Rank(ctx, p, id)
	if err := p.Exec(ctx); err != nil {
		unavailable(w, err)
		return
	}
	if requests.Val() > s.limit {
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("more than %d requests in %s", s.limit, s.window))
		return
	}
	pr, err := profile.Result()
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("user %q not found", id))
		return
	}
	// The profile exists, so the user is on the board: a nil score or rank
	// means the board was changed by hand, which this API does not serve.
	if err := errors.Join(err, total.Err(), rank.Err()); err != nil {
		unavailable(w, err)
		return
	}
	writeJSON(w, http.StatusOK, UserResponse{
		ID: id, Name: pr.Name, Age: pr.Age,
		Visits: visits.Val(), TotalVisits: int64(total.Val()), Rank: rank.Val(),
		Requests: requests.Val(), Limit: s.limit,
	})
}

// putUser sets a profile from a JSON body.
func (s *Service) putUser(w http.ResponseWriter, r *http.Request) {
	id, ok := userID(w, r)
	if !ok {
		return
	}
	var pr Profile
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pr); err != nil {
		writeError(w, http.StatusBadRequest, "invalid profile: "+err.Error())
		return
	}
	if pr.Name == "" || pr.Age < 0 {
		writeError(w, http.StatusBadRequest, "invalid profile: a name is required and age must not be negative")
		return
	}
	ctx := r.Context()
	p := s.c.Pipeline(redpipe.Label("PUT /users/{id}"))
	SetProfile(ctx, p, id, pr)
	if err := p.Exec(ctx); err != nil {
		unavailable(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ProfileResponse{ID: id, Profile: pr})
}

// getLeaderboard lists the most visited users; ?n= says how many (1 to
// 100).
func (s *Service) getLeaderboard(w http.ResponseWriter, r *http.Request) {
	n := s.top
	if q := r.URL.Query().Get("n"); q != "" {
		v, err := strconv.Atoi(q)
		if err != nil || v < 1 || v > 100 {
			writeError(w, http.StatusBadRequest, "n must be an integer from 1 to 100")
			return
		}
		n = v
	}
	ctx := r.Context()
	p := s.c.Pipeline(redpipe.Label("GET /leaderboard"))
	top := Top(ctx, p, n)
	if err := p.Exec(ctx); err != nil {
		unavailable(w, err)
		return
	}
	resp := LeaderboardResponse{Top: []LeaderboardEntry{}} // [] rather than null
	for i, m := range top.Val() {
		resp.Top = append(resp.Top, LeaderboardEntry{Rank: i + 1, ID: m.Member, Visits: int64(m.Score)})
	}
	writeJSON(w, http.StatusOK, resp)
}

// validID keeps ids out of the keys' hash tags (braces) and short.
var validID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func userID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if !validID.MatchString(id) {
		writeError(w, http.StatusBadRequest, "a user id is 1 to 64 letters, digits, '_' or '-'")
		return "", false
	}
	return id, true
}

// unavailable answers a request Redis failed: the client learns that it
// may retry, the log (not the client) learns why.
func unavailable(w http.ResponseWriter, err error) {
	log.Printf("redis: %v", err)
	writeError(w, http.StatusServiceUnavailable, "storage unavailable")
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, ErrorResponse{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the status is sent: nothing left to tell the client
}
