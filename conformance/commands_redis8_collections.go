package conformance

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

// Specs of the hash, list and set commands newer than Redis 7 (HIMPORT,
// LMOVEM, SDIFFCARD, SUNIONCARD); each finds its command out with
// RequireCommand. Their exact arguments are proven by
// commands_redis8_describe_test.go.
var _ = register(func(s *Suite) {
	Describe("Commands: hashes", func() {
		It("writes hashes from a prepared fieldset in one pipeline (Redis 8.10)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "himport")
			if s.Topology() == Cluster {
				Skip("HIMPORT PREPARE has no key: a router sends it to any node, not with the SET of a key's node")
			}
			h, fs := s.Key("h"), s.Key("fs")
			p := s.Client.Pipeline()
			prep := p.HImportPrepare(fs, "name", "age")
			set := p.HImportSet(h, fs, "ann", 31)
			all := p.HGetAll(h)
			discard := p.HImportDiscard(fs)
			discardAll := p.HImportDiscardAll()
			s.ExecOnce(ctx, p)

			Expect(prep.Result()).To(Equal("OK"))
			Expect(set.Result()).To(Equal("OK"))
			Expect(all.Result()).To(Equal(map[string]string{"name": "ann", "age": "31"}))
			Expect(discard.Result()).To(Equal(int64(1)))
			Expect(discardAll.Result()).To(Equal(int64(0)))
		})
	})

	Describe("Commands: lists", func() {
		It("moves several elements with LMOVEM and BLMOVEM (Redis 8.10)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "lmovem")
			s.RequireCommand(ctx, "blmovem")
			src, dst := s.Key("src"), s.Key("dst")
			s.Arrange(ctx, []string{"RPUSH", src, "a", "b", "c", "d", "e"})
			p := s.Client.Pipeline()
			one := p.LMoveM(src, dst, "LEFT", "RIGHT", redpipe.LMoveMArgs{})
			bulk := p.LMoveM(src, dst, "LEFT", "RIGHT", redpipe.LMoveMArgs{Count: 2})
			tooMany := p.LMoveM(src, dst, "LEFT", "RIGHT", redpipe.LMoveMArgs{Mode: redpipe.LMoveMExactly, Count: 5})
			blocking := p.BLMoveM(src, dst, "LEFT", "RIGHT", time.Second, redpipe.LMoveMArgs{Count: 5}) // never 0: a wrong count would block for ever
			none := p.LMoveM(src, dst, "LEFT", "RIGHT", redpipe.LMoveMArgs{})
			moved := p.LRange(dst, 0, -1)
			s.ExecOnce(ctx, p)

			Expect(one.Result()).To(Equal([]string{"a"}))
			Expect(bulk.Result()).To(Equal([]string{"b", "c"}))
			Expect(tooMany.Err()).To(MatchError(redpipe.ErrNil), "EXACTLY 5 of 2 moves nothing")
			Expect(blocking.Result()).To(Equal([]string{"d", "e"}))
			Expect(none.Err()).To(MatchError(redpipe.ErrNil))
			Expect(moved.Result()).To(Equal([]string{"a", "b", "c", "d", "e"}))
		})
	})

	Describe("Commands: sets", func() {
		It("counts differences and unions with SDIFFCARD and SUNIONCARD (Redis 8.8)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "sdiffcard")
			s.RequireCommand(ctx, "sunioncard")
			a, b := s.Key("a"), s.Key("b")
			s.Arrange(ctx, []string{"SADD", a, "1", "2", "3", "4"}, []string{"SADD", b, "3", "4", "5"})
			p := s.Client.Pipeline()
			diff := p.SDiffCard(nil, a, b)
			diffLimited := p.SDiffCard(&redpipe.SDiffCardOptions{Limit: 1}, a, b)
			diffMissing := p.SDiffCard(nil, s.Key("missing"), a)
			union := p.SUnionCard(nil, a, b)
			unionLimited := p.SUnionCard(&redpipe.SUnionCardOptions{Limit: 3}, a, b)
			approx := p.SUnionCard(&redpipe.SUnionCardOptions{Approx: true}, a, b)
			s.ExecOnce(ctx, p)

			Expect(diff.Result()).To(Equal(int64(2)))
			Expect(diffLimited.Result()).To(Equal(int64(1)))
			Expect(diffMissing.Result()).To(Equal(int64(0)))
			Expect(union.Result()).To(Equal(int64(5)))
			Expect(unionLimited.Result()).To(Equal(int64(3)))
			Expect(approx.Val()).To(BeNumerically("~", 5, 1), "a HyperLogLog estimate")
		})
	})
})
