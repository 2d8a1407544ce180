package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// newSpecScript makes a script whose source is unique to the running spec
// (a comment), so that no earlier spec can have loaded it.
func (s *Suite) newSpecScript(body string) *redpipe.Script {
	return redpipe.NewScript("-- " + s.tag + "\n" + body)
}

// owner returns the address of the cluster node that serves key: the one
// that does not answer MOVED.
func (s *Suite) owner(ctx context.Context, key string) string {
	GinkgoHelper()
	for _, a := range s.ClusterNodes.Addrs() {
		if _, err := redistest.Do(ctx, a, "EXISTS", key); err == nil {
			return a
		} else if !strings.HasPrefix(err.Error(), "MOVED") {
			Expect(err).NotTo(HaveOccurred(), "EXISTS on %s", a)
		}
	}
	Fail("no node serves " + key)
	return ""
}

// keyOnAnotherNode returns a key of the spec served by another cluster
// node than key (on a standalone server, just another key).
func (s *Suite) keyOnAnotherNode(ctx context.Context, key string) string {
	GinkgoHelper()
	if s.ClusterNodes == nil {
		return s.Key("other")
	}
	own := s.owner(ctx, key)
	for i := range 64 {
		k := fmt.Sprintf("{%s-node%d}:k", s.tag[1:len(s.tag)-1], i)
		if s.owner(ctx, k) != own {
			return k
		}
	}
	Fail("no key of another node found")
	return ""
}

