package keyspace_test

import (
	"math"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
)

type fieldsPoint struct {
	X, Y int
	Tags []string
}

// expectRejectedValue checks a future failed at queue time with a codec's
// rejection naming where the value was headed.
func expectRejectedValue(err error, where string) {
	GinkgoHelper()
	Expect(err).To(MatchError(redpipe.ErrInvalidValue))
	Expect(err.Error()).To(ContainSubstring(where))
}

var _ = register(func(s *conformance.Suite) {
	Describe("Fields", func() {
		It("every codec stores its exact text and reads back the exact value", func(ctx SpecContext) {
			ints := keyspace.NewString(s.Prefix("ints"), redpipe.Int)
			floats := keyspace.NewString(s.Prefix("floats"), redpipe.Float)
			texts := keyspace.NewString(s.Prefix("texts"), redpipe.Text)
			asciis := keyspace.NewString(s.Prefix("asciis"), redpipe.ASCII)
			bytes := keyspace.NewString(s.Prefix("bytes"), redpipe.Bytes)
			bools := keyspace.NewString(s.Prefix("bools"), redpipe.Bool)
			lists := keyspace.NewString(s.Prefix("lists"), redpipe.StringList)
			points := keyspace.NewString(s.Prefix("points"), redpipe.JSON[fieldsPoint]())
			maps := keyspace.NewString(s.Prefix("maps"), redpipe.JSON[map[string][]int]())

			p := s.Client.Pipeline()
			ints.With(ctx, p).Set("max", math.MaxInt64, 0)
			ints.With(ctx, p).Set("min", math.MinInt64, 0)
			floats.With(ctx, p).Set("tenth", 0.1, 0)
			floats.With(ctx, p).Set("inf", math.Inf(1), 0)
			floats.With(ctx, p).Set("-inf", math.Inf(-1), 0)
			texts.With(ctx, p).Set("t", "héllo ✓", 0)
			asciis.With(ctx, p).Set("a", "plain ~ text", 0)
			bytes.With(ctx, p).Set("b", []byte("\x00\r\n\xff"), 0)
			bools.With(ctx, p).Set("yes", true, 0)
			bools.With(ctx, p).Set("no", false, 0)
			lists.With(ctx, p).Set("l", []string{"a", "b c", ""}, 0)
			lists.With(ctx, p).Set("empty", []string{}, 0)
			points.With(ctx, p).Set("p", fieldsPoint{X: 1, Y: -2, Tags: []string{"x"}}, 0)
			maps.With(ctx, p).Set("m", map[string][]int{"b": {2}, "a": {1, 3}}, 0)
			maxInt := ints.With(ctx, p).Get("max")
			minInt := ints.With(ctx, p).Get("min")
			tenth := floats.With(ctx, p).Get("tenth")
			inf := floats.With(ctx, p).Get("inf")
			negInf := floats.With(ctx, p).Get("-inf")
			text := texts.With(ctx, p).Get("t")
			ascii := asciis.With(ctx, p).Get("a")
			raw := bytes.With(ctx, p).Get("b")
			yes := bools.With(ctx, p).Get("yes")
			no := bools.With(ctx, p).Get("no")
			list := lists.With(ctx, p).Get("l")
			empty := lists.With(ctx, p).Get("empty")
			point := points.With(ctx, p).Get("p")
			m := maps.With(ctx, p).Get("m")
			s.ExecOnce(ctx, p)

			Expect(maxInt.Result()).To(Equal(int64(math.MaxInt64)))
			Expect(minInt.Result()).To(Equal(int64(math.MinInt64)))
			Expect(tenth.Result()).To(Equal(0.1))
			Expect(inf.Result()).To(Equal(math.Inf(1)))
			Expect(negInf.Result()).To(Equal(math.Inf(-1)))
			Expect(text.Result()).To(Equal("héllo ✓"))
			Expect(ascii.Result()).To(Equal("plain ~ text"))
			Expect(raw.Result()).To(Equal([]byte("\x00\r\n\xff")))
			Expect(yes.Result()).To(BeTrue())
			Expect(no.Result()).To(BeFalse())
			Expect(list.Result()).To(Equal([]string{"a", "b c", ""}))
			Expect(empty.Result()).To(Equal([]string{}))
			Expect(point.Result()).To(Equal(fieldsPoint{X: 1, Y: -2, Tags: []string{"x"}}))
			Expect(m.Result()).To(Equal(map[string][]int{"a": {1, 3}, "b": {2}}))

			stored := map[string]string{
				ints.Key("max"): "9223372036854775807", ints.Key("min"): "-9223372036854775808",
				floats.Key("tenth"): "0.1", floats.Key("inf"): "inf", floats.Key("-inf"): "-inf",
				texts.Key("t"): "héllo ✓", bytes.Key("b"): "\x00\r\n\xff", bools.Key("yes"): "1", bools.Key("no"): "0",
				lists.Key("l"): "a,b c,", lists.Key("empty"): "",
				points.Key("p"): `{"X":1,"Y":-2,"Tags":["x"]}`, maps.Key("m"): `{"a":[1,3],"b":[2]}`,
			}
			for key, want := range stored {
				conformance.ExpectRawString(s.Raw(ctx, "GET", key), want)
			}
		})

		It("Bool reads \"0\", \"\" and \"false\" as false, \"1\" and \"true\" as true, and nothing else", func(ctx SpecContext) {
			bools := keyspace.NewString(s.Prefix("bools"), redpipe.Bool)
			raw := map[string]string{"zero": "0", "empty": "", "false": "false", "one": "1", "true": "true", "yes": "yes", "two": "2"}
			for id, v := range raw {
				s.Arrange(ctx, []string{"SET", bools.Key(id), v})
			}
			p := s.Client.Pipeline()
			got := map[string]*redpipe.Future[bool]{}
			for id := range raw {
				got[id] = bools.With(ctx, p).Get(id)
			}
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrUnexpectedReply))
			for id, want := range map[string]bool{"zero": false, "empty": false, "false": false, "one": true, "true": true} {
				Expect(got[id].Result()).To(Equal(want), id)
			}
			for _, id := range []string{"yes", "two"} {
				Expect(got[id].Err()).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(got[id].Err().Error()).To(ContainSubstring(`id "` + id + `"`))
			}
		})

		Describe("bad input", func() {
			It("a wrong Go type for a declared Hash field is rejected at queue time, naming keyspace, id and field", func(ctx SpecContext) {
				users := keyspace.NewHash(s.Prefix("users"), redpipe.Fields{"age": redpipe.Int}, redpipe.Text)
				p := s.Client.Pipeline()
				bad := users.With(ctx, p).HSet("alice", map[string]any{"age": "thirty", "name": "Alice"})
				badNX := users.With(ctx, p).HSetNX("alice", "age", 30.5)
				good := users.With(ctx, p).HSet("bob", map[string]any{"age": 40})
				err := s.ExecOnceFailing(ctx, p)
				Expect(err).To(MatchError(redpipe.ErrInvalidValue))
				expectRejectedValue(bad.Err(), `keyspace "`+users.Prefix()+`" id "alice" field "age"`)
				expectRejectedValue(badNX.Err(), `id "alice" field "age"`)
				Expect(good.Result()).To(Equal(int64(1)))
				conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("alice")), 0)
				conformance.ExpectRawString(s.Raw(ctx, "HGET", users.Key("bob"), "age"), "40")
			})

			It("text with invalid UTF-8 into Text is rejected and never sent", func(ctx SpecContext) {
				names := keyspace.NewString(s.Prefix("names"), redpipe.Text)
				p := s.Client.Pipeline()
				bad := names.With(ctx, p).Set("bob", "caf\xe9", 0)
				good := names.With(ctx, p).Set("ann", "café", 0)
				Expect(s.ExecOnceFailing(ctx, p)).To(MatchError(redpipe.ErrInvalidValue))
				expectRejectedValue(bad.Err(), `keyspace "`+names.Prefix()+`" id "bob"`)
				Expect(good.Result()).To(Equal("OK"))
				conformance.ExpectRawNil(s.Raw(ctx, "GET", names.Key("bob")))
			})

			It("non-ASCII into ASCII is rejected and never sent", func(ctx SpecContext) {
				codes := keyspace.NewSet(s.Prefix("codes"), redpipe.ASCII)
				p := s.Client.Pipeline()
				bad := codes.With(ctx, p).SAdd("c", "ok", "naïve")
				ctrl := codes.With(ctx, p).SAdd("c", "tab\t")
				good := codes.With(ctx, p).SAdd("d", "fine")
				Expect(s.ExecOnceFailing(ctx, p)).To(MatchError(redpipe.ErrInvalidValue))
				expectRejectedValue(bad.Err(), `id "c"`)
				expectRejectedValue(ctrl.Err(), `id "c"`)
				Expect(good.Result()).To(Equal(int64(1)))
				conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", codes.Key("c")), 0)
			})

			It("a StringList element with a comma is rejected and never sent", func(ctx SpecContext) {
				tags := keyspace.NewString(s.Prefix("tags"), redpipe.StringList)
				p := s.Client.Pipeline()
				bad := tags.With(ctx, p).Set("t", []string{"a", "b,c"}, 0)
				lone := tags.With(ctx, p).Set("u", []string{""}, 0)
				good := tags.With(ctx, p).Set("v", []string{"a", "b"}, 0)
				Expect(s.ExecOnceFailing(ctx, p)).To(MatchError(redpipe.ErrInvalidValue))
				expectRejectedValue(bad.Err(), `id "t"`)
				expectRejectedValue(lone.Err(), `id "u"`)
				Expect(good.Result()).To(Equal("OK"))
				conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", tags.Key("t")), 0)
				conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", tags.Key("u")), 0)
			})

			It("an integer beyond int64 from the server fails that future only", func(ctx SpecContext) {
				ints := keyspace.NewString(s.Prefix("ints"), redpipe.Int)
				s.Arrange(ctx, []string{"SET", ints.Key("big"), "9223372036854775808"}, []string{"SET", ints.Key("ok"), "42"})
				p := s.Client.Pipeline()
				big := ints.With(ctx, p).Get("big")
				ok := ints.With(ctx, p).Get("ok")
				err := s.ExecOnceFailing(ctx, p)
				Expect(err).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(big.Err()).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(big.Err().Error()).To(ContainSubstring(`keyspace "` + ints.Prefix() + `" id "big"`))
				Expect(big.Err().Error()).To(ContainSubstring("out of the int64 range"))
				Expect(ok.Result()).To(Equal(int64(42)))
				conformance.ExpectRawString(s.Raw(ctx, "GET", ints.Key("big")), "9223372036854775808")
			})

			It("a hash field holding text where an Int is declared fails reading that field; the others still decode", func(ctx SpecContext) {
				users := keyspace.NewHash(s.Prefix("users"), redpipe.Fields{"age": redpipe.Int, "admin": redpipe.Bool}, redpipe.Text)
				s.Arrange(ctx, []string{"HSET", users.Key("alice"), "age", "thirty", "admin", "1", "name", "Alice"})
				p := s.Client.Pipeline()
				b := users.With(ctx, p)
				age := b.HGet("alice", "age")
				admin := b.HGet("alice", "admin")
				name := b.HGet("alice", "name")
				some := b.HMGet("alice", "admin", "name")
				all := b.HGetAll("alice")
				err := s.ExecOnceFailing(ctx, p)
				Expect(err).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(age.Err()).To(MatchError(redpipe.ErrUnexpectedReply))
				Expect(age.Err().Error()).To(ContainSubstring(`id "alice" field "age"`))
				Expect(admin.Result()).To(Equal(true))
				Expect(name.Result()).To(Equal("Alice"))
				Expect(some.Result()).To(Equal([]any{true, "Alice"}))
				Expect(all.Err()).To(MatchError(ContainSubstring(`field "age"`)))
			})
		})
	})
})
