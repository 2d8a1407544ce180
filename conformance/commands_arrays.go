package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

// Specs of the array type (Redis 8.8): they find it out with
// RequireCommand and skip on an older server. Every option's exact
// arguments are proven by commands_array_describe_test.go.
var _ = register(func(s *Suite) {
	Describe("Commands: arrays", func() {
		It("sets, gets and deletes slots by index (Redis 8.8)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "arset")
			k := s.Key("ar")
			p := s.Client.Pipeline()
			set := p.ARSet(k, 0, "a", "b")
			mset := p.ARMSet(k, redpipe.AREntry{Index: 5, Value: "f"}, redpipe.AREntry{Index: 1, Value: "B"})
			get := p.ARGet(k, 1)
			empty := p.ARGet(k, 3)
			rng := p.ARGetRange(k, 0, 5)
			mget := p.ARMGet(k, 5, 4)
			length := p.ARLen(k)
			count := p.ARCount(k)
			scan := p.ARScan(k, 0, 10, &redpipe.ARScanArgs{Limit: 2})
			used := p.AROpUsed(k, 0, 10)
			match := p.AROpMatch(k, 0, 10, "f")
			del := p.ARDel(k, 0)
			delRange := p.ARDelRange(k, redpipe.ARRange{Start: 4, End: 9})
			after := p.ARCount(k)
			missingLen := p.ARLen(s.Key("missing"))
			s.ExecOnce(ctx, p)

			Expect(set.Result()).To(Equal(int64(2)))
			Expect(mset.Result()).To(Equal(int64(1)), "slot 1 was set already")
			Expect(get.Result()).To(Equal("B"))
			Expect(empty.Err()).To(MatchError(redpipe.ErrNil))
			Expect(rng.Result()).To(Equal([]any{"a", "B", nil, nil, nil, "f"}))
			Expect(mget.Result()).To(Equal([]any{"f", nil}))
			Expect(length.Result()).To(Equal(uint64(6)))
			Expect(count.Result()).To(Equal(uint64(3)))
			Expect(scan.Result()).To(Equal([]redpipe.AREntry{{Index: 0, Value: "a"}, {Index: 1, Value: "B"}}))
			Expect(used.Result()).To(Equal(int64(3)))
			Expect(match.Result()).To(Equal(int64(1)))
			Expect(del.Result()).To(Equal(int64(1)))
			Expect(delRange.Result()).To(Equal(uint64(1)))
			Expect(after.Result()).To(Equal(uint64(1)))
			Expect(missingLen.Result()).To(Equal(uint64(0)))
		})

		It("inserts at a cursor, keeps a ring and gives the last items (Redis 8.8)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "arinsert")
			k, ring := s.Key("ar"), s.Key("ring")
			p := s.Client.Pipeline()
			ins := p.ARInsert(k, "x", "y")
			next := p.ARNext(k)
			seek := p.ARSeek(k, 10)
			ins2 := p.ARInsert(k, "z")
			last := p.ARLastItems(k, 2, false)
			lastRev := p.ARLastItems(k, 2, true)
			r := p.ARRing(ring, 2, "1", "2", "3")
			ringCount := p.ARCount(ring)
			info := p.ARInfo(k)
			s.ExecOnce(ctx, p)

			Expect(ins.Result()).To(Equal(uint64(1)))
			Expect(next.Result()).To(Equal(uint64(2)))
			Expect(seek.Result()).To(Equal(int64(1)))
			Expect(ins2.Result()).To(Equal(uint64(10)))
			Expect(last.Result()).To(Equal([]any{"y", "z"}))
			Expect(lastRev.Result()).To(Equal([]any{"z", "y"}))
			Expect(r.Err()).NotTo(HaveOccurred())
			Expect(ringCount.Result()).To(Equal(uint64(2)), "a ring of 2 keeps 2")
			Expect(info.Err()).NotTo(HaveOccurred())
			Expect(info.Val()).NotTo(BeEmpty())
		})

		It("aggregates and greps ranges (Redis 8.8)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "arop")
			s.RequireCommand(ctx, "argrep")
			k := s.Key("ar")
			s.Arrange(ctx, []string{"ARSET", k, "0", "6", "3", "5"}, []string{"ARSET", k, "5", "apple", "Apricot"})
			p := s.Client.Pipeline()
			sum := p.AROpSum(k, 0, 2)
			lo := p.AROpMin(k, 0, 2)
			hi := p.AROpMax(k, 0, 2)
			and := p.AROpAnd(k, 0, 2)
			or := p.AROpOr(k, 0, 2)
			xor := p.AROpXor(k, 0, 2)
			grep := p.ARGrep(k, "-", "+", &redpipe.ARGrepArgs{
				Predicates: []redpipe.ARGrepPredicate{{Type: redpipe.ARGrepGlob, Value: "ap*"}}, NoCase: true})
			grepValues := p.ARGrepWithValues(k, "-", "+", &redpipe.ARGrepArgs{
				Predicates: []redpipe.ARGrepPredicate{{Type: redpipe.ARGrepExact, Value: "apple"}}})
			s.ExecOnce(ctx, p)

			Expect(sum.Result()).To(Equal("14"))
			Expect(lo.Result()).To(Equal("3"))
			Expect(hi.Result()).To(Equal("6"))
			Expect(and.Result()).To(Equal(int64(6 & 3 & 5)))
			Expect(or.Result()).To(Equal(int64(6 | 3 | 5)))
			Expect(xor.Result()).To(Equal(int64(6 ^ 3 ^ 5)))
			Expect(grep.Result()).To(Equal([]uint64{5, 6}))
			Expect(grepValues.Result()).To(Equal([]redpipe.AREntry{{Index: 5, Value: "apple"}}))
		})
	})
})