var _ = register(func(s *Suite) {
	Describe("Scripts (RunScript)", func() {
		const incrBody = "return {KEYS[1], ARGV[1], redis.call('INCRBY', KEYS[1], ARGV[1])}"

		It("a script never loaded (SCRIPT FLUSH before the batch) gives the right values in a batch mixed with ordinary commands, in two round trips: only the NOSCRIPT commands go again, as EVAL", func(ctx SpecContext) {
			s.flushScripts(ctx)
			script := s.newSpecScript(incrBody)
			k, n := s.Key("k"), s.Key("n")
			p := s.Client.Pipeline()
			a := p.Incr(n)
			r1 := p.RunScript(script, []string{k}, 5)
			g := p.Get(n)
			r2 := p.RunScript(script, []string{k}, "2")
			o := p.Pipeline(redpipe.On(Second))
			oi := o.Incr(n)
			Expect(o.Exec(ctx)).To(Succeed())
			Expect(p.Exec(ctx)).To(Succeed())

			Expect(a.Result()).To(Equal(int64(1)))
			Expect(r1.Result()).To(Equal([]any{k, "5", int64(5)}))
			Expect(g.Result()).To(Equal("1"))
			Expect(r2.Result()).To(Equal([]any{k, "2", int64(7)}))
			Expect(oi.Result()).To(Equal(int64(1)))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR", "EVALSHA", "GET", "EVALSHA"}, {"EVAL", "EVAL"}}))
			Expect(s.MainCalls.Commands()[1]).To(Equal([][]string{
				{"EVAL", script.Source(), "1", k, "5"}, {"EVAL", script.Source(), "1", k, "2"},
			}))
			Expect(s.OtherCalls.Calls()).To(Equal(1))
			ExpectRawString(s.Raw(ctx, "GET", k), "7")
		})

		It("a loaded script is one EVALSHA in the batch: one round trip; where only some nodes lack it, only their commands go again", func(ctx SpecContext) {
			s.flushScripts(ctx)
			script := s.newSpecScript(incrBody)
			ka := s.Key("a")
			kb := s.keyOnAnotherNode(ctx, ka)

			p := s.Client.Pipeline()
			first := p.RunScript(script, []string{ka}, 1) // NOSCRIPT, then EVAL loads it on ka's server
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(first.Result()).To(Equal([]any{ka, "1", int64(1)}))

			p = s.Client.Pipeline()
			a := p.RunScript(script, []string{ka}, 10)
			b := p.RunScript(script, []string{kb}, 20)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(a.Result()).To(Equal([]any{ka, "10", int64(11)}))
			Expect(b.Result()).To(Equal([]any{kb, "20", int64(20)}))

			p = s.Client.Pipeline()
			c := p.RunScript(script, []string{kb}, 1)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(c.Result()).To(Equal([]any{kb, "1", int64(21)}))

			want := [][]string{{"EVALSHA"}, {"EVAL"}, {"EVALSHA", "EVALSHA"}}
			if s.Topology() == Cluster {
				want = append(want, []string{"EVAL"}) // kb's node had never seen it: kb's command alone goes again
				Expect(s.MainCalls.Commands()[3]).To(Equal([][]string{{"EVAL", script.Source(), "1", kb, "20"}}))
			}
			want = append(want, []string{"EVALSHA"})
			Expect(s.MainCalls.Batches()).To(Equal(want))
		})

		It("a Lua error in one script of a batch fails that future only", func(ctx SpecContext) {
			s.flushScripts(ctx)
			broken := s.newSpecScript("local t = nil\nreturn t.x")
			refused := s.newSpecScript("return redis.error_reply('NOPE refused by the script')")
			ok := s.newSpecScript(incrBody)
			k, n := s.Key("k"), s.Key("n")
			p := s.Client.Pipeline()
			a := p.Incr(n)
			b := p.RunScript(broken, []string{k})
			c := p.RunScript(ok, []string{k}, 3)
			d := p.RunScript(refused, []string{k})
			e := p.Incr(n)
			err := p.Exec(ctx)
			Expect(err).To(HaveOccurred())
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(2))
			Expect(a.Result()).To(Equal(int64(1)))
			Expect(c.Result()).To(Equal([]any{k, "3", int64(3)}))
			Expect(e.Result()).To(Equal(int64(2)))
			var re *ports.RedisError
			Expect(errors.As(b.Err(), &re)).To(BeTrue(), "%T: %v", b.Err(), b.Err())
			Expect(re.Prefix()).To(Equal("ERR"))
			Expect(re.Error()).To(ContainSubstring("attempt to index local 't' (a nil value)"))
			Expect(errors.As(d.Err(), &re)).To(BeTrue(), "%T: %v", d.Err(), d.Err())
			Expect(re.Error()).To(Equal("NOPE refused by the script"))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR", "EVALSHA", "EVALSHA", "EVALSHA", "INCR"}, {"EVAL", "EVAL", "EVAL"}}))
		})

		It("keys in several slots: on a cluster the script's future gets ErrCrossSlot and it is not sent; the rest of the batch runs; a standalone server runs it", func(ctx SpecContext) {
			script := s.newSpecScript("return redis.call('MSET', KEYS[1], ARGV[1], KEYS[2], ARGV[1])")
			c, main, _ := s.txClient() // keeps the backend's ports.Clustered
			k1, k2 := s.Key("a"), s.otherSlotKey("a")
			p := c.Pipeline()
			a := p.Incr(s.Key("n"))
			r := p.RunScript(script, []string{k1, k2}, "v")
			err := p.Exec(ctx)
			Expect(a.Result()).To(Equal(int64(1)))
			if s.Topology() == Cluster {
				Expect(err).To(MatchError(redpipe.ErrCrossSlot))
				Expect(r.Err()).To(MatchError(redpipe.ErrCrossSlot))
				Expect(r.Err().Error()).To(ContainSubstring("nothing of it was sent"))
				Expect(main.Batches()).To(Equal([][]string{{"INCR"}}))
				ExpectRawNil(s.Raw(ctx, "GET", k1))
				return
			}
			Expect(err).NotTo(HaveOccurred())
			Expect(r.Result()).To(Equal(any("OK")))
			ExpectRawString(s.Raw(ctx, "GET", k2), "v")
		})

		It("typed results through Then and Cmd with Script.Args, NOSCRIPT handled the same way", func(ctx SpecContext) {
			s.flushScripts(ctx)
			script := s.newSpecScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
			k := s.Key("n")
			p := s.Client.Pipeline()
			viaThen := redpipe.Then(p.RunScript(script, []string{k}, 2), func(v any) (int64, error) {
				n, ok := v.(int64)
				if !ok {
					return 0, fmt.Errorf("want an integer, got %T", v)
				}
				return n, nil
			})
			viaCmd := redpipe.Cmd(p, domain.Int64, script.Args([]string{k}, 3)...)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(viaThen.Result()).To(Equal(int64(2)))
			Expect(viaCmd.Result()).To(Equal(int64(5)))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"EVALSHA", "EVALSHA"}, {"EVAL", "EVAL"}}))
			Expect(script.Hash()).To(HaveLen(40))
			Expect(redpipe.NewScript(script.Source()).Hash()).To(Equal(script.Hash()))
		})

		It("bad input: a nil script or an argument that cannot be encoded fails that future when queued; nothing of it is sent", func(ctx SpecContext) {
			script := s.newSpecScript(incrBody)
			p := s.Client.Pipeline()
			a := p.RunScript(nil, []string{s.Key("k")})
			b := p.RunScript(script, []string{s.Key("k")}, struct{}{})
			c := p.Incr(s.Key("n"))
			err := p.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrInvalidValue))
			Expect(a.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(b.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(c.Result()).To(Equal(int64(1)))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR"}}))
		})
	})
})
