package conformance

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

// pendingOwners drops what depends on the clock (Idle) from XPENDING's
// extended entries.
func pendingOwners(ps []redpipe.XPendingExt) []redpipe.XPendingExt {
	out := make([]redpipe.XPendingExt, len(ps))
	for i, p := range ps {
		Expect(p.Idle).To(BeNumerically(">=", 0))
		Expect(p.Idle).To(BeNumerically("<", time.Minute))
		out[i] = redpipe.XPendingExt{ID: p.ID, Consumer: p.Consumer, RetryCount: p.RetryCount}
	}
	return out
}

// consumerCounts is XINFO CONSUMERS without its clock-dependent times.
func consumerCounts(cs []redpipe.XInfoConsumer) map[string]int64 {
	out := map[string]int64{}
	for _, c := range cs {
		Expect(c.Idle).To(BeNumerically("<", time.Minute))
		out[c.Name] = c.Pending
	}
	return out
}

var _ = register(func(s *Suite) {
	Describe("Commands: Streams", func() {
		It("runs a consumer group: create, read '>', pending, claim, autoclaim, ack, info", func(ctx SpecContext) {
			st, made := s.Key("st"), s.Key("made")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-1", "f", "v1"},
				[]string{"XADD", st, "2-0", "f", "v2"},
				[]string{"XADD", st, "3-0", "f", "v3"})
			e1, e2, e3 := xentry("1-1", "f", "v1"), xentry("2-0", "f", "v2"), xentry("3-0", "f", "v3")
			p := s.Client.Pipeline()
			create := p.XGroupCreate(st, "g", "0")
			mk := p.XGroupCreateMkStream(made, "g", "$")
			madeLen := p.XLen(made)
			c0 := p.XGroupCreateConsumer(st, "g", "c0")
			c0Again := p.XGroupCreateConsumer(st, "g", "c0")
			read1 := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c1", Streams: []string{st, ">"}, Count: 2, Block: -1})
			read2 := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c2", Streams: []string{st, ">"}, Block: -1})
			readNone := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c2", Streams: []string{st, ">"}, Block: -1})
			history := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c1", Streams: []string{st, "0"}, Block: -1})
			summary := p.XPending(st, "g")
			ext := p.XPendingExt(&redpipe.XPendingExtArgs{Stream: st, Group: "g", Start: "-", End: "+", Count: 10})
			extC2 := p.XPendingExt(&redpipe.XPendingExtArgs{Stream: st, Group: "g", Start: "-", End: "+", Count: 10, Consumer: "c2"})
			extIdle := p.XPendingExt(&redpipe.XPendingExtArgs{Stream: st, Group: "g", Idle: time.Hour, Start: "-", End: "+", Count: 10})
			claim := p.XClaim(&redpipe.XClaimArgs{Stream: st, Group: "g", Consumer: "c2", Messages: []string{"1-1"}})
			claimIdle := p.XClaim(&redpipe.XClaimArgs{Stream: st, Group: "g", Consumer: "c0", MinIdle: time.Hour, Messages: []string{"1-1"}})
			claimID := p.XClaimJustID(&redpipe.XClaimArgs{Stream: st, Group: "g", Consumer: "c1", Messages: []string{"1-1"}})
			auto := p.XAutoClaim(&redpipe.XAutoClaimArgs{Stream: st, Group: "g", Consumer: "c3", Start: "0", Count: 1})
			autoID := p.XAutoClaimJustID(&redpipe.XAutoClaimArgs{Stream: st, Group: "g", Consumer: "c3", Start: "2-0"})
			extC3 := p.XPendingExt(&redpipe.XPendingExtArgs{Stream: st, Group: "g", Start: "-", End: "+", Count: 10, Consumer: "c3"})
			ack := p.XAck(st, "g", "1-1")
			ackAgain := p.XAck(st, "g", "1-1", "9-9")
			after := p.XPending(st, "g")
			groups := p.XInfoGroups(st)
			consumers := p.XInfoConsumers(st, "g")
			info := p.XInfoStream(st)
			s.ExecOnce(ctx, p)

			Expect(create.Result()).To(Equal("OK"))
			Expect(mk.Result()).To(Equal("OK"))
			Expect(madeLen.Result()).To(Equal(int64(0)), "MKSTREAM made an empty stream")
			Expect(c0.Result()).To(Equal(int64(1)))
			Expect(c0Again.Result()).To(Equal(int64(0)))
			Expect(read1.Result()).To(Equal([]redpipe.XStream{{Stream: st, Messages: []redpipe.XMessage{e1, e2}}}))
			Expect(read2.Result()).To(Equal([]redpipe.XStream{{Stream: st, Messages: []redpipe.XMessage{e3}}}))
			Expect(readNone.Err()).To(MatchError(redpipe.ErrNil), "nothing new for the group")
			Expect(history.Result()).To(Equal([]redpipe.XStream{{Stream: st, Messages: []redpipe.XMessage{e1, e2}}}))
			Expect(summary.Result()).To(Equal(redpipe.XPending{Count: 3, Lower: "1-1", Higher: "3-0",
				Consumers: map[string]int64{"c1": 2, "c2": 1}}))
			Expect(pendingOwners(ext.Val())).To(Equal([]redpipe.XPendingExt{
				{ID: "1-1", Consumer: "c1", RetryCount: 2}, // read '>' then read again from the history
				{ID: "2-0", Consumer: "c1", RetryCount: 2},
				{ID: "3-0", Consumer: "c2", RetryCount: 1},
			}))
			Expect(pendingOwners(extC2.Val())).To(Equal([]redpipe.XPendingExt{{ID: "3-0", Consumer: "c2", RetryCount: 1}}))
			Expect(extIdle.Result()).To(Equal([]redpipe.XPendingExt{}), "nothing has been idle an hour")
			Expect(claim.Result()).To(Equal([]redpipe.XMessage{e1}))
			Expect(claimIdle.Result()).To(Equal([]redpipe.XMessage{}), "not idle long enough")
			Expect(claimID.Result()).To(Equal([]string{"1-1"}))
			Expect(auto.Result()).To(Equal(redpipe.XAutoClaimResult{Messages: []redpipe.XMessage{e1}, Start: "2-0", DeletedIDs: []string{}}))
			Expect(autoID.Result()).To(Equal(redpipe.XAutoClaimJustIDResult{IDs: []string{"2-0", "3-0"}, Start: "0-0", DeletedIDs: []string{}}))
			Expect(pendingOwners(extC3.Val())).To(Equal([]redpipe.XPendingExt{
				{ID: "1-1", Consumer: "c3", RetryCount: 4}, // XCLAIM and XAUTOCLAIM count a delivery, JUSTID does not
				{ID: "2-0", Consumer: "c3", RetryCount: 2},
				{ID: "3-0", Consumer: "c3", RetryCount: 1},
			}))
			Expect(ack.Result()).To(Equal(int64(1)))
			Expect(ackAgain.Result()).To(Equal(int64(0)))
			Expect(after.Result()).To(Equal(redpipe.XPending{Count: 2, Lower: "2-0", Higher: "3-0",
				Consumers: map[string]int64{"c3": 2}}))
			Expect(groups.Result()).To(Equal([]redpipe.XInfoGroup{{Name: "g", Consumers: 4, Pending: 2,
				LastDeliveredID: "3-0", EntriesRead: 3, Lag: 0}}))
			Expect(consumerCounts(consumers.Val())).To(Equal(map[string]int64{"c0": 0, "c1": 0, "c2": 0, "c3": 2}))
			Expect(consumers.Val()).To(HaveLen(4))
			Expect(consumers.Val()[0].Name).To(Equal("c0"), "consumers come sorted by name")
			got := info.Val()
			Expect(got.RadixTreeKeys).To(BeNumerically(">=", 1))
			Expect(got.RadixTreeNodes).To(BeNumerically(">=", 1))
			got.RadixTreeKeys, got.RadixTreeNodes = 0, 0 // the radix tree's layout is Redis's business
			Expect(got).To(Equal(redpipe.XInfoStream{Length: 3, Groups: 1, LastGeneratedID: "3-0",
				MaxDeletedEntryID: "0-0", EntriesAdded: 3, RecordedFirstEntryID: "1-1", FirstEntry: e1, LastEntry: e3}))
		})

		It("changes and removes groups and consumers", func(ctx SpecContext) {
			st := s.Key("st")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-1", "f", "v1"}, []string{"XADD", st, "2-0", "f", "v2"},
				[]string{"XGROUP", "CREATE", st, "g", "0"},
				[]string{"XREADGROUP", "GROUP", "g", "c", "STREAMS", st, ">"})
			p := s.Client.Pipeline()
			setID := p.XGroupSetID(st, "g", "1-1")
			reread := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "d", Streams: []string{st, ">"}, NoAck: true, Block: -1})
			pending := p.XPending(st, "g")
			delC := p.XGroupDelConsumer(st, "g", "c")
			delMissing := p.XGroupDelConsumer(st, "g", "nobody")
			pendingAfter := p.XPending(st, "g")
			destroy := p.XGroupDestroy(st, "g")
			destroyAgain := p.XGroupDestroy(st, "g")
			groups := p.XInfoGroups(st)
			s.ExecOnce(ctx, p)

			Expect(setID.Result()).To(Equal("OK"))
			Expect(reread.Result()).To(Equal([]redpipe.XStream{{Stream: st, Messages: []redpipe.XMessage{xentry("2-0", "f", "v2")}}}),
				"after SETID 1-1 the group delivers 2-0 again")
			Expect(pending.Result()).To(Equal(redpipe.XPending{Count: 2, Lower: "1-1", Higher: "2-0",
				Consumers: map[string]int64{"c": 2}}), "NOACK added nothing to the pending list")
			Expect(delC.Result()).To(Equal(int64(2)), "the consumer's pending entries")
			Expect(delMissing.Result()).To(Equal(int64(0)))
			Expect(pendingAfter.Result()).To(Equal(redpipe.XPending{Consumers: map[string]int64{}}))
			Expect(destroy.Result()).To(Equal(int64(1)))
			Expect(destroyAgain.Result()).To(Equal(int64(0)))
			Expect(groups.Result()).To(Equal([]redpipe.XInfoGroup{}))
		})

		It("gives entries deleted while pending without fields, and XAUTOCLAIM's deleted ids", func(ctx SpecContext) {
			st := s.Key("st")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-1", "f", "v1"}, []string{"XADD", st, "2-0", "f", "v2"},
				[]string{"XGROUP", "CREATE", st, "g", "0"},
				[]string{"XREADGROUP", "GROUP", "g", "c1", "STREAMS", st, ">"},
				[]string{"XDEL", st, "1-1"})
			p := s.Client.Pipeline()
			history := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c1", Streams: []string{st, "0"}, Block: -1})
			auto := p.XAutoClaimWithDeleted(&redpipe.XAutoClaimArgs{Stream: st, Group: "g", Consumer: "c2", Start: "0"})
			pending := p.XPending(st, "g")
			s.ExecOnce(ctx, p)

			Expect(history.Result()).To(Equal([]redpipe.XStream{{Stream: st, Messages: []redpipe.XMessage{
				{ID: "1-1"}, xentry("2-0", "f", "v2")}}}), "a deleted entry keeps its id, with nil Values")
			Expect(auto.Result()).To(Equal(redpipe.XAutoClaimResult{Messages: []redpipe.XMessage{xentry("2-0", "f", "v2")},
				Start: "0-0", DeletedIDs: []string{"1-1"}}))
			Expect(pending.Result()).To(Equal(redpipe.XPending{Count: 1, Lower: "2-0", Higher: "2-0",
				Consumers: map[string]int64{"c2": 1}}))
		})

		It("describes a stream in full: entries, groups, pending entries and consumers", func(ctx SpecContext) {
			st, empty := s.Key("st"), s.Key("empty")
			s.Arrange(ctx,
				[]string{"XADD", st, "1-1", "f", "v1"}, []string{"XADD", st, "2-0", "f", "v2"},
				[]string{"XGROUP", "CREATE", st, "g", "0"},
				[]string{"XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", st, ">"},
				[]string{"XGROUP", "CREATE", empty, "g", "$", "MKSTREAM"})
			p := s.Client.Pipeline()
			full := p.XInfoStreamFull(st, 0)
			one := p.XInfoStreamFull(st, 1)
			emptyInfo := p.XInfoStream(empty)
			start := time.Now()
			s.ExecOnce(ctx, p)

			f := full.Val()
			Expect(full.Err()).NotTo(HaveOccurred())
			Expect(f.Entries).To(Equal([]redpipe.XMessage{xentry("1-1", "f", "v1"), xentry("2-0", "f", "v2")}))
			Expect([]any{f.Length, f.LastGeneratedID, f.MaxDeletedEntryID, f.EntriesAdded, f.RecordedFirstEntryID}).
				To(Equal([]any{int64(2), "2-0", "0-0", int64(2), "1-1"}))
			Expect(f.Groups).To(HaveLen(1))
			g := f.Groups[0]
			Expect([]any{g.Name, g.LastDeliveredID, g.EntriesRead, g.Lag, g.PelCount}).To(Equal([]any{"g", "1-1", int64(1), int64(1), int64(1)}))
			Expect(g.Pending).To(HaveLen(1))
			Expect([]any{g.Pending[0].ID, g.Pending[0].Consumer, g.Pending[0].DeliveryCount}).To(Equal([]any{"1-1", "c1", int64(1)}))
			Expect(g.Pending[0].DeliveryTime).To(BeTemporally("~", start, time.Minute))
			Expect(g.Consumers).To(HaveLen(1))
			c := g.Consumers[0]
			Expect([]any{c.Name, c.PelCount}).To(Equal([]any{"c1", int64(1)}))
			Expect(c.SeenTime).To(BeTemporally("~", start, time.Minute))
			Expect(c.Pending).To(HaveLen(1))
			Expect([]any{c.Pending[0].ID, c.Pending[0].DeliveryCount}).To(Equal([]any{"1-1", int64(1)}))
			Expect(c.Pending[0].DeliveryTime).To(Equal(g.Pending[0].DeliveryTime))
			Expect(one.Val().Entries).To(Equal([]redpipe.XMessage{xentry("1-1", "f", "v1")}), "COUNT 1")

			e := emptyInfo.Val()
			Expect(emptyInfo.Err()).NotTo(HaveOccurred())
			Expect([]any{e.Length, e.Groups, e.FirstEntry, e.LastEntry}).
				To(Equal([]any{int64(0), int64(1), redpipe.XMessage{}, redpipe.XMessage{}}), "no first or last entry")
		})

		It("keeps the group errors' texts (NOGROUP, BUSYGROUP, no key)", func(ctx SpecContext) {
			st, missing, str := s.Key("st"), s.Key("missing"), s.Key("str")
			s.Arrange(ctx, []string{"XADD", st, "1-1", "f", "v"}, []string{"XGROUP", "CREATE", st, "g", "0"},
				[]string{"SET", str, "x"})
			p := s.Client.Pipeline()
			readNoGroup := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "nog", Consumer: "c", Streams: []string{st, ">"}, Block: -1})
			pendingNoGroup := p.XPending(st, "nog")
			claimNoGroup := p.XClaim(&redpipe.XClaimArgs{Stream: st, Group: "nog", Consumer: "c", Messages: []string{"1-1"}})
			busy := p.XGroupCreate(st, "g", "0")
			noKey := p.XGroupCreate(missing, "g", "0")
			infoNoKey := p.XInfoGroups(missing)
			consumersNoGroup := p.XInfoConsumers(st, "nog")
			setIDNoGroup := p.XGroupSetID(st, "nog", "0")
			wrong := p.XInfoStream(str)
			badReadGroup := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{st}})
			ackNoGroup := p.XAck(st, "nog", "1-1")
			s.ExecOnceFailing(ctx, p)

			ExpectRedisError(readNoGroup.Err(), "NOGROUP No such key '"+st+"' or consumer group 'nog' in XREADGROUP with GROUP option")
			ExpectRedisError(pendingNoGroup.Err(), "NOGROUP No such key '"+st+"' or consumer group 'nog'")
			ExpectRedisError(claimNoGroup.Err(), "NOGROUP No such key '"+st+"' or consumer group 'nog'")
			ExpectRedisError(busy.Err(), "BUSYGROUP Consumer Group name already exists")
			ExpectRedisError(noKey.Err(), "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.")
			ExpectRedisError(infoNoKey.Err(), "ERR no such key")
			ExpectRedisError(consumersNoGroup.Err(), "NOGROUP No such consumer group 'nog' for key name '"+st+"'")
			ExpectRedisError(setIDNoGroup.Err(), "NOGROUP No such consumer group 'nog' for key name '"+st+"'")
			ExpectRedisError(wrong.Err(), cmdWrongType)
			Expect(badReadGroup.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(ackNoGroup.Result()).To(Equal(int64(0)), "XACK of a missing group acknowledges nothing, without an error")
		})
	})
})
