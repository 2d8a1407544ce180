package keyspace_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/internal/embedded"
	"github.com/redpipe-go/redpipe/keyspace"
)

// A Set keyspace keeps one set per id: here the tags of each post.
func ExampleNewSet() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	tags := keyspace.NewSet("tags", redpipe.Text)

	p := c.Pipeline()
	t := tags.With(ctx, p)
	added := t.SAdd("post1", "go", "redis", "go") // a repeated member counts once
	t.SAdd("post2", "redis", "pipelining")
	isGo := t.SIsMember("post2", "go")
	common := t.SInter("post1", "post2")
	all := t.SMembers("post1")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	members := all.Val()
	slices.Sort(members) // a set has no order: sort before showing it
	fmt.Println("added:", added.Val())
	fmt.Println("post2 tagged go:", isGo.Val())
	fmt.Println("common:", common.Val())
	fmt.Println("post1:", members)
	// Output:
	// added: 2
	// post2 tagged go: false
	// common: [redis]
	// post1: [go redis]
}

// A List keyspace with a JSON codec is a typed queue: elements go in and
// come out as the Go struct, never as text to parse.
func ExampleNewList() {
	type Job struct {
		To      string `json:"to"`
		Subject string `json:"subject"`
	}
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	jobs := keyspace.NewList("jobs", redpipe.JSON[Job]())

	p := c.Pipeline()
	q := jobs.With(ctx, p)
	q.RPush("mail", Job{To: "ann", Subject: "welcome"}, Job{To: "bob", Subject: "reset"})
	length := q.LLen("mail")
	next := q.LPop("mail") // FIFO: push at the tail, pop at the head
	left := q.LRange("mail", 0, -1)
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("queued:", length.Val())
	fmt.Printf("next: %+v\n", next.Val())
	fmt.Printf("left: %+v\n", left.Val())
	// Output:
	// queued: 2
	// next: {To:ann Subject:welcome}
	// left: [{To:bob Subject:reset}]
}

// A SortedSet keyspace is a leaderboard per id: scores are float64 and
// members come back typed, highest first with ZRevRange.
func ExampleNewSortedSet() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	scores := keyspace.NewSortedSet("scores", redpipe.Text)

	p := c.Pipeline()
	z := scores.With(ctx, p)
	z.ZAdd("game1",
		keyspace.ZMember[string]{Member: "ann", Score: 10},
		keyspace.ZMember[string]{Member: "bob", Score: 25},
		keyspace.ZMember[string]{Member: "cid", Score: 15},
	)
	ann := z.ZIncrBy("game1", 20, "ann") // ann scores again: 30 now
	top := z.ZRevRangeWithScores("game1", 0, 1)
	rank := z.ZRevRank("game1", "cid") // 0 is the leader
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ann:", ann.Val())
	fmt.Printf("top: %+v\n", top.Val())
	fmt.Println("cid's rank:", rank.Val())
	// Output:
	// ann: 30
	// top: [{Member:ann Score:30} {Member:bob Score:25}]
	// cid's rank: 2
}

// A HyperLogLog keyspace counts distinct elements in a few kilobytes per
// id, however many there are; PFMerge gives the count over several ids.
func ExampleNewHyperLogLog() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	visitors := keyspace.NewHyperLogLog("visitors")

	p := c.Pipeline()
	v := visitors.With(ctx, p)
	v.PFAdd("mon", "ann", "bob", "ann") // ann twice: counted once
	v.PFAdd("tue", "bob", "cid")
	mon := v.PFCount("mon")
	v.PFMerge("week", "mon", "tue")
	week := v.PFCount("week")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	// The count is an estimate; on so few elements it is exact.
	fmt.Println("monday:", mon.Val())
	fmt.Println("week:", week.Val())
	// Output:
	// monday: 2
	// week: 3
}

// A Geo keyspace holds members at positions: distances between them and
// searches around one. (GeoHash is not shown: the embedded miniredis has no
// GEOHASH command; a real Redis has.)
func ExampleNewGeo() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	places := keyspace.NewGeo("places")

	p := c.Pipeline()
	g := places.With(ctx, p)
	g.GeoAdd("italy",
		&redpipe.GeoLocation{Name: "Palermo", Longitude: 13.361389, Latitude: 38.115556},
		&redpipe.GeoLocation{Name: "Catania", Longitude: 15.087269, Latitude: 37.502669},
		&redpipe.GeoLocation{Name: "Rome", Longitude: 12.496366, Latitude: 41.902782},
	)
	dist := g.GeoDist("italy", "Palermo", "Catania", "km")
	near := g.GeoSearch("italy", &redpipe.GeoSearchQuery{
		Member: "Palermo", Radius: 200, RadiusUnit: "km", Sort: "ASC", // nearest first
	})
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Palermo-Catania: %.0f km\n", dist.Val())
	fmt.Println("within 200 km of Palermo:", near.Val())
	// Output:
	// Palermo-Catania: 166 km
	// within 200 km of Palermo: [Palermo Catania]
}

// Every keyspace has the generic key commands (KeyCmds), taking ids, not
// keys: here a session that expires.
func ExampleKeyCmds() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	sessions := keyspace.NewString("session", redpipe.ASCII)

	p := c.Pipeline()
	s := sessions.With(ctx, p)
	s.Set("ann", "tok-1", 0)
	s.Set("bob", "tok-2", 0)
	s.Expire("ann", 30*time.Minute) // Set's expiration does it too; Expire works on any type
	ttl := s.TTL("ann")
	noTTL := s.TTL("bob") // -1 (ns, as go-redis gives it): no time to live
	both := s.Exists("ann", "bob", "cid")
	gone := s.Del("bob")
	left := s.Exists("ann", "bob")
	if err := p.Exec(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ann's ttl:", ttl.Val())
	fmt.Println("bob's ttl:", noTTL.Val())
	fmt.Println("exist:", both.Val(), "deleted:", gone.Val(), "then exist:", left.Val())
	// Output:
	// ann's ttl: 30m0s
	// bob's ttl: -1ns
	// exist: 2 deleted: 1 then exist: 1
}

// Keyspaces of different types compose: bound to one pipeline, their
// commands go out together in one round trip with the one Exec, and every
// future resolves then.
func Example_composed() {
	c, stop := embedded.Client()
	defer stop()
	ctx := context.Background()
	following := keyspace.NewSet("following", redpipe.Text)
	timeline := keyspace.NewSortedSet("timeline", redpipe.Text)
	users := keyspace.NewHash("user", redpipe.Fields{"posts": redpipe.Int}, redpipe.Text)

	// Ann follows bob and posts: three keyspaces, one id, so on a cluster
	// all three keys share a slot.
	p := c.Pipeline()
	followed := following.With(ctx, p).SAdd("ann", "bob")
	timeline.With(ctx, p).ZAdd("ann", keyspace.ZMember[string]{Member: "post:1", Score: 1700000000})
	posts := timeline.With(ctx, p).ZCard("ann")
	users.With(ctx, p).HSet("ann", map[string]any{"name": "Ann", "posts": 0})
	count := users.With(ctx, p).HIncrBy("ann", "posts", 1)
	fmt.Println("ready before Exec:", count.Ready())
	if err := p.Exec(ctx); err != nil { // the one round trip
		fmt.Println(err)
		return
	}
	fmt.Println("followed:", followed.Val(), "timeline:", posts.Val(), "posts:", count.Val())
	// Output:
	// ready before Exec: false
	// followed: 1 timeline: 1 posts: 1
}
