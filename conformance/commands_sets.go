package conformance

import (
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Commands: sets", func() {
		It("queues every set command in one round trip and decodes each reply", func(ctx SpecContext) {
			s1, s2, single, pair, missing := s.Key("s1"), s.Key("s2"), s.Key("single"), s.Key("pair"), s.Key("missing")
			p := s.Client.Pipeline()
			sadd := p.SAdd(s1, "a", "b", "c")
			saddSlice := p.SAdd(s1, []string{"c", "d"})
			sadd2 := p.SAdd(s2, "c", "d", "e")
			saddSingle := p.SAdd(single, "only")
			saddPair := p.SAdd(pair, 1, 2)
			scard, scardMissing := p.SCard(s1), p.SCard(missing)
			isMember, notMember := p.SIsMember(s1, "a"), p.SIsMember(s1, "z")
			misMember := p.SMIsMember(s1, "a", "z", "d")
			members := p.SMembers(s1)
			membersMap := p.SMembersMap(s2)
			membersMissing := p.SMembers(missing)
			sdiff := p.SDiff(s1, s2)
			sinter := p.SInter(s1, s2)
			sunion := p.SUnion(s1, s2, missing)
			sdiffStore := p.SDiffStore(s.Key("diff"), s1, s2)
			sinterStore := p.SInterStore(s.Key("inter"), s1, s2)
			sunionStore := p.SUnionStore(s.Key("union"), s1, s2)
			storedUnion := p.SMembers(s.Key("union"))
			interCard := p.SInterCard(0, s1, s2)
			interCardLimit := p.SInterCard(1, s1, s2)
			smove := p.SMove(s1, s2, "a")
			smoveMissing := p.SMove(s1, s2, "zz")
			srem := p.SRem(s1, "b", "zz")
			afterMove := p.SMembers(s1)
			srand := p.SRandMember(single)
			srandN := p.SRandMemberN(single, 3)
			srandRepeat := p.SRandMemberN(single, -3)
			srandMissing := p.SRandMember(missing)
			spop := p.SPop(single)
			spopEmpty := p.SPop(single)
			spopN := p.SPopN(pair, 5)
			spopNEmpty := p.SPopN(pair, 1)
			s.ExecOnce(ctx, p)

			Expect(sadd.Result()).To(Equal(int64(3)))
			Expect(saddSlice.Result()).To(Equal(int64(1)))
			Expect(sadd2.Result()).To(Equal(int64(3)))
			Expect(saddSingle.Result()).To(Equal(int64(1)))
			Expect(saddPair.Result()).To(Equal(int64(2)))
			Expect(scard.Result()).To(Equal(int64(4)))
			Expect(scardMissing.Result()).To(Equal(int64(0)))
			Expect(isMember.Result()).To(BeTrue())
			Expect(notMember.Result()).To(BeFalse())
			Expect(misMember.Result()).To(Equal([]bool{true, false, true}))
			Expect(members.Result()).To(ConsistOf("a", "b", "c", "d"))
			Expect(membersMap.Result()).To(Equal(map[string]struct{}{"c": {}, "d": {}, "e": {}}))
			Expect(membersMissing.Result()).To(Equal([]string{}))
			Expect(sdiff.Result()).To(ConsistOf("a", "b"))
			Expect(sinter.Result()).To(ConsistOf("c", "d"))
			Expect(sunion.Result()).To(ConsistOf("a", "b", "c", "d", "e"))
			Expect(sdiffStore.Result()).To(Equal(int64(2)))
			Expect(sinterStore.Result()).To(Equal(int64(2)))
			Expect(sunionStore.Result()).To(Equal(int64(5)))
			Expect(storedUnion.Result()).To(ConsistOf("a", "b", "c", "d", "e"))
			Expect(interCard.Result()).To(Equal(int64(2)))
			Expect(interCardLimit.Result()).To(Equal(int64(1)))
			Expect(smove.Result()).To(BeTrue())
			Expect(smoveMissing.Result()).To(BeFalse())
			Expect(srem.Result()).To(Equal(int64(1)))
			Expect(afterMove.Result()).To(ConsistOf("c", "d"))
			Expect(srand.Result()).To(Equal("only"))
			Expect(srandN.Result()).To(Equal([]string{"only"}))
			Expect(srandRepeat.Result()).To(Equal([]string{"only", "only", "only"}))
			Expect(srandMissing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(spop.Result()).To(Equal("only"))
			Expect(spopEmpty.Err()).To(MatchError(redpipe.ErrNil))
			Expect(spopN.Result()).To(ConsistOf("1", "2"))
			Expect(spopNEmpty.Result()).To(Equal([]string{}))
		})

		It("keeps Redis's error text per command", func(ctx SpecContext) {
			set, str := s.Key("set"), s.Key("str")
			s.Arrange(ctx, []string{"SADD", set, "a"}, []string{"SET", str, "x"})
			p := s.Client.Pipeline()
			wrong := p.SAdd(str, "a")
			wrongInter := p.SInter(set, str)
			badLimit := p.SInterCard(-1, set)
			badValue := p.SAdd(set, "b", func() {})
			after := p.SMembers(set)
			s.ExecOnceFailing(ctx, p)

			ExpectRedisError(wrong.Err(), cmdWrongType)
			ExpectRedisError(wrongInter.Err(), cmdWrongType)
			ExpectRedisError(badLimit.Err(), "ERR LIMIT can't be negative")
			Expect(badValue.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(after.Result()).To(Equal([]string{"a"}))
		})

		It("SSCAN with MATCH and COUNT iterates to cursor 0 over every member", func(ctx SpecContext) {
			set := s.Key("big")
			args := []string{"SADD", set}
			var want []string
			for i := range 400 {
				m := fmt.Sprintf("m%03d", i)
				want = append(want, m)
				args = append(args, m)
			}
			args = append(args, "x1", "x2")
			s.Arrange(ctx, args)

			got := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.SScan(set, cursor, "m*", 25)
			})
			Expect(got).To(ConsistOf(want))

			xs := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.SScan(set, cursor, "x*", 0)
			})
			Expect(xs).To(ConsistOf("x1", "x2"))
		})
	})
})
