package conformance

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Commands: HyperLogLog", func() {
		It("queues PFADD, PFCOUNT and PFMERGE in one round trip and decodes each reply", func(ctx SpecContext) {
			h1, h2, h3 := s.Key("h1"), s.Key("h2"), s.Key("h3")
			p := s.Client.Pipeline()
			add := p.PFAdd(h1, "a", "b", "c")
			addAgain := p.PFAdd(h1, "a")
			addSlice := p.PFAdd(h2, []string{"c", "d"})
			addNothing := p.PFAdd(s.Key("empty"))
			count1 := p.PFCount(h1)
			countBoth := p.PFCount(h1, h2)
			countMissing := p.PFCount(s.Key("missing"))
			merge := p.PFMerge(h3, h1, h2)
			count3 := p.PFCount(h3)
			countEmpty := p.PFCount(s.Key("empty"))
			s.ExecOnce(ctx, p)

			Expect(add.Result()).To(Equal(int64(1)))
			Expect(addAgain.Result()).To(Equal(int64(0)))
			Expect(addSlice.Result()).To(Equal(int64(1)))
			Expect(addNothing.Result()).To(Equal(int64(1)), "PFADD with no element creates the key")
			Expect(count1.Result()).To(Equal(int64(3)))
			Expect(countBoth.Result()).To(Equal(int64(4)))
			Expect(countMissing.Result()).To(Equal(int64(0)))
			Expect(merge.Result()).To(Equal("OK"))
			Expect(count3.Result()).To(Equal(int64(4)))
			Expect(countEmpty.Result()).To(Equal(int64(0)))
		})

		It("keeps Redis's error text per command", func(ctx SpecContext) {
			str, h := s.Key("str"), s.Key("h")
			s.Arrange(ctx, []string{"SET", str, "not a hll"}, []string{"PFADD", h, "a"})
			p := s.Client.Pipeline()
			count := p.PFCount(str)
			add := p.PFAdd(str, "a")
			merge := p.PFMerge(h, str)
			badValue := p.PFAdd(h, nil)
			after := p.PFCount(h)
			s.ExecOnceFailing(ctx, p)

			const notHLL = "WRONGTYPE Key is not a valid HyperLogLog string value."
			ExpectRedisError(count.Err(), notHLL)
			ExpectRedisError(add.Err(), notHLL)
			ExpectRedisError(merge.Err(), notHLL)
			Expect(badValue.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(after.Result()).To(Equal(int64(1)))
		})
	})
})
