package conformance

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("OnExec callbacks", func() {
		It("run exactly once, after every future of the batch is resolved, in registration order across the tree", func(ctx SpecContext) {
			k := func(n string) string { return s.Key(n) }
			Expect(s.Raw(ctx, "SET", k("bad"), "not a number").Err).NotTo(HaveOccurred())

			var order []string
			var readies []func() bool
			track := func(ready func() bool) { readies = append(readies, ready) }
			allReady := func() bool {
				for _, r := range readies {
					if !r() {
						return false
					}
				}
				return true
			}
			var notReadyIn []string
			cb := func(name string) func() {
				return func() {
					order = append(order, name)
					if !allReady() {
						notReadyIn = append(notReadyIn, name)
					}
				}
			}

			root := s.Client.Pipeline()
			f1 := root.Incr(k("a"))
			track(f1.Ready)
			root.OnExec(cb("root-1"))
			n1 := root.Pipeline()
			f2 := n1.Get(k("missing"))
			track(f2.Ready)
			n1.OnExec(cb("n1-1"))
			n2 := n1.Pipeline(redpipe.On(Second))
			f3 := n2.Incr(k("b"))
			track(f3.Ready)
			n2.OnExec(cb("n2-1"))
			root.OnExec(cb("root-2"))
			f4 := n1.Incr(k("bad")) // a Redis error: callbacks still run
			track(f4.Ready)
			n1.OnExec(cb("n1-2"))
			derived := redpipe.Then(f3, func(v int64) (int64, error) { return v * 100, nil })
			track(derived.Ready)
			Expect(n2.Exec(ctx)).To(Succeed())
			Expect(n1.Exec(ctx)).To(Succeed())
			f5 := root.Get(k("a"))
			track(f5.Ready)
			root.OnExec(cb("root-3"))
			Expect(order).To(BeEmpty(), "no callback runs before the root Exec")

			err := root.Exec(ctx)
			Expect(err).To(MatchError(ContainSubstring("ERR value is not an integer or out of range")))
			Expect(order).To(Equal([]string{"root-1", "n1-1", "n2-1", "root-2", "n1-2", "root-3"}))
			Expect(notReadyIn).To(BeEmpty(), "every future (and derived future) is ready inside every callback")
			Expect(f1.Result()).To(Equal(int64(1)))
			Expect(f2.Err()).To(MatchError(redpipe.ErrNil))
			Expect(f3.Result()).To(Equal(int64(1)))
			Expect(derived.Result()).To(Equal(int64(100)))
			Expect(f5.Result()).To(Equal("1"))

			Expect(root.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(order).To(HaveLen(6), "callbacks run exactly once")
		})

		It("see the resolved values", func(ctx SpecContext) {
			var seen []int64
			p := s.Client.Pipeline()
			a := incrAndExpire(ctx, p, s.Key("a"))
			p.OnExec(func() { seen = append(seen, a.Val()) })
			b := p.IncrBy(s.Key("a"), 41)
			p.OnExec(func() { seen = append(seen, b.Val()) })
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(seen).To(Equal([]int64{1, 42}))
		})

		It("of a dropped nested pipeline do not run", func(ctx SpecContext) {
			var order []string
			root := s.Client.Pipeline()
			root.OnExec(func() { order = append(order, "root") })
			kept := root.Pipeline()
			kept.OnExec(func() { order = append(order, "kept") })
			dropped := root.Pipeline()
			dropped.OnExec(func() { order = append(order, "dropped") })
			f := dropped.Incr(s.Key("x"))
			inner := dropped.Pipeline() // executed, but its parent never was
			inner.OnExec(func() { order = append(order, "inner") })
			g := inner.Incr(s.Key("y"))
			Expect(inner.Exec(ctx)).To(Succeed())
			late := root.Pipeline()
			late.OnExec(func() { order = append(order, "late") })
			Expect(kept.Exec(ctx)).To(Succeed())

			err := root.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrInvalidPipeline), "misuse is in Exec's error too (invariant 7)")
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(2), "one error per dropped command: %v", err)
			Expect(order).To(Equal([]string{"root", "kept"}))
			Expect(f.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(g.Err()).To(MatchError(redpipe.ErrInvalidPipeline))

			Expect(late.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(order).To(Equal([]string{"root", "kept"}), "a nested Exec after the root does not run its callbacks")
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("x")))
			ExpectRawNil(s.Raw(ctx, "GET", s.Key("y")))
		})
	})
})
