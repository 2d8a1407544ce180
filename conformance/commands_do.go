package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Commands: Do across protocols", func() {
		It("gives the RESP3 shape whichever protocol the configuration uses", func(ctx SpecContext) {
			h, one, zk, pop, pop1, bpop, mpop, missing := s.Key("h"), s.Key("one"), s.Key("z"),
				s.Key("pop"), s.Key("pop1"), s.Key("bpop"), s.Key("mpop"), s.Key("missing")
			st, g, a, b := s.Key("st"), s.Key("g"), s.Key("a"), s.Key("b")
			s.Arrange(ctx,
				[]string{"HSET", h, "f", "v"},
				[]string{"HSET", one, "f", "v"},
				[]string{"ZADD", zk, "1.5", "m", "1", "n"},
				[]string{"ZADD", pop, "1", "a", "2", "b", "3", "c"},
				[]string{"ZADD", pop1, "4", "x"},
				[]string{"ZADD", bpop, "2", "y"},
				[]string{"ZADD", mpop, "3", "q"},
				[]string{"XADD", st, "1-1", "f", "v"},
				[]string{"GEOADD", g, "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"},
				[]string{"SET", a, "ohmytext"}, []string{"SET", b, "mynewtext"},
			)

			p := s.Client.Pipeline()
			hgetall := p.Do("HGETALL", h)
			hgetallMissing := p.Do("HGETALL", missing)
			zscore := p.Do("ZSCORE", zk, "m")
			zscoreMissing := p.Do("ZSCORE", zk, "nope")
			zrange := p.Do("ZRANGE", zk, 0, -1, "WITHSCORES")
			zrangePlain := p.Do("ZRANGE", zk, 0, -1)
			zrangeByScore := p.Do("ZRANGEBYSCORE", zk, "-inf", "+inf", "WITHSCORES", "LIMIT", 0, 1)
			zmscore := p.Do("ZMSCORE", zk, "m", "nope")
			configGet := p.Do("CONFIG", "GET", "maxmemory-policy")
			popCount := p.Do("ZPOPMIN", pop, 1)
			popMax := p.Do("ZPOPMAX", pop, 5)
			popNoCount := p.Do("ZPOPMIN", pop1)
			popEmpty := p.Do("ZPOPMIN", missing, 2)
			bzpop := p.Do("BZPOPMIN", bpop, 1)
			zmpopReply := p.Do("ZMPOP", 1, mpop, "MIN")
			hrand := p.Do("HRANDFIELD", one, 1, "WITHVALUES")
			zrand := p.Do("ZRANDMEMBER", zk, -1, "WITHSCORES")
			zincrby := p.Do("ZINCRBY", zk, 1, "n")
			zaddIncr := p.Do("ZADD", zk, "INCR", 0.25, "m")
			zadd := p.Do("ZADD", zk, 5, "o")
			xread := p.Do("XREAD", "STREAMS", st, "0")
			geodist := p.Do("GEODIST", g, "Palermo", "Catania")
			geopos := p.Do("GEOPOS", g, "Palermo", "nope")
			lcs := p.Do("LCS", a, b, "IDX")
			lcsPlain := p.Do("LCS", a, b)
			s.ExecOnce(ctx, p)

			Expect(hgetall.Result()).To(Equal(map[string]any{"f": "v"}))
			Expect(hgetallMissing.Result()).To(Equal(map[string]any{}))
			Expect(zscore.Result()).To(Equal(float64(1.5)))
			Expect(zscoreMissing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(zrange.Result()).To(Equal([]any{[]any{"n", float64(1)}, []any{"m", float64(1.5)}}))
			Expect(zrangePlain.Result()).To(Equal([]any{"n", "m"}))
			Expect(zrangeByScore.Result()).To(Equal([]any{[]any{"n", float64(1)}}))
			Expect(zmscore.Result()).To(Equal([]any{float64(1.5), nil}))
			Expect(configGet.Result()).To(Equal(map[string]any{"maxmemory-policy": "noeviction"}))
			Expect(popCount.Result()).To(Equal([]any{[]any{"a", float64(1)}}), "with a count: pairs, even for one member")
			Expect(popMax.Result()).To(Equal([]any{[]any{"c", float64(3)}, []any{"b", float64(2)}}))
			Expect(popNoCount.Result()).To(Equal([]any{"x", float64(4)}), "without a count: flat, as RESP3 sends it")
			Expect(popEmpty.Result()).To(Equal([]any{}))
			Expect(bzpop.Result()).To(Equal([]any{bpop, "y", float64(2)}))
			Expect(zmpopReply.Result()).To(Equal([]any{mpop, []any{[]any{"q", float64(3)}}}))
			Expect(hrand.Result()).To(Equal([]any{[]any{"f", "v"}}))
			Expect(zrand.Result()).To(Or(
				Equal([]any{[]any{"n", float64(1)}}),
				Equal([]any{[]any{"m", float64(1.5)}})))
			Expect(zincrby.Result()).To(Equal(float64(2)))
			Expect(zaddIncr.Result()).To(Equal(float64(1.75)))
			Expect(zadd.Result()).To(Equal(int64(1)))
			Expect(xread.Result()).To(Equal(map[string]any{st: []any{[]any{"1-1", []any{"f", "v"}}}}))
			Expect(geodist.Result()).To(Equal(float64(166274.1516)))
			Expect(geopos.Val()).To(HaveLen(2))
			pos, ok := geopos.Val().([]any)
			Expect(ok).To(BeTrue())
			Expect(pos[0]).To(HaveLen(2))
			Expect(pos[0].([]any)[0]).To(BeNumerically("~", 13.361389, 1e-6))
			Expect(pos[0].([]any)[1]).To(BeNumerically("~", 38.115556, 1e-6))
			Expect(pos[1]).To(BeNil())
			Expect(lcs.Result()).To(Equal(map[string]any{
				"matches": []any{
					[]any{[]any{int64(4), int64(7)}, []any{int64(5), int64(8)}},
					[]any{[]any{int64(2), int64(3)}, []any{int64(0), int64(1)}},
				},
				"len": int64(6),
			}))
			Expect(lcsPlain.Result()).To(Equal("mytext"))
		})

		It("XINFO and the stream group replies are maps over both protocols", func(ctx SpecContext) {
			st := s.Key("st")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-1", "f", "v"},
				[]string{"XGROUP", "CREATE", st, "grp", "0"})
			p := s.Client.Pipeline()
			read := p.Do("XREADGROUP", "GROUP", "grp", "c1", "STREAMS", st, ">")
			groups := p.Do("XINFO", "GROUPS", st)
			consumers := p.Do("XINFO", "CONSUMERS", st, "grp")
			stream := p.Do("XINFO", "STREAM", st)
			s.ExecOnce(ctx, p)

			Expect(read.Result()).To(Equal(map[string]any{st: []any{[]any{"1-1", []any{"f", "v"}}}}))
			Expect(groups.Val()).To(HaveLen(1))
			Expect(groups.Val().([]any)[0]).To(And(
				HaveKeyWithValue("name", "grp"),
				HaveKeyWithValue("consumers", int64(1)),
				HaveKeyWithValue("pending", int64(1)),
				HaveKeyWithValue("last-delivered-id", "1-1")))
			Expect(consumers.Val()).To(HaveLen(1))
			Expect(consumers.Val().([]any)[0]).To(And(
				HaveKeyWithValue("name", "c1"),
				HaveKeyWithValue("pending", int64(1))))
			Expect(stream.Val()).To(And(
				HaveKeyWithValue("length", int64(1)),
				HaveKeyWithValue("groups", int64(1)),
				HaveKeyWithValue("first-entry", []any{"1-1", []any{"f", "v"}})))
		})
	})
})
