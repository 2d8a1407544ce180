package conformance

import (
	"context"
	"errors"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// panickingBackend is a (third-party) backend with a bug.
type panickingBackend struct{}

func (panickingBackend) Exec(context.Context, []ports.Command, []ports.Result) {
	panic("backend exploded")
}

var _ = register(func(s *Suite) {
	Describe("Panics in user code", func() {
		It("a decode function that panics fails only its future: every other future resolves, every callback runs, Exec returns it, and the Client works after", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			bad := redpipe.Cmd(p, func(ports.Reply) (int64, error) { panic("decoder exploded") }, "INCR", s.Key("bad"))
			n := p.Pipeline(redpipe.On(Second))
			c := n.Incr(s.Key("c"))
			var ran []string
			n.OnExec(func() { ran = append(ran, "nested") })
			Expect(n.Exec(ctx)).To(Succeed())
			d := p.Incr(s.Key("d"))
			p.OnExec(func() { ran = append(ran, "root") })

			err := p.Exec(ctx)
			ExpectPanicError(err, "decode function", "decoder exploded")
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(1))
			Expect(ee.Errors[0].Command).To(Equal("INCR"))
			Expect(ee.Errors[0].Error()).To(Equal(`INCR on "default": redpipe: decode function panicked: decoder exploded`))
			ExpectPanicError(bad.Err(), "decode function", "decoder exploded")
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(c.Result()).To(Equal(int64(1)))
			Expect(d.Result()).To(Equal(int64(1)))
			Expect(ran).To(Equal([]string{"nested", "root"}))
			ExpectRawString(s.Raw(ctx, "GET", s.Key("bad")), "1") // the command itself ran

			// The recycled queue carries nothing of that batch over.
			for round := int64(2); round <= 4; round++ {
				q := s.Client.Pipeline()
				fs := []*redpipe.Future[int64]{q.Incr(s.Key("a")), q.Incr(s.Key("bad")), q.Incr(s.Key("d"))}
				Expect(q.Exec(ctx)).To(Succeed())
				for _, f := range fs {
					Expect(f.Result()).To(Equal(round))
				}
			}
		})

		It("an OnExec callback that panics: every other callback runs, in order, and Exec returns the panic in ExecError.Panics", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			var ran []string
			p.OnExec(func() { ran = append(ran, "first") })
			p.OnExec(func() { panic(errors.New("callback exploded")) })
			n := p.Pipeline()
			n.OnExec(func() { ran = append(ran, "nested") })
			Expect(n.Exec(ctx)).To(Succeed())
			p.OnExec(func() { ran = append(ran, "last") })

			err := p.Exec(ctx)
			Expect(ran).To(Equal([]string{"first", "nested", "last"}))
			Expect(a.Result()).To(Equal(int64(1)))
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(BeEmpty())
			Expect(ee.Panics).To(HaveLen(1))
			ExpectPanicError(err, "OnExec callback", errors.New("callback exploded"))
			Expect(err).To(MatchError(ContainSubstring("callback exploded")), "errors.Is reaches the panic's own error")
			Expect(err.Error()).To(Equal("redpipe: 1 OnExec callback(s) panicked, the first: callback exploded"))
		})

		It("a Then function that panics fails only the derived future", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			bad := redpipe.Then(a, func(int64) (string, error) { panic("then exploded") })
			good := redpipe.Then(a, func(n int64) (int64, error) { return n * 10, nil })
			Expect(p.Exec(ctx)).To(Succeed(), "a derived future is not a command of the batch")
			ExpectPanicError(bad.Err(), "Then function", "then exploded")
			Expect(good.Result()).To(Equal(int64(10)))
		})

		It("an OnResolve function that panics: the future's other functions run, the future keeps its reply, Exec reports the panic as the command's error, and the rest of the batch resolves", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			var ran []string
			a.OnResolve(func() { ran = append(ran, "first") })
			a.OnResolve(func() { panic("hook exploded") })
			a.OnResolve(func() { ran = append(ran, "last") })
			b := p.Incr(s.Key("b"))
			p.OnExec(func() { ran = append(ran, "OnExec") })

			err := p.Exec(ctx)
			Expect(ran).To(Equal([]string{"first", "last", "OnExec"}))
			Expect(a.Result()).To(Equal(int64(1)), "the reply was decoded before the functions ran")
			Expect(b.Result()).To(Equal(int64(1)))
			ExpectPanicError(err, "OnResolve function", "hook exploded")
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(1))
			Expect(ee.Errors[0].Command).To(Equal("INCR"))
			Expect(ee.Panics).To(BeEmpty(), "Panics are the OnExec callbacks'")

			late := false
			a.OnResolve(func() { late = true })
			Expect(late).To(BeTrue(), "on a resolved future, OnResolve runs at once")
		})

		It("an OnResolve function that panics on a future failed by the executor strands nothing: the future keeps its error, the other commands resolve", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			bad := p.Set(s.Key("bad"), struct{ A int }{1}, 0) // not a Redis value: refused at queue time
			hookRan := false
			bad.OnResolve(func() { hookRan = true; panic("hook exploded") })
			good := p.Incr(s.Key("good"))
			err := p.Exec(ctx)
			Expect(hookRan).To(BeTrue())
			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(good.Result()).To(Equal(int64(1)))
			Expect(err).To(MatchError(redpipe.ErrInvalidValue))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("bad")))
		})

		It("Autoexec's fn that panics sends nothing, resolves what it queued with ErrInvalidPipeline, and the panic goes on up", func(ctx SpecContext) {
			var f *redpipe.Future[int64]
			Expect(func() {
				_ = redpipe.Autoexec(ctx, s.Client, func(p *redpipe.Pipeline) error {
					f = p.Incr(s.Key("a"))
					panic("fn exploded")
				})
			}).To(PanicWith("fn exploded"))
			Expect(f.Ready()).To(BeTrue())
			Expect(f.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(s.MainCalls.Calls()).To(Equal(0))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("a")))

			// Nested in a caller's pipeline: only fn's commands are dropped.
			p := s.Client.Pipeline()
			before := p.Incr(s.Key("b"))
			Expect(func() {
				_ = redpipe.Autoexec(ctx, p, func(n *redpipe.Pipeline) error {
					f = n.Incr(s.Key("a"))
					panic("fn exploded")
				})
			}).To(PanicWith("fn exploded"))
			after := p.Incr(s.Key("b"))
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(f.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(before.Result()).To(Equal(int64(1)))
			Expect(after.Result()).To(Equal(int64(2)))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("a")))
		})

		It("a backend whose Exec panics fails its own connection's commands as outcome unknown; the other connections' commands are unaffected", func(ctx SpecContext) {
			Expect(s.Client.Connect("buggy", panickingBackend{})).To(Succeed())
			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			n := p.Pipeline(redpipe.On("buggy"))
			b1 := n.Incr(s.Key("b"))
			b2 := n.Get(s.Key("b"))
			Expect(n.Exec(ctx)).To(Succeed())
			err := p.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrPanicked))
			for _, e := range []error{b1.Err(), b2.Err()} {
				var te *ports.TransportError
				Expect(errors.As(e, &te)).To(BeTrue())
				Expect(te.MaybeWritten).To(BeTrue(), "a backend that panicked may have written them")
				var pe *redpipe.PanicError
				Expect(errors.As(e, &pe)).To(BeTrue())
				Expect(pe.Value).To(Equal("backend exploded"))
				Expect(strings.HasPrefix(pe.In, "the Exec of backend ")).To(BeTrue(), pe.In)
			}
			Expect(a.Result()).To(Equal(int64(1)))
		})
	})
})
