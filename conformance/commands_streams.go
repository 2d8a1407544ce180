package conformance

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

// Stream specs: every id is chosen by the spec ("1-1", "2-0", ...), so
// each reply is known exactly. The consumer-group specs are in
// commands_streams_groups.go, those of Redis 8 additions in
// commands_streams_redis8.go.

// xentry is an XMessage with its fields given as field, value, ...
func xentry(id string, fv ...string) redpipe.XMessage {
	m := redpipe.XMessage{ID: id, Values: redpipe.XValues{}}
	for i := 0; i+1 < len(fv); i += 2 {
		m.Values = append(m.Values, redpipe.KeyValue{Key: fv[i], Value: fv[i+1]})
	}
	return m
}

var _ = register(func(s *Suite) {
	Describe("Commands: Streams", func() {
		It("adds entries with the ids given and ranges over them both ways, with counts", func(ctx SpecContext) {
			st, fresh, missing := s.Key("st"), s.Key("fresh"), s.Key("missing")
			p := s.Client.Pipeline()
			add1 := p.XAdd(&redpipe.XAddArgs{Stream: st, ID: "1-1", Values: []string{"a", "1", "b", "2"}})
			add2 := p.XAdd(&redpipe.XAddArgs{Stream: st, ID: "2-0", Values: []any{"n", 42, "x", 1.5}})
			add3 := p.XAdd(&redpipe.XAddArgs{Stream: st, ID: "3-0", Values: redpipe.XValues{{Key: "r", Value: "1"}, {Key: "r", Value: "2"}}})
			add4 := p.XAdd(&redpipe.XAddArgs{Stream: st, ID: "4-0", Values: map[string]any{"z": "last", "m": "mid", "a": "first"}})
			addSeq := p.XAdd(&redpipe.XAddArgs{Stream: st, ID: "5-*", Values: map[string]string{"k": ""}})
			noMk := p.XAdd(&redpipe.XAddArgs{Stream: missing, NoMkStream: true, Values: []string{"f", "v"}})
			auto := p.XAdd(&redpipe.XAddArgs{Stream: fresh, Values: []string{"bin", "\x00\r\n\xff"}})
			length := p.XLen(st)
			lengthMissing := p.XLen(missing)
			all := p.XRange(st, "-", "+")
			first2 := p.XRangeN(st, "-", "+", 2)
			exclusive := p.XRange(st, "(1-1", "3-0")
			rev := p.XRevRange(st, "+", "-")
			rev1 := p.XRevRangeN(st, "+", "(2-0", 1)
			none := p.XRange(missing, "-", "+")
			freshAll := p.XRange(fresh, "-", "+")
			del := p.XDel(st, "2-0", "9-9")
			afterDel := p.XRevRangeN(st, "3-0", "-", 5)
			s.ExecOnce(ctx, p)

			Expect(add1.Result()).To(Equal("1-1"))
			Expect(add2.Result()).To(Equal("2-0"))
			Expect(add3.Result()).To(Equal("3-0"))
			Expect(add4.Result()).To(Equal("4-0"))
			Expect(addSeq.Result()).To(Equal("5-0"))
			Expect(noMk.Err()).To(MatchError(redpipe.ErrNil), "NOMKSTREAM on a missing stream adds nothing")
			Expect(auto.Result()).To(MatchRegexp(`^\d+-0$`))
			Expect(length.Result()).To(Equal(int64(5)))
			Expect(lengthMissing.Result()).To(Equal(int64(0)))
			e1, e2, e3 := xentry("1-1", "a", "1", "b", "2"), xentry("2-0", "n", "42", "x", "1.5"), xentry("3-0", "r", "1", "r", "2")
			e4, e5 := xentry("4-0", "a", "first", "m", "mid", "z", "last"), xentry("5-0", "k", "")
			Expect(all.Result()).To(Equal([]redpipe.XMessage{e1, e2, e3, e4, e5}), "a map's fields sorted, repeats kept")
			Expect(first2.Result()).To(Equal([]redpipe.XMessage{e1, e2}))
			Expect(exclusive.Result()).To(Equal([]redpipe.XMessage{e2, e3}))
			Expect(rev.Result()).To(Equal([]redpipe.XMessage{e5, e4, e3, e2, e1}))
			Expect(rev1.Result()).To(Equal([]redpipe.XMessage{e5}))
			Expect(none.Result()).To(Equal([]redpipe.XMessage{}))
			Expect(freshAll.Result()).To(Equal([]redpipe.XMessage{xentry(auto.Val(), "bin", "\x00\r\n\xff")}))
			Expect(del.Result()).To(Equal(int64(1)))
			Expect(afterDel.Result()).To(Equal([]redpipe.XMessage{e3, e1}))
			v := all.Val()[2].Values
			r, ok := v.Get("r")
			Expect(r).To(Equal("2"), "Get gives the last of a repeated field")
			Expect(ok).To(BeTrue())
			Expect(v.Map()).To(Equal(map[string]string{"r": "2"}))
		})

		It("reads two streams with XREAD, and gives ErrNil when nothing is new", func(ctx SpecContext) {
			a, b, empty := s.Key("a"), s.Key("b"), s.Key("empty")
			s.Arrange(ctx,
				[]string{"XADD", a, "1-1", "f", "a1"}, []string{"XADD", a, "2-0", "f", "a2"},
				[]string{"XADD", b, "1-0", "g", "b1"},
				[]string{"XGROUP", "CREATE", empty, "g", "$", "MKSTREAM"},
				[]string{"XGROUP", "CREATE", a, "g", "0"}, []string{"XGROUP", "CREATE", b, "g", "0"})
			p := s.Client.Pipeline()
			both := p.XReadStreams(a, b, "0", "0")
			reversed := p.XReadStreams(b, a, "0", "0")
			groupReversed := p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{b, a, ">", ">"}, Count: 1, Block: -1})
			counted := p.XRead(&redpipe.XReadArgs{Streams: []string{a, b}, ID: "0", Count: 1, Block: -1})
			after := p.XReadStreams(a, b, "1-1", "1-0")
			nothing := p.XReadStreams(a, b, "$", "$")
			emptyStream := p.XReadStreams(empty, "0")
			s.ExecOnce(ctx, p)

			a1, a2, b1 := xentry("1-1", "f", "a1"), xentry("2-0", "f", "a2"), xentry("1-0", "g", "b1")
			Expect(both.Result()).To(Equal([]redpipe.XStream{
				{Stream: a, Messages: []redpipe.XMessage{a1, a2}},
				{Stream: b, Messages: []redpipe.XMessage{b1}},
			}))
			Expect(reversed.Result()).To(Equal([]redpipe.XStream{
				{Stream: b, Messages: []redpipe.XMessage{b1}},
				{Stream: a, Messages: []redpipe.XMessage{a1, a2}},
			}), "in the order named, whichever order the driver keeps a RESP3 map in")
			Expect(groupReversed.Result()).To(Equal([]redpipe.XStream{
				{Stream: b, Messages: []redpipe.XMessage{b1}},
				{Stream: a, Messages: []redpipe.XMessage{a1}},
			}))
			Expect(counted.Result()).To(Equal([]redpipe.XStream{
				{Stream: a, Messages: []redpipe.XMessage{a1}},
				{Stream: b, Messages: []redpipe.XMessage{b1}},
			}))
			Expect(after.Result()).To(Equal([]redpipe.XStream{{Stream: a, Messages: []redpipe.XMessage{a2}}}),
				"a stream with nothing after its id is left out")
			Expect(nothing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(emptyStream.Err()).To(MatchError(redpipe.ErrNil))
		})

		It("blocks with XREAD BLOCK: a timeout is ErrNil, entries already there answer at once", func(ctx SpecContext) {
			st, quiet := s.Key("st"), s.Key("quiet")
			s.Arrange(ctx, []string{"XADD", st, "1-1", "f", "v"}, []string{"XADD", quiet, "1-0", "f", "v"})
			p := s.Client.Pipeline()
			served := p.XRead(&redpipe.XReadArgs{Streams: []string{st, "0"}, Block: 5 * time.Second})
			start := time.Now()
			s.ExecOnce(ctx, p)
			Expect(time.Since(start)).To(BeNumerically("<", 2*time.Second), "entries already in the stream do not wait")
			Expect(served.Result()).To(Equal([]redpipe.XStream{{Stream: st, Messages: []redpipe.XMessage{xentry("1-1", "f", "v")}}}))

			p = s.Client.Pipeline()
			before := p.XLen(quiet)
			timedOut := p.XRead(&redpipe.XReadArgs{Streams: []string{quiet}, ID: "$", Count: 1, Block: 100 * time.Millisecond})
			afterIt := p.XLen(quiet)
			start = time.Now()
			s.ExecOnce(ctx, p)
			Expect(time.Since(start)).To(BeNumerically(">=", 95*time.Millisecond), "XREAD waited its BLOCK")
			Expect(timedOut.Err()).To(MatchError(redpipe.ErrNil))
			Expect(before.Result()).To(Equal(int64(1)))
			Expect(afterIt.Result()).To(Equal(int64(1)), "the commands after a blocking one still run")
		})

		It("trims exactly and approximately, by length and by id", func(ctx SpecContext) {
			st, three, capped, missing := s.Key("st"), s.Key("three"), s.Key("capped"), s.Key("missing")
			cmds := [][]string{}
			for _, id := range []string{"1-0", "2-0", "3-0", "4-0", "5-0"} {
				cmds = append(cmds, []string{"XADD", st, id, "f", id})
			}
			for _, id := range []string{"1-0", "2-0", "3-0"} {
				cmds = append(cmds, []string{"XADD", three, id, "f", id})
			}
			s.Arrange(ctx, cmds...)
			p := s.Client.Pipeline()
			maxLen := p.XTrimMaxLen(st, 3)
			minID := p.XTrimMinID(st, "5-0")
			left := p.XRange(st, "-", "+")
			approx := p.XTrimMinIDApprox(st, "9-0", 10)
			emptied := p.XLen(st)
			approxKeeps := p.XTrimMaxLenApprox(three, 1, redpipe.XTrimLimitDisabled)
			threeLen := p.XLen(three)
			missingTrim := p.XTrimMaxLenApprox(missing, 1, 0)
			c1 := p.XAdd(&redpipe.XAddArgs{Stream: capped, MaxLen: 2, ID: "1-0", Values: []string{"f", "1"}})
			c2 := p.XAdd(&redpipe.XAddArgs{Stream: capped, MaxLen: 2, ID: "2-0", Values: []string{"f", "2"}})
			c3 := p.XAdd(&redpipe.XAddArgs{Stream: capped, MaxLen: 2, ID: "3-0", Values: []string{"f", "3"}})
			c4 := p.XAdd(&redpipe.XAddArgs{Stream: capped, MinID: "3-0", ID: "4-0", Values: []string{"f", "4"}})
			cappedAll := p.XRange(capped, "-", "+")
			s.ExecOnce(ctx, p)

			Expect(maxLen.Result()).To(Equal(int64(2)))
			Expect(minID.Result()).To(Equal(int64(2)))
			Expect(left.Result()).To(Equal([]redpipe.XMessage{xentry("5-0", "f", "5-0")}))
			Expect(approx.Result()).To(Equal(int64(1)), "the whole node is below 9-0")
			Expect(emptied.Result()).To(Equal(int64(0)))
			Expect(approxKeeps.Result()).To(Equal(int64(0)), "~ removes whole nodes only, and the only node holds what MAXLEN keeps")
			Expect(threeLen.Result()).To(Equal(int64(3)))
			Expect(missingTrim.Result()).To(Equal(int64(0)))
			Expect([]string{c1.Val(), c2.Val(), c3.Val(), c4.Val()}).To(Equal([]string{"1-0", "2-0", "3-0", "4-0"}))
			Expect(cappedAll.Result()).To(Equal([]redpipe.XMessage{xentry("3-0", "f", "3"), xentry("4-0", "f", "4")}))
		})

		It("keeps Redis's error texts, and refuses bad input before sending it", func(ctx SpecContext) {
			str, st := s.Key("str"), s.Key("st")
			s.Arrange(ctx, []string{"SET", str, "x"}, []string{"XADD", st, "5-0", "f", "v"})
			p := s.Client.Pipeline()
			addWrong := p.XAdd(&redpipe.XAddArgs{Stream: str, Values: []string{"f", "v"}})
			rangeWrong := p.XRange(str, "-", "+")
			lenWrong := p.XLen(str)
			readWrong := p.XReadStreams(str, "0")
			trimWrong := p.XTrimMaxLen(str, 1)
			smallerID := p.XAdd(&redpipe.XAddArgs{Stream: st, ID: "1-1", Values: []string{"f", "v"}})
			badID := p.XRange(st, "x", "+")
			oddValues := p.XAdd(&redpipe.XAddArgs{Stream: st, Values: []string{"f"}})
			limitExact := p.XAdd(&redpipe.XAddArgs{Stream: st, MaxLen: 1, Limit: 10, Values: []string{"f", "v"}})
			noStreams := p.XRead(&redpipe.XReadArgs{Block: -1})
			nilArgs := p.XAdd(nil)
			still := p.XLen(st)
			err := s.ExecOnceFailing(ctx, p)

			ExpectRedisError(addWrong.Err(), cmdWrongType)
			ExpectRedisError(rangeWrong.Err(), cmdWrongType)
			ExpectRedisError(lenWrong.Err(), cmdWrongType)
			ExpectRedisError(readWrong.Err(), cmdWrongType)
			ExpectRedisError(trimWrong.Err(), cmdWrongType)
			ExpectRedisError(smallerID.Err(), "ERR The ID specified in XADD is equal or smaller than the target stream top item")
			ExpectRedisError(badID.Err(), "ERR Invalid stream ID specified as stream command argument")
			for _, f := range []interface{ Err() error }{oddValues, limitExact, noStreams, nilArgs} {
				Expect(f.Err()).To(MatchError(redpipe.ErrInvalidValue))
			}
			Expect(err).To(MatchError(redpipe.ErrInvalidValue))
			Expect(still.Result()).To(Equal(int64(1)), "refused commands are never sent, the rest run")
		})
	})
})
