package keyspace_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
	"github.com/redpipe-go/redpipe/ports"
)

// rawEntry is the stored fields and values of the one entry XRANGE gave.
func rawEntry(res ports.Result) []string {
	GinkgoHelper()
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Elems).To(HaveLen(1))
	var out []string
	for _, e := range res.Reply.Elems[0].Elems[1].Elems {
		out = append(out, e.Str)
	}
	return out
}

func entry(id string, kv ...any) keyspace.StreamEntry {
	e := keyspace.StreamEntry{ID: id, Values: []keyspace.HashField{}}
	for i := 0; i < len(kv); i += 2 {
		e.Values = append(e.Values, keyspace.HashField{Field: kv[i].(string), Value: kv[i+1]})
	}
	return e
}

var _ = register(func(s *conformance.Suite) {
	Describe("Keyspaces of each type: Stream", func() {
		newEvents := func() *keyspace.Stream {
			return keyspace.NewStream(s.Prefix("events"), redpipe.Fields{"n": redpipe.Int, "ok": redpipe.Bool}, redpipe.Text)
		}

		It("XAdd stores each value through its field's codec; XRange and XRevRange decode them, order and repeats kept", func(ctx SpecContext) {
			events := newEvents()
			p := s.Client.Pipeline()
			b := events.With(ctx, p)
			first := b.XAddArgs("a", &redpipe.XAddArgs{ID: "1-1", Values: map[string]any{"what": "paid", "n": 3, "ok": true}})
			second := b.XAddArgs("a", &redpipe.XAddArgs{ID: "2-0", Values: []keyspace.HashField{
				{Field: "what", Value: "x"}, {Field: "n", Value: int64(-1)}, {Field: "what", Value: "y"}}})
			third := b.XAdd("a", map[string]any{"ok": false})
			all := b.XRange("a", "-", "2-0")
			after := b.XRangeN("a", "(1-1", "2-0", 1)
			rev := b.XRevRange("a", "2-0", "-")
			revN := b.XRevRangeN("a", "+", "-", 1)
			none := b.XRange("nobody", "-", "+")
			length := b.XLen("a")
			noMk := b.XAddArgs("nobody", &redpipe.XAddArgs{NoMkStream: true, Values: map[string]any{"n": 1}})
			s.ExecOnce(ctx, p)
			e1 := entry("1-1", "n", int64(3), "ok", true, "what", "paid")
			e2 := entry("2-0", "what", "x", "n", int64(-1), "what", "y")
			Expect(first.Result()).To(Equal("1-1"))
			Expect(second.Result()).To(Equal("2-0"))
			Expect(all.Result()).To(Equal([]keyspace.StreamEntry{e1, e2}))
			Expect(after.Result()).To(Equal([]keyspace.StreamEntry{e2}))
			Expect(rev.Result()).To(Equal([]keyspace.StreamEntry{e2, e1}))
			Expect(revN.Result()).To(Equal([]keyspace.StreamEntry{entry(third.Val(), "ok", false)}))
			Expect(none.Result()).To(Equal([]keyspace.StreamEntry{}))
			Expect(length.Result()).To(Equal(int64(3)))
			Expect(noMk.Err()).To(MatchError(redpipe.ErrNil))
			what, ok := e2.Get("what")
			Expect(ok).To(BeTrue())
			Expect(what).To(Equal("y"))
			Expect(rawEntry(s.Raw(ctx, "XRANGE", events.Key("a"), "1-1", "1-1"))).To(Equal([]string{"n", "3", "ok", "1", "what", "paid"}))
			Expect(rawEntry(s.Raw(ctx, "XRANGE", events.Key("a"), "2-0", "2-0"))).To(Equal([]string{"what", "x", "n", "-1", "what", "y"}))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", events.Key("nobody")), 0)
		})

		It("XDel, XTrimMinID and XTrimMaxLen remove entries (the approximate forms' counts depend on the server's node layout: unit tests pin their arguments)", func(ctx SpecContext) {
			events := newEvents()
			b := events.With(ctx, s.Client)
			for _, id := range []string{"1-0", "2-0", "3-0", "4-0", "5-0"} {
				Expect(b.XAddArgs("a", &redpipe.XAddArgs{ID: id, Values: map[string]any{"n": 1}}).Err()).NotTo(HaveOccurred())
			}
			p := s.Client.Pipeline()
			pb := events.With(ctx, p)
			del := pb.XDel("a", "2-0", "9-0")
			minID := pb.XTrimMinID("a", "3-0")
			maxLen := pb.XTrimMaxLen("a", 1)
			left := pb.XRange("a", "-", "+")
			s.ExecOnce(ctx, p)
			Expect(del.Result()).To(Equal(int64(1)))
			Expect(minID.Result()).To(Equal(int64(1)))
			Expect(maxLen.Result()).To(Equal(int64(2)))
			Expect(left.Result()).To(Equal([]keyspace.StreamEntry{entry("5-0", "n", int64(1))}))
		})

		It("XRead reads the streams of several ids, each decoded by its own id", func(ctx SpecContext) {
			events := newEvents()
			ids := sameSlotIDs("a", 2)
			p := s.Client.Pipeline()
			b := events.With(ctx, p)
			b.XAddArgs(ids[0], &redpipe.XAddArgs{ID: "1-0", Values: map[string]any{"n": 1}})
			b.XAddArgs(ids[0], &redpipe.XAddArgs{ID: "2-0", Values: map[string]any{"n": 2}})
			b.XAddArgs(ids[1], &redpipe.XAddArgs{ID: "1-0", Values: map[string]any{"ok": true}})
			read := b.XRead(&redpipe.XReadArgs{Streams: []string{ids[1], ids[0], "0", "1-0"}, Block: -1})
			one := b.XRead(&redpipe.XReadArgs{Streams: []string{ids[0], ids[1]}, ID: "0", Count: 1, Block: -1})
			nothing := b.XRead(&redpipe.XReadArgs{Streams: []string{ids[0]}, ID: "2-0", Block: -1})
			s.ExecOnce(ctx, p)
			Expect(read.Result()).To(Equal([]keyspace.StreamEntries{
				{ID: ids[1], Entries: []keyspace.StreamEntry{entry("1-0", "ok", true)}},
				{ID: ids[0], Entries: []keyspace.StreamEntry{entry("2-0", "n", int64(2))}},
			}))
			Expect(one.Result()).To(Equal([]keyspace.StreamEntries{
				{ID: ids[0], Entries: []keyspace.StreamEntry{entry("1-0", "n", int64(1))}},
				{ID: ids[1], Entries: []keyspace.StreamEntry{entry("1-0", "ok", true)}},
			}))
			Expect(nothing.Err()).To(MatchError(redpipe.ErrNil))
		})

		It("a consumer group: XGroupCreate, XReadGroup, XPending, XAck, XClaim, XAutoClaim, XGroupDestroy", func(ctx SpecContext) {
			events := newEvents()
			p := s.Client.Pipeline()
			b := events.With(ctx, p)
			created := b.XGroupCreateMkStream("a", "g", "0")
			dup := b.XGroupCreate("a", "g", "$")
			b.XAddArgs("a", &redpipe.XAddArgs{ID: "1-0", Values: map[string]any{"n": 1}})
			b.XAddArgs("a", &redpipe.XAddArgs{ID: "2-0", Values: map[string]any{"n": 2, "what": "two"}})
			b.XAddArgs("a", &redpipe.XAddArgs{ID: "3-0", Values: map[string]any{"n": 3}})
			consumer := b.XGroupCreateConsumer("a", "g", "carol")
			read := b.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "alice", Streams: []string{"a", ">"}, Count: 2, Block: -1})
			rest := b.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "bob", Streams: []string{"a", ">"}, Block: -1})
			empty := b.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "bob", Streams: []string{"a", ">"}, Block: -1})
			pending := b.XPending("a", "g")
			ext := b.XPendingExt("a", &redpipe.XPendingExtArgs{Group: "g", Start: "-", End: "+", Count: 10, Consumer: "alice"})
			acked := b.XAck("a", "g", "1-0", "9-0")
			b.XDel("a", "3-0")
			history := b.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "bob", Streams: []string{"a", "0"}, Block: -1})
			claimed := b.XClaim("a", &redpipe.XClaimArgs{Group: "g", Consumer: "bob", Messages: []string{"2-0"}})
			justIDs := b.XClaimJustID("a", &redpipe.XClaimArgs{Group: "g", Consumer: "alice", Messages: []string{"2-0"}})
			auto := b.XAutoClaim("a", &redpipe.XAutoClaimArgs{Group: "g", Consumer: "carol", Start: "0", Count: 10})
			autoIDs := b.XAutoClaimJustID("a", &redpipe.XAutoClaimArgs{Group: "g", Consumer: "bob", Start: "0"})
			after := b.XPending("a", "g")
			delConsumer := b.XGroupDelConsumer("a", "g", "bob")
			destroyed := b.XGroupDestroy("a", "g")
			gone := b.XGroupDestroy("a", "g")
			s.ExecOnceFailing(ctx, p)
			Expect(created.Result()).To(Equal("OK"))
			conformance.ExpectRedisError(dup.Err(), "BUSYGROUP Consumer Group name already exists")
			Expect(consumer.Result()).To(Equal(int64(1)))
			Expect(read.Result()).To(Equal([]keyspace.StreamEntries{{ID: "a", Entries: []keyspace.StreamEntry{
				entry("1-0", "n", int64(1)), entry("2-0", "n", int64(2), "what", "two")}}}))
			Expect(rest.Result()).To(Equal([]keyspace.StreamEntries{{ID: "a", Entries: []keyspace.StreamEntry{entry("3-0", "n", int64(3))}}}))
			Expect(empty.Err()).To(MatchError(redpipe.ErrNil))
			Expect(pending.Result()).To(Equal(redpipe.XPending{Count: 3, Lower: "1-0", Higher: "3-0", Consumers: map[string]int64{"alice": 2, "bob": 1}}))
			Expect(ext.Val()).To(HaveLen(2))
			Expect(ext.Val()[1]).To(HaveField("ID", "2-0"))
			Expect(ext.Val()[1]).To(HaveField("RetryCount", int64(1)))
			Expect(acked.Result()).To(Equal(int64(1)))
			Expect(history.Result()).To(Equal([]keyspace.StreamEntries{{ID: "a", Entries: []keyspace.StreamEntry{{ID: "3-0"}}}}))
			Expect(claimed.Result()).To(Equal([]keyspace.StreamEntry{entry("2-0", "n", int64(2), "what", "two")}))
			Expect(justIDs.Result()).To(Equal([]string{"2-0"}))
			Expect(auto.Result()).To(Equal(keyspace.StreamAutoClaim{
				Entries: []keyspace.StreamEntry{entry("2-0", "n", int64(2), "what", "two")}, Start: "0-0", DeletedIDs: []string{"3-0"}}))
			Expect(autoIDs.Result()).To(Equal(redpipe.XAutoClaimJustIDResult{IDs: []string{"2-0"}, Start: "0-0", DeletedIDs: []string{}}))
			Expect(after.Result()).To(Equal(redpipe.XPending{Count: 1, Lower: "2-0", Higher: "2-0", Consumers: map[string]int64{"bob": 1}}))
			Expect(delConsumer.Result()).To(Equal(int64(1)))
			Expect(destroyed.Result()).To(Equal(int64(1)))
			Expect(gone.Result()).To(Equal(int64(0)))
		})

		Describe("bad input", func() {
			It("a value its field's codec rejects fails XAdd, naming keyspace, id and field; nothing is sent", func(ctx SpecContext) {
				events := newEvents()
				p := s.Client.Pipeline()
				b := events.With(ctx, p)
				bad := b.XAdd("a", map[string]any{"n": "three", "what": "x"})
				other := b.XAddArgs("a", &redpipe.XAddArgs{Stream: "elsewhere", Values: map[string]any{"n": 1}})
				good := b.XAddArgs("b", &redpipe.XAddArgs{ID: "1-0", Values: map[string]any{"n": 1}})
				Expect(s.ExecOnceFailing(ctx, p)).To(MatchError(redpipe.ErrInvalidValue))
				expectRejectedValue(bad.Err(), `keyspace "`+events.Prefix()+`" id "a" field "n"`)
				expectRejectedValue(other.Err(), `the keyspace id names the stream`)
				Expect(good.Result()).To(Equal("1-0"))
				conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", events.Key("a")), 0)
			})

			It("a stored value its codec cannot decode fails that read and Exec, naming entry and field", func(ctx SpecContext) {
				events := newEvents()
				s.Arrange(ctx, []string{"XADD", events.Key("a"), "1-0", "n", "seven"}, []string{"XADD", events.Key("b"), "1-0", "n", "7"})
				p := s.Client.Pipeline()
				b := events.With(ctx, p)
				bad := b.XRange("a", "-", "+")
				badRead := b.XRead(&redpipe.XReadArgs{Streams: []string{"a"}, ID: "0", Block: -1})
				good := b.XRange("b", "-", "+")
				Expect(s.ExecOnceFailing(ctx, p)).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(bad.Err()).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(bad.Err().Error()).To(ContainSubstring(`entry 1-0: keyspace "` + events.Prefix() + `" id "a" field "n"`))
				Expect(badRead.Err()).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(good.Result()).To(Equal([]keyspace.StreamEntry{entry("1-0", "n", int64(7))}))
			})
		})
	})
})
