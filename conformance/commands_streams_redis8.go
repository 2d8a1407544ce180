package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// Specs of what Redis 8 added to streams. A new command is found out with
// RequireCommand; a new option of an old command, which COMMAND INFO does
// not list, by sending the command with it against a key that does not
// exist: a server without the option answers a syntax error before it
// looks at the key, one with it answers nil or NOGROUP.

// requireOption skips the running spec when the server answers args
// (which must not change anything) with a syntax error.
func (s *Suite) requireOption(ctx context.Context, what string, args ...string) {
	GinkgoHelper()
	res := s.Raw(ctx, args...)
	var re *ports.RedisError
	switch {
	case errors.As(res.Err, &re): // adapters give a lone command's error reply here
	case res.Err != nil:
		Fail(fmt.Sprintf("probing %s: %v", what, res.Err))
	case res.Reply.Kind == ports.KindError:
		re = res.Reply.Err
	}
	if re != nil && strings.HasPrefix(re.Error(), "ERR syntax error") {
		Skip(fmt.Sprintf("the server lacks %s (%q answers %q): the option is newer than this server", what, args, re.Error()))
	}
}

var _ = register(func(s *Suite) {
	Describe("Commands: Streams", func() {
		It("deletes with XDELEX and acknowledges and deletes with XACKDEL (Redis 8.2)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "xdelex")
			s.RequireCommand(ctx, "xackdel")
			st := s.Key("st")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-0", "f", "1"}, []string{"XADD", st, "2-0", "f", "2"},
				[]string{"XGROUP", "CREATE", st, "g", "0"},
				[]string{"XREADGROUP", "GROUP", "g", "c", "STREAMS", st, ">"})
			p := s.Client.Pipeline()
			keptUnacked := p.XDelEx(st, "ACKED", "1-0")
			deleted := p.XDelEx(st, "KEEPREF", "2-0", "9-0")
			ackDel := p.XAckDel(st, "g", "ACKED", "1-0")
			ackDelMissing := p.XAckDel(st, "g", "", "9-0")
			length := p.XLen(st)
			s.ExecOnce(ctx, p)

			Expect(keptUnacked.Result()).To(Equal([]int64{2}), "ACKED keeps an entry its group has not acknowledged")
			Expect(deleted.Result()).To(Equal([]int64{1, -1}))
			Expect(ackDel.Result()).To(Equal([]int64{1}), "acknowledged by every group, then deleted")
			Expect(ackDelMissing.Result()).To(Equal([]int64{-1}))
			Expect(length.Result()).To(Equal(int64(0)))
		})

		It("trims and adds with a reference mode (Redis 8.2)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "xdelex") // the modes came with XDELEX
			st := s.Key("st")
			s.Arrange(ctx, []string{"XADD", st, "1-0", "f", "1"}, []string{"XADD", st, "2-0", "f", "2"}, []string{"XADD", st, "3-0", "f", "3"})
			p := s.Client.Pipeline()
			trimmed := p.XTrimMaxLenMode(st, 2, "KEEPREF")
			trimmedID := p.XTrimMinIDMode(st, "3-0", "DELREF")
			added := p.XAdd(&redpipe.XAddArgs{Stream: st, Mode: "KEEPREF", MaxLen: 1, ID: "4-0", Values: []string{"f", "4"}})
			approxLen := p.XTrimMaxLenApproxMode(st, 5, redpipe.XTrimLimitDisabled, "KEEPREF")
			approxID := p.XTrimMinIDApproxMode(st, "0-1", 10, "ACKED")
			all := p.XRange(st, "-", "+")
			s.ExecOnce(ctx, p)

			Expect(trimmed.Result()).To(Equal(int64(1)))
			Expect(trimmedID.Result()).To(Equal(int64(1)))
			Expect(added.Result()).To(Equal("4-0"))
			Expect(approxLen.Result()).To(Equal(int64(0)), "one entry, below MAXLEN 5")
			Expect(approxID.Result()).To(Equal(int64(0)), "nothing below 0-1")
			Expect(all.Result()).To(Equal([]redpipe.XMessage{xentry("4-0", "f", "4")}))
		})

		It("hands pending entries back with XNACK (Redis 8.8)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "xnack")
			st := s.Key("st")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-0", "f", "1"}, []string{"XADD", st, "2-0", "f", "2"}, []string{"XADD", st, "3-0", "f", "3"},
				[]string{"XGROUP", "CREATE", st, "g", "0"},
				[]string{"XREADGROUP", "GROUP", "g", "c", "STREAMS", st, ">"})
			p := s.Client.Pipeline()
			nack := p.XNack(&redpipe.XNackArgs{Stream: st, Group: "g", Mode: redpipe.XNackModeSilent, IDs: []string{"1-0", "2-0"}})
			pending := p.XPending(st, "g")
			noMode := p.XNack(&redpipe.XNackArgs{Stream: st, Group: "g", IDs: []string{"3-0"}})
			s.ExecOnceFailing(ctx, p)

			Expect(nack.Result()).To(Equal(int64(2)))
			Expect(pending.Result()).To(Equal(redpipe.XPending{Count: 3, Lower: "1-0", Higher: "3-0",
				Consumers: map[string]int64{"c": 1}}), "NACKed entries stay pending, owned by no consumer")
			Expect(noMode.Err()).To(MatchError(redpipe.ErrInvalidValue))
		})

		It("adds idempotently and configures it with XCFGSET (Redis 8.6)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "xcfgset")
			st := s.Key("st")
			p := s.Client.Pipeline()
			first := p.XAdd(&redpipe.XAddArgs{Stream: st, ProducerID: "p1", IdempotentID: "m1", Values: []string{"f", "1"}})
			again := p.XAdd(&redpipe.XAddArgs{Stream: st, ProducerID: "p1", IdempotentID: "m1", Values: []string{"f", "2"}})
			length := p.XLen(st)
			before := p.XInfoStream(st)
			cfg := p.XCfgSet(&redpipe.XCfgSetArgs{Stream: st, Duration: 200, MaxSize: 500})
			after := p.XInfoStream(st)
			s.ExecOnce(ctx, p)

			Expect(first.Err()).NotTo(HaveOccurred())
			Expect(again.Result()).To(Equal(first.Val()), "a duplicate gives the id of the entry it duplicates")
			Expect(length.Result()).To(Equal(int64(1)))
			Expect([]int64{before.Val().PIDsTracked, before.Val().IIDsAdded, before.Val().IIDsDuplicates}).To(Equal([]int64{1, 1, 1}))
			Expect(cfg.Result()).To(Equal("OK"))
			Expect([]int64{after.Val().IDMPDuration, after.Val().IDMPMaxSize}).To(Equal([]int64{200, 500}))
		})

		It("caps XREAD's entries across streams with MAXCOUNT (Redis 8.10)", func(ctx SpecContext) {
			s.requireOption(ctx, "XREAD MAXCOUNT", "XREAD", "MAXCOUNT", "1", "STREAMS", s.Key("probe"), "0")
			a, b := s.Key("a"), s.Key("b")
			cmds := [][]string{}
			for _, id := range []string{"1-0", "2-0", "3-0"} {
				cmds = append(cmds, []string{"XADD", a, id, "f", "a"}, []string{"XADD", b, id, "f", "b"})
			}
			s.Arrange(ctx, cmds...)
			p := s.Client.Pipeline()
			capped := p.XRead(&redpipe.XReadArgs{Streams: []string{a, b}, ID: "0", MaxCount: 4, Block: -1})
			s.ExecOnce(ctx, p)

			Expect(capped.Result()).To(Equal([]redpipe.XStream{
				{Stream: a, Messages: []redpipe.XMessage{xentry("1-0", "f", "a"), xentry("2-0", "f", "a"), xentry("3-0", "f", "a")}},
				{Stream: b, Messages: []redpipe.XMessage{xentry("1-0", "f", "b")}},
			}), "streams are served in the order named until the cap")
		})

		It("claims idle entries within XREADGROUP ... CLAIM (Redis 8.4)", func(ctx SpecContext) {
			s.requireOption(ctx, "XREADGROUP CLAIM", "XREADGROUP", "GROUP", "g", "c", "CLAIM", "1", "STREAMS", s.Key("probe"), ">")
			st := s.Key("st")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-0", "f", "1"},
				[]string{"XGROUP", "CREATE", st, "g", "0"},
				[]string{"XREADGROUP", "GROUP", "g", "c1", "STREAMS", st, ">"})
			time.Sleep(20 * time.Millisecond)
			p := s.Client.Pipeline()
			claimed := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c2", Streams: []string{st, ">"}, Claim: 10 * time.Millisecond, Block: -1})
			owner := p.XPendingExt(&redpipe.XPendingExtArgs{Stream: st, Group: "g", Start: "-", End: "+", Count: 10})
			s.ExecOnce(ctx, p)

			Expect(claimed.Err()).NotTo(HaveOccurred())
			Expect(claimed.Val()).To(HaveLen(1))
			msgs := claimed.Val()[0].Messages
			Expect(msgs).To(HaveLen(1))
			Expect([]any{msgs[0].ID, msgs[0].Values}).To(Equal([]any{"1-0", redpipe.XValues{{Key: "f", Value: "1"}}}))
			Expect(msgs[0].MillisElapsedFromDelivery).To(BeNumerically(">=", 10))
			Expect(msgs[0].DeliveredCount).To(BeNumerically(">=", 1))
			Expect(owner.Val()).To(HaveLen(1))
			Expect(owner.Val()[0].Consumer).To(Equal("c2"))
		})
	})
})
