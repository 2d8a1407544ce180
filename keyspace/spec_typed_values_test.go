package keyspace_test

import (
	"math"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
)

var _ = register(func(s *conformance.Suite) {
	Describe("Keyspaces of each type", func() {
		It("Set: typed members in and out", func(ctx SpecContext) {
			sets := keyspace.NewSet(s.Prefix("sets"), redpipe.Int)
			other := sameSlotIDs("a", 1)[0]
			p := s.Client.Pipeline()
			b := sets.With(ctx, p)
			added := b.SAdd("a", 3, 1, 2, 3)
			b.SAdd(other, 3, 4)
			isMember := b.SIsMember("a", 2)
			mis := b.SMIsMember("a", 1, 5)
			card := b.SCard("a")
			members := b.SMembers("a")
			inter := b.SInter("a", other)
			union := b.SUnion("a", other)
			diff := b.SDiff("a", other)
			rem := b.SRem("a", 1)
			moved := b.SMove("a", other, 2)
			left := b.SMembers("a")
			popped := b.SPop("a")
			empty := b.SPop("a")
			s.ExecOnce(ctx, p)
			Expect(added.Result()).To(Equal(int64(3)))
			Expect(isMember.Result()).To(BeTrue())
			Expect(mis.Result()).To(Equal([]bool{true, false}))
			Expect(card.Result()).To(Equal(int64(3)))
			Expect(members.Result()).To(ConsistOf(int64(1), int64(2), int64(3)))
			Expect(inter.Result()).To(Equal([]int64{3}))
			Expect(union.Result()).To(ConsistOf(int64(1), int64(2), int64(3), int64(4)))
			Expect(diff.Result()).To(ConsistOf(int64(1), int64(2)))
			Expect(rem.Result()).To(Equal(int64(1)))
			Expect(moved.Result()).To(BeTrue())
			Expect(left.Result()).To(Equal([]int64{3}))
			Expect(popped.Result()).To(Equal(int64(3)))
			Expect(empty.Err()).To(MatchError(redpipe.ErrNil))
			Expect(conformance.RawStrings(s.Raw(ctx, "SMEMBERS", sets.Key(other)))).To(ConsistOf("2", "3", "4"))
		})

		It("List: typed elements in and out, exact floats and infinities", func(ctx SpecContext) {
			lists := keyspace.NewList(s.Prefix("lists"), redpipe.Float)
			dest := sameSlotIDs("a", 1)[0]
			p := s.Client.Pipeline()
			b := lists.With(ctx, p)
			pushX := b.RPushX("a", 1)
			pushed := b.RPush("a", 1.5, 0.1, math.Inf(1))
			lpushed := b.LPush("a", -0.25)
			all := b.LRange("a", 0, -1)
			last := b.LIndex("a", -1)
			out := b.LIndex("a", 99)
			first := b.LPop("a")
			end := b.RPop("a")
			length := b.LLen("a")
			set := b.LSet("a", 0, 9)
			b.RPush("a", 9, 7)
			removed := b.LRem("a", 0, 9)
			trimmed := b.LTrim("a", 0, 0)
			moved := b.RPopLPush("a", dest)
			s.ExecOnce(ctx, p)
			Expect(pushX.Result()).To(Equal(int64(0)))
			Expect(pushed.Result()).To(Equal(int64(3)))
			Expect(lpushed.Result()).To(Equal(int64(4)))
			Expect(all.Result()).To(Equal([]float64{-0.25, 1.5, 0.1, math.Inf(1)}))
			Expect(last.Result()).To(Equal(math.Inf(1)))
			Expect(out.Err()).To(MatchError(redpipe.ErrNil))
			Expect(first.Result()).To(Equal(-0.25))
			Expect(end.Result()).To(Equal(math.Inf(1)))
			Expect(length.Result()).To(Equal(int64(2)))
			Expect(set.Result()).To(Equal("OK"))
			Expect(removed.Result()).To(Equal(int64(2)))
			Expect(trimmed.Result()).To(Equal("OK"))
			Expect(moved.Result()).To(Equal(0.1))
			Expect(conformance.RawStrings(s.Raw(ctx, "LRANGE", lists.Key(dest), "0", "-1"))).To(Equal([]string{"0.1"}))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", lists.Key("a")), 0)
		})

		It("SortedSet: typed members, float64 scores, WITHSCORES as pairs", func(ctx SpecContext) {
			boards := keyspace.NewSortedSet(s.Prefix("boards"), redpipe.Text)
			p := s.Client.Pipeline()
			b := boards.With(ctx, p)
			added := b.ZAdd("g", keyspace.ZMember[string]{Member: "alice", Score: 10},
				keyspace.ZMember[string]{Member: "bob", Score: 20}, keyspace.ZMember[string]{Member: "carol", Score: 15})
			incr := b.ZIncrBy("g", 5, "alice")
			score := b.ZScore("g", "bob")
			noScore := b.ZScore("g", "dan")
			rank := b.ZRank("g", "carol")
			revRank := b.ZRevRank("g", "bob")
			card := b.ZCard("g")
			count := b.ZCount("g", "15", "15")
			asc := b.ZRange("g", 0, -1)
			ascScores := b.ZRangeWithScores("g", 0, 1)
			desc := b.ZRevRange("g", 0, 0)
			descScores := b.ZRevRangeWithScores("g", 0, -1)
			byScore := b.ZRangeByScore("g", &redpipe.ZRangeBy{Min: "(15", Max: "+inf"})
			byScoreWith := b.ZRangeByScoreWithScores("g", &redpipe.ZRangeBy{Min: "-inf", Max: "+inf", Offset: 1, Count: 1})
			revByScore := b.ZRevRangeByScore("g", &redpipe.ZRangeBy{Min: "-inf", Max: "(20"})
			popMin := b.ZPopMin("g", 1)
			popMax := b.ZPopMax("g", 1)
			rem := b.ZRem("g", "carol", "zed")
			s.ExecOnce(ctx, p)
			Expect(added.Result()).To(Equal(int64(3)))
			Expect(incr.Result()).To(Equal(15.0))
			Expect(score.Result()).To(Equal(20.0))
			Expect(noScore.Err()).To(MatchError(redpipe.ErrNil))
			Expect(rank.Result()).To(Equal(int64(1)))
			Expect(revRank.Result()).To(Equal(int64(0)))
			Expect(card.Result()).To(Equal(int64(3)))
			Expect(count.Result()).To(Equal(int64(2)))
			Expect(asc.Result()).To(Equal([]string{"alice", "carol", "bob"}))
			Expect(ascScores.Result()).To(Equal([]keyspace.ZMember[string]{{Member: "alice", Score: 15}, {Member: "carol", Score: 15}}))
			Expect(desc.Result()).To(Equal([]string{"bob"}))
			Expect(descScores.Result()).To(Equal([]keyspace.ZMember[string]{{Member: "bob", Score: 20}, {Member: "carol", Score: 15}, {Member: "alice", Score: 15}}))
			Expect(byScore.Result()).To(Equal([]string{"bob"}))
			Expect(byScoreWith.Result()).To(Equal([]keyspace.ZMember[string]{{Member: "carol", Score: 15}}))
			Expect(revByScore.Result()).To(Equal([]string{"carol", "alice"}))
			Expect(popMin.Result()).To(Equal([]keyspace.ZMember[string]{{Member: "alice", Score: 15}}))
			Expect(popMax.Result()).To(Equal([]keyspace.ZMember[string]{{Member: "bob", Score: 20}}))
			Expect(rem.Result()).To(Equal(int64(1)))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", boards.Key("g")), 0)
		})

		It("Hash: each declared field through its codec, undeclared fields through the default", func(ctx SpecContext) {
			users := keyspace.NewHash(s.Prefix("users"), redpipe.Fields{
				"age": redpipe.Int, "score": redpipe.Float, "admin": redpipe.Bool,
				"tags": redpipe.StringList, "prefs": redpipe.JSON[map[string]int](),
			}, redpipe.Text)
			p := s.Client.Pipeline()
			b := users.With(ctx, p)
			set := b.HSet("alice", map[string]any{
				"age": 30, "score": 1.5, "admin": true, "tags": []string{"a", "b"},
				"prefs": map[string]int{"x": 1}, "name": "Alice",
			})
			age := b.HGet("alice", "age")
			missing := b.HGet("alice", "nope")
			all := b.HGetAll("alice")
			some := b.HMGet("alice", "age", "nope", "name")
			incr := b.HIncrBy("alice", "age", 1)
			incrF := b.HIncrByFloat("alice", "score", 0.25)
			setNX := b.HSetNX("alice", "age", 99)
			exists := b.HExists("alice", "admin")
			hlen := b.HLen("alice")
			keys := b.HKeys("alice")
			strlen := b.HStrLen("alice", "name")
			del := b.HDel("alice", "admin", "nope")
			s.ExecOnce(ctx, p)
			Expect(set.Result()).To(Equal(int64(6)))
			Expect(age.Result()).To(Equal(int64(30)))
			Expect(missing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(all.Result()).To(Equal(map[string]any{
				"age": int64(30), "score": 1.5, "admin": true, "tags": []string{"a", "b"},
				"prefs": map[string]int{"x": 1}, "name": "Alice",
			}))
			Expect(some.Result()).To(Equal([]any{int64(30), nil, "Alice"}))
			Expect(incr.Result()).To(Equal(int64(31)))
			Expect(incrF.Result()).To(Equal(1.75))
			Expect(setNX.Result()).To(BeFalse())
			Expect(exists.Result()).To(BeTrue())
			Expect(hlen.Result()).To(Equal(int64(6)))
			Expect(keys.Result()).To(ConsistOf("age", "score", "admin", "tags", "prefs", "name"))
			Expect(strlen.Result()).To(Equal(int64(5)))
			Expect(del.Result()).To(Equal(int64(1)))
			stored := map[string]string{"age": "31", "score": "1.75", "tags": "a,b", "prefs": `{"x":1}`, "name": "Alice"}
			for f, want := range stored {
				conformance.ExpectRawString(s.Raw(ctx, "HGET", users.Key("alice"), f), want)
			}
		})

		It("HyperLogLog: PFADD, PFCOUNT and PFMERGE by id", func(ctx SpecContext) {
			visitors := keyspace.NewHyperLogLog(s.Prefix("visitors"))
			ids := sameSlotIDs("d1", 2)
			p := s.Client.Pipeline()
			b := visitors.With(ctx, p)
			added := b.PFAdd("d1", "a", "b", "c")
			again := b.PFAdd("d1", "a")
			b.PFAdd(ids[0], "c", "d")
			one := b.PFCount("d1")
			both := b.PFCount("d1", ids[0])
			merged := b.PFMerge(ids[1], "d1", ids[0])
			union := b.PFCount(ids[1])
			s.ExecOnce(ctx, p)
			Expect(added.Result()).To(Equal(int64(1)))
			Expect(again.Result()).To(Equal(int64(0)))
			Expect(one.Result()).To(Equal(int64(3)))
			Expect(both.Result()).To(Equal(int64(4)))
			Expect(merged.Result()).To(Equal("OK"))
			Expect(union.Result()).To(Equal(int64(4)))
		})

		It("Geo: GEOADD, GEOPOS, GEODIST, GEOHASH, GEOSEARCH with exact replies", func(ctx SpecContext) {
			places := keyspace.NewGeo(s.Prefix("places"))
			p := s.Client.Pipeline()
			b := places.With(ctx, p)
			added := b.GeoAdd("sicily",
				&redpipe.GeoLocation{Name: "Palermo", Longitude: 13.361389, Latitude: 38.115556},
				&redpipe.GeoLocation{Name: "Catania", Longitude: 15.087269, Latitude: 37.502669})
			pos := b.GeoPos("sicily", "Palermo", "nowhere")
			dist := b.GeoDist("sicily", "Palermo", "Catania", "km")
			noDist := b.GeoDist("sicily", "Palermo", "nowhere", "")
			hash := b.GeoHash("sicily", "Palermo")
			near := b.GeoSearch("sicily", &redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, Radius: 200, RadiusUnit: "km", Sort: "ASC"})
			nearest := b.GeoSearch("sicily", &redpipe.GeoSearchQuery{Member: "Palermo", BoxWidth: 400, BoxHeight: 400, Sort: "DESC", Count: 1})
			located := b.GeoSearchLocation("sicily", &redpipe.GeoSearchLocationQuery{
				GeoSearchQuery: redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, Radius: 200, Sort: "ASC"},
				WithCoord:      true, WithDist: true, WithHash: true,
			})
			distOnly := b.GeoSearchLocation("sicily", &redpipe.GeoSearchLocationQuery{
				GeoSearchQuery: redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, Radius: 100},
				WithDist:       true,
			})
			bad := b.GeoAdd("sicily", nil)
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(added.Result()).To(Equal(int64(2)))
			Expect(pos.Result()).To(Equal([]*redpipe.GeoPos{{Longitude: 13.361389338970184, Latitude: 38.1155563954963}, nil}))
			Expect(dist.Result()).To(Equal(166.2742))
			Expect(noDist.Err()).To(MatchError(redpipe.ErrNil))
			Expect(hash.Result()).To(Equal([]string{"sqc8b49rny0"}))
			Expect(near.Result()).To(Equal([]string{"Catania", "Palermo"}))
			Expect(nearest.Result()).To(Equal([]string{"Catania"}))
			Expect(located.Result()).To(Equal([]redpipe.GeoLocation{
				{Name: "Catania", Dist: 56.4413, GeoHash: 3479447370796909, Longitude: 15.087267458438873, Latitude: 37.50266842333162},
				{Name: "Palermo", Dist: 190.4424, GeoHash: 3479099956230698, Longitude: 13.361389338970184, Latitude: 38.1155563954963},
			}))
			Expect(distOnly.Result()).To(Equal([]redpipe.GeoLocation{{Name: "Catania", Dist: 56.4413}}))
			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidValue))
		})
	})
})
