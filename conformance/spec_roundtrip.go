package conformance

import (
	"context"
	"fmt"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("One round trip per connection per root Exec", func() {
		It("a reusable function called alone on the client does one Exec of its own", func(ctx SpecContext) {
			k := s.Key("hits")
			n := incrAndExpire(ctx, s.Client, k)
			Expect(n.Result()).To(Equal(int64(1)))
			Expect(s.MainCalls.Calls()).To(Equal(1))
			Expect(s.OtherCalls.Calls()).To(Equal(0))
			Expect(s.MainCalls.Commands()).To(Equal([][][]string{{{"INCRBY", k, "1"}, {"EXPIRE", k, "60"}}}))
			expectPTTLWithin(s.Raw(ctx, "PTTL", k), time.Minute)

			n = incrAndExpire(ctx, s.Client, k)
			Expect(n.Result()).To(Equal(int64(2)))
			Expect(s.MainCalls.Calls()).To(Equal(2), "each call alone is its own round trip")
		})

		It("composed three levels deep across two connections, one Exec per connection", func(ctx SpecContext) {
			k := func(n string) string { return s.Key(n) }
			// level3 is a function that sends its own work to the second connection.
			level3 := func(ctx context.Context, sc redpipe.Scope, key string) (*redpipe.Future[int64], *redpipe.Future[any]) {
				p := sc.Pipeline(redpipe.On(Second))
				n := incrAndExpire(ctx, p, key) // nested in a nested pipeline: no On, inherits Second
				set := p.Do("SET", key+":l3", "three")
				Expect(p.Exec(ctx)).To(Succeed())
				return n, set
			}
			type l2 struct {
				a, b *redpipe.Future[int64]
				set  *redpipe.Future[any]
				c    *redpipe.Future[int64]
			}
			level2 := func(ctx context.Context, sc redpipe.Scope, prefix string) l2 {
				p := sc.Pipeline()
				var r l2
				r.a = incrAndExpire(ctx, p, k(prefix+":a"))
				r.b, r.set = level3(ctx, p, k(prefix+":b"))
				r.c = p.IncrBy(k(prefix+":c"), 10)
				Expect(p.Exec(ctx)).To(Succeed())
				return r
			}

			root := s.Client.Pipeline()
			first := root.Incr(k("root"))
			x := level2(ctx, root, "x")
			y := level2(ctx, root, "y")
			last := root.Get(k("root"))
			Expect(s.MainCalls.Calls()).To(Equal(0), "nested Execs send nothing")
			Expect(s.OtherCalls.Calls()).To(Equal(0))
			Expect(x.a.Ready()).To(BeFalse())

			Expect(root.Exec(ctx)).To(Succeed())
			Expect(s.MainCalls.Calls()).To(Equal(1))
			Expect(s.OtherCalls.Calls()).To(Equal(1))

			Expect(first.Result()).To(Equal(int64(1)))
			Expect(last.Result()).To(Equal("1"))
			for _, r := range []l2{x, y} {
				Expect(r.a.Result()).To(Equal(int64(1)))
				Expect(r.b.Result()).To(Equal(int64(1)))
				Expect(r.set.Result()).To(Equal("OK"))
				Expect(r.c.Result()).To(Equal(int64(10)))
			}
			Expect(s.MainCalls.Commands()).To(Equal([][][]string{{
				{"INCR", k("root")},
				{"INCRBY", k("x:a"), "1"}, {"EXPIRE", k("x:a"), "60"},
				{"INCRBY", k("x:c"), "10"},
				{"INCRBY", k("y:a"), "1"}, {"EXPIRE", k("y:a"), "60"},
				{"INCRBY", k("y:c"), "10"},
				{"GET", k("root")},
			}}))
			Expect(s.OtherCalls.Commands()).To(Equal([][][]string{{
				{"INCRBY", k("x:b"), "1"}, {"EXPIRE", k("x:b"), "60"}, {"SET", k("x:b") + ":l3", "three"},
				{"INCRBY", k("y:b"), "1"}, {"EXPIRE", k("y:b"), "60"}, {"SET", k("y:b") + ":l3", "three"},
			}}))
			Expect(s.MainCalls.Batches()).To(Equal([][]string{{"INCR", "INCRBY", "EXPIRE", "INCRBY", "INCRBY", "EXPIRE", "INCRBY", "GET"}}))
			expectPTTLWithin(s.Raw(ctx, "PTTL", k("y:a")), time.Minute)
			expectPTTLWithin(s.RawOther(ctx, "PTTL", k("y:b")), time.Minute)
			ExpectRawString(s.RawOther(ctx, "GET", k("x:b")+":l3"), "three")
			ExpectRawNil(s.Raw(ctx, "GET", k("x:b")))
		})

		It("a 50-command nested batch is exactly one TCP round trip", func(ctx SpecContext) {
			proxy := startProxy(s.Servers[0].Addr, 0)
			b := s.connectStandalone(ctx, "proxied", proxy.Addr)
			warm(ctx, b) // the driver's dial and handshake are not the batch
			proxy.ResetCounts()

			root := s.Client.Pipeline(redpipe.On("proxied"))
			var futs []*redpipe.Future[int64]
			for range 10 {
				futs = append(futs, root.IncrBy(s.Key("tcp"), 1))
				n1 := root.Pipeline()
				for range 2 {
					futs = append(futs, n1.IncrBy(s.Key("tcp"), 1))
					n2 := n1.Pipeline()
					futs = append(futs, n2.IncrBy(s.Key("tcp"), 1))
					Expect(n2.Exec(ctx)).To(Succeed())
				}
				Expect(n1.Exec(ctx)).To(Succeed())
			}
			Expect(futs).To(HaveLen(50))
			Expect(proxy.RoundTrips()).To(Equal(int64(0)), "nothing is sent before the root Exec")
			Expect(root.Exec(ctx)).To(Succeed())
			Expect(proxy.RoundTrips()).To(Equal(int64(1)))
			for i, f := range futs {
				Expect(f.Result()).To(Equal(int64(i+1)), "future %d", i)
			}
			ExpectRawString(RunOne(ctx, b, "GET", s.Key("tcp")), "50")
		})
	})

	Describe("Order", func() {
		It("commands reach the server in queue order across nested pipelines", func(ctx SpecContext) {
			list, other := s.Key("list"), s.Key("other")
			root := s.Client.Pipeline()
			root.Do("RPUSH", list, "r1")
			a := root.Pipeline()
			a.Do("RPUSH", list, "a1")
			aa := a.Pipeline()
			aa.Do("RPUSH", list, "aa1")
			root.Do("RPUSH", list, "r2")
			b := root.Pipeline(redpipe.On(Second))
			b.Do("RPUSH", other, "b1")
			a.RPush(list, "a2")
			aa.RPush(list, "aa2")
			bb := b.Pipeline(redpipe.On(redpipe.DefaultConn))
			bb.Do("RPUSH", list, "bb1")
			b.Do("RPUSH", other, "b2")
			Expect(aa.Exec(ctx)).To(Succeed()) // executed in another order than queued
			Expect(bb.Exec(ctx)).To(Succeed())
			root.Do("RPUSH", list, "r3")
			Expect(b.Exec(ctx)).To(Succeed())
			Expect(a.Exec(ctx)).To(Succeed())
			lr := root.Do("LRANGE", list, 0, -1)
			typed := root.LRange(list, 0, -1)
			lo := root.Pipeline(redpipe.On(Second)).Do("LRANGE", other, 0, -1) // never executed: dropped
			Expect(root.Exec(ctx)).To(MatchError(redpipe.ErrInvalidPipeline))

			want := []string{"r1", "a1", "aa1", "r2", "a2", "aa2", "bb1", "r3"}
			Expect(lr.Result()).To(Equal([]any{"r1", "a1", "aa1", "r2", "a2", "aa2", "bb1", "r3"}))
			Expect(typed.Result()).To(Equal(want))
			Expect(RawStrings(s.Raw(ctx, "LRANGE", list, "0", "-1"))).To(Equal(want))
			Expect(RawStrings(s.RawOther(ctx, "LRANGE", other, "0", "-1"))).To(Equal([]string{"b1", "b2"}))
			Expect(lo.Err()).To(MatchError(redpipe.ErrInvalidPipeline))

			var args []string
			for _, c := range s.MainCalls.Commands()[0] {
				args = append(args, c[len(c)-1])
			}
			Expect(args).To(Equal([]string{"r1", "a1", "aa1", "r2", "a2", "aa2", "bb1", "r3", "-1", "-1"}))
			Expect(s.OtherCalls.Commands()).To(Equal([][][]string{{{"RPUSH", other, "b1"}, {"RPUSH", other, "b2"}}}))
		})

		It("keeps queue order for a long mixed batch (reads see the writes before them)", func(ctx SpecContext) {
			k := s.Key("ctr")
			p := s.Client.Pipeline()
			var gets []*redpipe.Future[string]
			for i := range 100 {
				q := p
				if i%3 == 1 {
					q = p.Pipeline()
				}
				q.Incr(k)
				gets = append(gets, q.Get(k))
				if q != p {
					Expect(q.Exec(ctx)).To(Succeed())
				}
			}
			Expect(p.Exec(ctx)).To(Succeed())
			for i, g := range gets {
				Expect(g.Result()).To(Equal(strconv.Itoa(i+1)), fmt.Sprintf("GET #%d", i))
			}
			Expect(s.MainCalls.Calls()).To(Equal(1))
		})
	})

})
