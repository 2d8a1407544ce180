package conformance

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// statusOf decodes a simple reply as text, for Cmd.
func statusOf(r ports.Reply) (string, error) {
	switch r.Kind {
	case ports.KindStatus, ports.KindBulk:
		return r.Str, nil
	case ports.KindNil:
		return "", redpipe.ErrNil
	case ports.KindError:
		return "", r.Err
	}
	return "", errors.New("unexpected reply " + r.String())
}

var _ = register(func(s *Suite) {
	Describe("Bad input", func() {
		It("a value that is not a Redis value fails its own future and Exec, and never reaches the server", func(ctx SpecContext) {
			bad := map[string]any{
				"nil":    nil,
				"struct": struct{ A int }{1},
				"map":    map[string]string{"a": "b"},
				"chan":   make(chan int),
				"func":   func() {},
				"ptr":    new(string),
				"slice":  []string{"a"},
			}
			p := s.Client.Pipeline()
			before := p.Incr(s.Key("n"))
			var viaDo []*redpipe.Future[any]
			var viaCmd, viaSet []*redpipe.Future[string]
			var viaPush []*redpipe.Future[int64]
			var names []string
			for name, v := range bad {
				names = append(names, name)
				viaDo = append(viaDo, p.Do("SET", s.Key("do:"+name), v))
				viaSet = append(viaSet, p.Set(s.Key("set:"+name), v, 0))
				viaPush = append(viaPush, p.RPush(s.Key("push:"+name), "fine", v)) // never half-sent
				n := p.Pipeline(redpipe.On(Second))
				viaCmd = append(viaCmd, redpipe.Cmd(n, statusOf, "SET", s.Key("cmd:"+name), v))
				Expect(n.Exec(ctx)).To(Succeed())
			}
			after := p.Incr(s.Key("n"))
			other := p.Pipeline(redpipe.On(Second))
			otherSet := redpipe.Cmd(other, statusOf, "SET", s.Key("o"), []byte("bytes"))
			Expect(other.Exec(ctx)).To(Succeed())

			err := p.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrInvalidValue))
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(4 * len(bad)))
			for _, ce := range ee.Errors {
				Expect(ce.Command).To(BeElementOf("SET", "RPUSH"))
				Expect(ce.Err).To(MatchError(redpipe.ErrInvalidValue))
			}
			for i, name := range names {
				Expect(viaDo[i].Ready()).To(BeTrue())
				Expect(viaDo[i].Err()).To(MatchError(redpipe.ErrInvalidValue), "Do with a %s", name)
				Expect(viaCmd[i].Err()).To(MatchError(redpipe.ErrInvalidValue), "Cmd with a %s", name)
				Expect(viaSet[i].Err()).To(MatchError(redpipe.ErrInvalidValue), "Set with a %s", name)
				Expect(viaPush[i].Err()).To(MatchError(redpipe.ErrInvalidValue), "RPush with a %s", name)
				ExpectRawNil(s.Raw(ctx, "GET", s.Key("do:"+name)))
				ExpectRawNil(s.Raw(ctx, "GET", s.Key("set:"+name)))
				ExpectRawInt(s.Raw(ctx, "EXISTS", s.Key("push:"+name)), 0)
				ExpectRawNil(s.RawOther(ctx, "GET", s.Key("cmd:"+name)))
			}
			Expect(before.Result()).To(Equal(int64(1)))
			Expect(after.Result()).To(Equal(int64(2)))
			Expect(otherSet.Result()).To(Equal("OK"))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR", "INCR"}}), "rejected commands are never sent")
			Expect(s.OtherCalls.Commands()).To(Equal([][][]string{{{"SET", s.Key("o"), "bytes"}}}))
		})

		It("an empty Do is ErrInvalidValue", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			f := p.Do()
			g := p.Incr(s.Key("n"))
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(f.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(g.Result()).To(Equal(int64(1)))
		})

		It("an empty command name fails with the same text on every adapter, and is never sent", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			f := p.Do("")
			c := redpipe.Cmd(p, statusOf, "", "x")
			g := p.Incr(s.Key("n"))
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(f.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(f.Err().Error()).To(Equal("redpipe: invalid value: empty command name"))
			Expect(c.Err().Error()).To(Equal("redpipe: invalid value: empty command name"))
			Expect(g.Result()).To(Equal(int64(1)))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR"}}), "only the INCR reached the backend")
		})

		It("the empty key is a valid key", func(ctx SpecContext) {
			val := s.Key("value")
			p := s.Client.Pipeline()
			set := p.Do("SET", "", val)
			get := p.Get("")
			del := p.Del("")
			gone := p.Get("")
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(set.Result()).To(Equal("OK"))
			Expect(get.Result()).To(Equal(val))
			Expect(del.Result()).To(Equal(int64(1)))
			Expect(gone.Err()).To(MatchError(redpipe.ErrNil))
		})

		It("an unknown connection name fails only its own commands", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			n := p.Pipeline(redpipe.On("nope"))
			x := n.Incr(s.Key("x"))
			y := n.Get(s.Key("x"))
			Expect(n.Exec(ctx)).To(Succeed())
			b := p.Pipeline(redpipe.On(Second))
			bf := b.Incr(s.Key("b"))
			Expect(b.Exec(ctx)).To(Succeed())

			err := p.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrUnknownConn))
			Expect(err.Error()).To(ContainSubstring(`"nope"`))
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(2))
			Expect(ee.Errors[0].Conn).To(Equal("nope"))
			Expect(x.Err()).To(MatchError(redpipe.ErrUnknownConn))
			Expect(y.Err()).To(MatchError(redpipe.ErrUnknownConn))
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(bf.Result()).To(Equal(int64(1)))

			root := s.Client.Pipeline(redpipe.On("nope"))
			z := root.Incr(s.Key("z"))
			Expect(root.Exec(ctx)).To(MatchError(redpipe.ErrUnknownConn))
			Expect(z.Err()).To(MatchError(redpipe.ErrUnknownConn))
			Expect(s.MainCalls.Calls()).To(Equal(1))
			Expect(s.OtherCalls.Calls()).To(Equal(1))
		})

		It("Connect: a taken name is ErrAlreadyConnected, the same backend again is fine; Disconnect forgets it", func(ctx SpecContext) {
			Expect(s.Client.Connect(redpipe.DefaultConn, s.OtherCalls)).To(MatchError(redpipe.ErrAlreadyConnected))
			Expect(s.Client.Connect(redpipe.DefaultConn, s.MainCalls)).To(Succeed())
			Expect(s.Client.Connect("nil", nil)).To(HaveOccurred())

			Expect(s.Client.Disconnect(Second)).To(Succeed())
			Expect(s.Client.Disconnect(Second)).To(MatchError(redpipe.ErrUnknownConn))
			p := s.Client.Pipeline()
			a := p.Incr(s.Key("a"))
			n := p.Pipeline(redpipe.On(Second))
			b := n.Incr(s.Key("b"))
			Expect(n.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrUnknownConn))
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(b.Err()).To(MatchError(redpipe.ErrUnknownConn))
			Expect(s.OtherCalls.Calls()).To(Equal(0))
			ExpectRawNil(s.RawOther(ctx, "GET", s.Key("b")))

			Expect(s.Client.Connect(Second, s.OtherCalls)).To(Succeed(), "a disconnected name can be connected again")
			c := s.Client.Pipeline(redpipe.On(Second))
			cf := c.Incr(s.Key("b"))
			Expect(c.Exec(ctx)).To(Succeed())
			Expect(cf.Result()).To(Equal(int64(1)))
		})

		It("Exec of an empty pipeline does no I/O and returns nil", func(ctx SpecContext) {
			ran := 0
			p := s.Client.Pipeline()
			p.OnExec(func() { ran++ })
			n := p.Pipeline(redpipe.On(Second))
			Expect(n.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(ran).To(Equal(1))
			Expect(s.MainCalls.Calls()).To(Equal(0))
			Expect(s.OtherCalls.Calls()).To(Equal(0))
			Expect(s.Client.Pipeline(redpipe.On("nope")).Exec(ctx)).To(Succeed(), "nothing queued: no connection is looked up")
		})
	})
})
