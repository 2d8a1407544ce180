package conformance

import (
	"encoding/json"
	"errors"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Futures", func() {
		It("are not ready before Exec and hold exact values after it", func(ctx SpecContext) {
			k := s.Key("n")
			Expect(s.Raw(ctx, "SET", k, "41").Err).NotTo(HaveOccurred())
			p := s.Client.Pipeline()
			n := p.Incr(k)
			g := p.Get(k)

			Expect(n.Ready()).To(BeFalse())
			Expect(n.Err()).To(MatchError(redpipe.ErrNotReady))
			Expect(n.Val()).To(Equal(int64(0)))
			v, err := n.Result()
			Expect(err).To(MatchError(redpipe.ErrNotReady))
			Expect(v).To(Equal(int64(0)))
			Expect(n.String()).To(Equal("<not ready>"))
			Expect(g.String()).To(Equal("<not ready>"))
			Expect(g.Val()).To(Equal(""))
			_, err = json.Marshal(n)
			Expect(err).To(MatchError(redpipe.ErrNotReady), "a future that is not ready cannot be encoded")

			Expect(p.Exec(ctx)).To(Succeed())

			Expect(n.Ready()).To(BeTrue())
			Expect(n.Err()).NotTo(HaveOccurred())
			Expect(n.Val()).To(Equal(int64(42)))
			v, err = n.Result()
			Expect(err).NotTo(HaveOccurred())
			Expect(v).To(Equal(int64(42)))
			Expect(n.String()).To(Equal("42"))
			Expect(g.Val()).To(Equal("42"), "GET queued after INCR sees its effect")
			Expect(g.String()).To(Equal("42"))
		})

		It("encode as JSON: the value, or null for a nil reply", func(ctx SpecContext) {
			k := s.Key("s")
			Expect(s.Raw(ctx, "SET", k, "a \"quoted\" value").Err).NotTo(HaveOccurred())
			p := s.Client.Pipeline()
			str := p.Get(k)
			missing := p.Get(s.Key("missing"))
			num := p.Incr(s.Key("n"))
			h := p.HGetAll(s.Key("nohash"))
			Expect(p.Exec(ctx)).To(Succeed())

			Expect(missing.Ready()).To(BeTrue())
			Expect(missing.Err()).To(MatchError(redpipe.ErrNil))
			out, err := json.Marshal(struct {
				Str     *redpipe.Future[string]            `json:"str"`
				Missing *redpipe.Future[string]            `json:"missing"`
				Num     *redpipe.Future[int64]             `json:"num"`
				Hash    *redpipe.Future[map[string]string] `json:"hash"`
			}{str, missing, num, h})
			Expect(err).NotTo(HaveOccurred())
			Expect(string(out)).To(Equal(`{"str":"a \"quoted\" value","missing":null,"num":1,"hash":{}}`))
		})

		It("can be built by hand with NewFuture, Set and Fail; the first resolution wins", func() {
			f := redpipe.NewFuture[string]()
			Expect(f.Ready()).To(BeFalse())
			Expect(f.Err()).To(MatchError(redpipe.ErrNotReady))
			Expect(f.String()).To(Equal("<not ready>"))
			f.Set("first")
			f.Set("second")
			f.Fail(errors.New("too late"))
			Expect(f.Ready()).To(BeTrue())
			v, err := f.Result()
			Expect(err).NotTo(HaveOccurred())
			Expect(v).To(Equal("first"))
			Expect(f.String()).To(Equal("first"))
			out, err := json.Marshal(f)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(out)).To(Equal(`"first"`))

			boom := errors.New("boom")
			e := redpipe.NewFuture[int]()
			e.Fail(boom)
			e.Set(7)
			Expect(e.Ready()).To(BeTrue())
			Expect(e.Err()).To(BeIdenticalTo(boom))
			Expect(e.Val()).To(Equal(0))
			_, err = json.Marshal(e)
			Expect(err).To(MatchError(boom))

			n := redpipe.NewFuture[string]()
			n.Fail(redpipe.ErrNil)
			out, err = json.Marshal(n)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(out)).To(Equal("null"))
		})

		It("Then transforms a value after Exec, and chains", func(ctx SpecContext) {
			k := s.Key("n")
			Expect(s.Raw(ctx, "SET", k, "20").Err).NotTo(HaveOccurred())
			p := s.Client.Pipeline()
			n := p.Incr(k)
			calls := 0
			doubled := redpipe.Then(n, func(v int64) (int64, error) { calls++; return v * 2, nil })
			text := redpipe.Then(doubled, func(v int64) (string, error) { return "n=" + strconv.FormatInt(v, 10), nil })
			length := redpipe.Then(text, func(v string) (int, error) { return len(v), nil })
			Expect(doubled.Ready()).To(BeFalse())
			Expect(text.Err()).To(MatchError(redpipe.ErrNotReady))
			Expect(calls).To(Equal(0))

			Expect(p.Exec(ctx)).To(Succeed())
			Expect(calls).To(Equal(1))
			Expect(doubled.Result()).To(Equal(int64(42)))
			Expect(text.Result()).To(Equal("n=42"))
			Expect(length.Result()).To(Equal(4))

			late := redpipe.Then(n, func(v int64) (int64, error) { return v + 1, nil })
			Expect(late.Ready()).To(BeTrue(), "Then on a resolved future resolves at once")
			Expect(late.Result()).To(Equal(int64(22)))
		})

		It("Then passes an error through without calling fn, and fn's error becomes the future's", func(ctx SpecContext) {
			k := s.Key("str")
			Expect(s.Raw(ctx, "SET", k, "abc").Err).NotTo(HaveOccurred())
			p := s.Client.Pipeline()
			bad := p.Incr(k)                  // a Redis error
			missing := p.Get(s.Key("absent")) // ErrNil
			good := p.Get(k)
			called := 0
			afterBad := redpipe.Then(bad, func(v int64) (int64, error) { called++; return v, nil })
			afterMissing := redpipe.Then(missing, func(v string) (string, error) { called++; return v, nil })
			mine := errors.New("rejected by fn")
			afterGood := redpipe.Then(good, func(v string) (int, error) { return 0, mine })
			chained := redpipe.Then(afterGood, func(v int) (int, error) { called++; return v, nil })

			err := p.Exec(ctx)
			Expect(err).To(HaveOccurred(), "INCR on a non-integer fails")
			Expect(called).To(Equal(0))
			Expect(afterBad.Err()).To(MatchError("ERR value is not an integer or out of range"))
			Expect(afterMissing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(afterGood.Err()).To(BeIdenticalTo(mine))
			Expect(chained.Err()).To(BeIdenticalTo(mine))

			f := redpipe.NewFuture[int]()
			panicky := redpipe.Then(f, func(v int) (int, error) { panic("oops") })
			f.Set(1)
			Expect(panicky.Ready()).To(BeTrue())
			Expect(panicky.Err()).To(MatchError(ContainSubstring("oops")), "a panic in fn becomes the error")
		})

		It("All gathers values in order, or the first error in order", func(ctx SpecContext) {
			a, b, c := s.Key("a"), s.Key("b"), s.Key("c")
			Expect(s.Raw(ctx, "SET", c, "x").Err).NotTo(HaveOccurred())
			Expect(s.Raw(ctx, "RPUSH", s.Key("list"), "x").Err).NotTo(HaveOccurred())
			p := s.Client.Pipeline()
			fa := p.IncrBy(a, 5)
			fb := p.IncrBy(b, 7)
			fa2 := p.IncrBy(a, 1)
			all := redpipe.All(fa, fb, fa2)
			withNil := redpipe.All(p.Get(a), p.Get(s.Key("missing")), p.Get(b))
			bad := p.Incr(c)
			withErr := redpipe.All(fa, bad, fb)
			wrong := p.Incr(s.Key("list"))
			twoErrs := redpipe.All(fa, bad, wrong)
			Expect(all.Ready()).To(BeFalse())

			Expect(p.Exec(ctx)).To(HaveOccurred())
			Expect(all.Result()).To(Equal([]int64{5, 7, 6}))
			Expect(withNil.Err()).To(MatchError(redpipe.ErrNil))
			Expect(withErr.Err()).To(MatchError("ERR value is not an integer or out of range"))
			Expect(withErr.Val()).To(BeNil())
			Expect(wrong.Err()).To(MatchError(cmdWrongType))
			Expect(twoErrs.Err()).To(MatchError("ERR value is not an integer or out of range"), "the first error in order")

			empty := redpipe.All[string]()
			Expect(empty.Result()).To(Equal([]string{}))
		})
	})
})
