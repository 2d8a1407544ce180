//lint:file-ignore SA1019 the specs prove the deprecated GEORADIUS methods still work

package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

// The places and figures are Redis's own GEO examples (redis.io GEOADD,
// GEORADIUS, GEOSEARCH): the server's answers are exact to what it prints.
var _ = register(func(s *Suite) {
	Describe("Commands: Geo", func() {
		sicily := func() []*redpipe.GeoLocation {
			return []*redpipe.GeoLocation{
				{Name: "Palermo", Longitude: 13.361389, Latitude: 38.115556},
				{Name: "Catania", Longitude: 15.087269, Latitude: 37.502669},
			}
		}

		It("adds, measures, hashes and finds places, by radius, member and box, in one round trip", func(ctx SpecContext) {
			k := s.Key("sicily")
			p := s.Client.Pipeline()
			add := p.GeoAdd(k, sicily()...)
			dist := p.GeoDist(k, "Palermo", "Catania", "")
			hash := p.GeoHash(k, "Palermo", "Catania")
			pos := p.GeoPos(k, "Palermo", "nowhere")
			radius := p.GeoRadius(k, 15, 37, &redpipe.GeoRadiusQuery{Radius: 200, WithDist: true, Sort: "ASC"})
			byMember := p.GeoRadiusByMember(k, "Palermo", &redpipe.GeoRadiusQuery{Radius: 100})
			search := p.GeoSearch(k, &redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, Radius: 200, Sort: "ASC"})
			box := p.GeoSearchLocation(k, &redpipe.GeoSearchLocationQuery{
				GeoSearchQuery: redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, BoxWidth: 400, BoxHeight: 400, Sort: "ASC"},
				WithDist:       true,
			})
			s.ExecOnce(ctx, p)

			Expect(add.Result()).To(Equal(int64(2)))
			Expect(dist.Result()).To(Equal(166.2742))
			Expect(hash.Result()).To(Equal([]string{"sqc8b49rny0", "sqdtr74hyu0"}))
			Expect(pos.Val()).To(HaveLen(2))
			Expect(pos.Val()[0].Longitude).To(BeNumerically("~", 13.361389, 1e-5))
			Expect(pos.Val()[0].Latitude).To(BeNumerically("~", 38.115556, 1e-5))
			Expect(pos.Val()[1]).To(BeNil(), "a missing member has no position")
			Expect(radius.Result()).To(Equal([]redpipe.GeoLocation{{Name: "Catania", Dist: 56.4413}, {Name: "Palermo", Dist: 190.4424}}))
			Expect(byMember.Result()).To(Equal([]redpipe.GeoLocation{{Name: "Palermo"}}))
			Expect(search.Result()).To(Equal([]string{"Catania", "Palermo"}))
			Expect(box.Result()).To(Equal([]redpipe.GeoLocation{{Name: "Catania", Dist: 56.4413}, {Name: "Palermo", Dist: 190.4424}}))
		})

		It("stores what a search finds: the members, or their distances as scores", func(ctx SpecContext) {
			k, members, dists, r1, r2 := s.Key("sicily"), s.Key("members"), s.Key("dists"), s.Key("r1"), s.Key("r2")
			p := s.Client.Pipeline()
			p.GeoAdd(k, sicily()...)
			stored := p.GeoSearchStore(k, members, &redpipe.GeoSearchStoreQuery{GeoSearchQuery: redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, Radius: 100}})
			storedDist := p.GeoSearchStore(k, dists, &redpipe.GeoSearchStoreQuery{GeoSearchQuery: redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, Radius: 200}, StoreDist: true})
			radiusStore := p.GeoRadiusStore(k, 15, 37, &redpipe.GeoRadiusQuery{Radius: 200, Store: r1})
			memberStore := p.GeoRadiusByMemberStore(k, "Palermo", &redpipe.GeoRadiusQuery{Radius: 200, StoreDist: r2})
			scores := p.ZRangeWithScores(dists, 0, -1)
			names := p.ZRange(r1, 0, -1)
			fromPalermo := p.ZRangeWithScores(r2, 0, -1)
			s.ExecOnce(ctx, p)

			Expect(stored.Result()).To(Equal(int64(1)))
			Expect(storedDist.Result()).To(Equal(int64(2)))
			Expect(radiusStore.Result()).To(Equal(int64(2)))
			Expect(memberStore.Result()).To(Equal(int64(2)))
			Expect(scores.Val()).To(HaveLen(2))
			Expect(scores.Val()[0].Member).To(Equal("Catania"))
			Expect(scores.Val()[0].Score).To(BeNumerically("~", 56.4413, 1e-3))
			Expect(scores.Val()[1].Member).To(Equal("Palermo"))
			Expect(scores.Val()[1].Score).To(BeNumerically("~", 190.4424, 1e-3))
			Expect(names.Result()).To(ConsistOf("Palermo", "Catania"))
			Expect(fromPalermo.Val()).To(HaveLen(2))
			Expect(fromPalermo.Val()[0].Member).To(Equal("Palermo"))
			Expect(fromPalermo.Val()[0].Score).To(Equal(float64(0)))
			Expect(fromPalermo.Val()[1].Member).To(Equal("Catania"))
			Expect(fromPalermo.Val()[1].Score).To(BeNumerically("~", 166.2742, 1e-3))
		})

		It("keeps Redis's error text, and refuses a read form given a store, without sending it", func(ctx SpecContext) {
			str := s.Key("str")
			ExpectRawString(s.Raw(ctx, "SET", str, "x"), "OK")
			p := s.Client.Pipeline()
			wrong := p.GeoRadius(str, 15, 37, &redpipe.GeoRadiusQuery{Radius: 1})
			refused := p.GeoRadius(s.Key("sicily"), 15, 37, &redpipe.GeoRadiusQuery{Radius: 1, Store: s.Key("dest")})
			missing := p.GeoRadius(s.Key("none"), 15, 37, &redpipe.GeoRadiusQuery{Radius: 1})
			Expect(p.Exec(ctx)).To(HaveOccurred())
			Expect(wrong.Err()).To(MatchError("WRONGTYPE Operation against a key holding the wrong kind of value"))
			Expect(refused.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(missing.Result()).To(BeEmpty())
			for _, batch := range s.MainCalls.Commands() {
				for _, args := range batch {
					Expect(args).NotTo(ContainElement(s.Key("dest")), "the refused command was not sent")
				}
			}
			Expect(s.MainCalls.Commands()).To(HaveLen(1), "the other commands went out")
			Expect(s.MainCalls.Commands()[0]).To(HaveLen(2))
		})
	})
})
