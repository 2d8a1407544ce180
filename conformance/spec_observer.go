package conformance

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// recorder is an Observer that writes down every call it gets, in order,
// and the ctx it was given (so a spec can tell Start's ctx reached End).
type recorder struct {
	mu      sync.Mutex
	calls   []string
	execs   []*redpipe.ExecInfo
	batches []*redpipe.BatchInfo
	panicIn string // the call that panics, "" for none
}

type ctxMark struct{}

func (r *recorder) note(call string, ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	mark, _ := ctx.Value(ctxMark{}).(string)
	r.calls = append(r.calls, call+mark)
	if call == r.panicIn {
		panic("observer " + call)
	}
}

func (r *recorder) ExecStart(ctx context.Context, e *redpipe.ExecInfo) context.Context {
	r.note("ExecStart", ctx)
	return context.WithValue(ctx, ctxMark{}, "/exec")
}

func (r *recorder) BatchStart(ctx context.Context, b *redpipe.BatchInfo) context.Context {
	r.note("BatchStart "+b.Conn, ctx)
	return context.WithValue(ctx, ctxMark{}, "/batch "+b.Conn)
}

// copyBatch keeps what an Observer may not keep past its End call: the
// commands and results are the Exec's, reused once it returns.
func copyBatch(b *redpipe.BatchInfo) *redpipe.BatchInfo {
	c := *b
	c.Commands = slices.Clone(b.Commands)
	c.Results = slices.Clone(b.Results)
	c.Labels = slices.Clone(b.Labels)
	return &c
}

func (r *recorder) BatchEnd(ctx context.Context, b *redpipe.BatchInfo) {
	r.mu.Lock()
	r.batches = append(r.batches, copyBatch(b))
	r.mu.Unlock()
	r.note("BatchEnd "+b.Conn, ctx)
}

func (r *recorder) ExecEnd(ctx context.Context, e *redpipe.ExecInfo) {
	c := *e
	c.Commands, c.Labels = slices.Clone(e.Commands), slices.Clone(e.Labels)
	c.Batches = make([]*redpipe.BatchInfo, len(e.Batches))
	for i, b := range e.Batches {
		c.Batches[i] = copyBatch(b)
	}
	r.mu.Lock()
	r.execs = append(r.execs, &c)
	r.mu.Unlock()
	r.note("ExecEnd", ctx)
}

// names are the command names of cmds, as queued.
func names(b *redpipe.BatchInfo) string {
	out := make([]string, len(b.Commands))
	for i := range b.Commands {
		out[i] = b.Commands[i].Name()
	}
	return strings.Join(out, " ")
}

var _ = register(func(s *Suite) {
	Describe("Observer", func() {
		// observed is a Client over the suite's two backends as they are,
		// told to rec.
		observed := func(rec *recorder) *redpipe.Client {
			GinkgoHelper()
			var opts []redpipe.ConnOption
			if s.Coalescing() {
				opts = append(opts, redpipe.WithCoalescing())
			}
			c := redpipe.New(redpipe.WithObserver(rec))
			Expect(c.Connect(redpipe.DefaultConn, s.Main, opts...)).To(Succeed())
			Expect(c.Connect(Second, s.Other, opts...)).To(Succeed())
			return c
		}

		It("sees a two-connection Exec: its batches, the labels of nested pipelines, a Redis error and a nil reply, in order", func(ctx SpecContext) {
			rec := &recorder{}
			c := observed(rec)
			k, list := s.Key("k"), s.Key("list")
			s.Arrange(ctx, []string{"RPUSH", list, "x"})

			p := c.Pipeline(redpipe.Label("handler"))
			set := p.Set(k, "v", 0)
			profile := p.Pipeline(redpipe.Label("profile"))
			get := profile.Get(k)
			missing := profile.Get(s.Key("missing"))
			inner := profile.Pipeline() // no label of its own: counts as "profile"
			wrong := inner.Incr(list)
			other := p.Pipeline(redpipe.On(Second), redpipe.Label("counter"))
			n := other.Incr(s.Key("n"))
			Expect(inner.Exec(ctx)).To(Succeed())
			Expect(profile.Exec(ctx)).To(Succeed())
			Expect(other.Exec(ctx)).To(Succeed())
			err := p.Exec(ctx)
			Expect(err).To(HaveOccurred(), "the INCR of a list fails")
			Expect(set.Result()).To(Equal("OK"))
			Expect(get.Result()).To(Equal("v"))
			Expect(missing.Err()).To(MatchError(redpipe.ErrNil))
			ExpectRedisError(wrong.Err(), "WRONGTYPE Operation against a key holding the wrong kind of value")
			Expect(n.Result()).To(Equal(int64(1)))

			Expect(rec.calls).To(Equal([]string{
				"ExecStart",
				"BatchStart default/exec", "BatchStart second/exec",
				"BatchEnd default/batch default", "BatchEnd second/batch second",
				"ExecEnd/exec",
			}))
			Expect(rec.execs).To(HaveLen(1))
			e := rec.execs[0]
			Expect(e.Err).To(Equal(err))
			Expect(e.Labels).To(Equal([]redpipe.LabelCount{{Label: "handler", Commands: 1}, {Label: "profile", Commands: 3}, {Label: "counter", Commands: 1}}))
			Expect(e.Commands).To(HaveLen(5))
			Expect(e.Duration).To(BeNumerically(">", 0))
			Expect(e.Batches).To(HaveLen(2))

			main, second := e.Batches[0], e.Batches[1]
			Expect(main.Conn).To(Equal(redpipe.DefaultConn))
			Expect(names(main)).To(Equal("SET GET GET INCR"))
			Expect(main.Labels).To(Equal([]redpipe.LabelCount{{Label: "handler", Commands: 1}, {Label: "profile", Commands: 3}}))
			Expect(main.Results).To(HaveLen(4))
			Expect(main.Results[2].Err).NotTo(HaveOccurred(), "a nil reply is a reply")
			Expect(main.Results[2].Reply.IsNil()).To(BeTrue())
			failures := main.Failures()
			Expect(failures).To(HaveLen(1))
			Expect(failures[0].Index).To(Equal(3))
			Expect(failures[0].Status).To(Equal("WRONGTYPE"))
			Expect(failures[0].Transport).To(BeFalse())
			Expect(main.Duration).To(BeNumerically(">", 0))
			Expect(main.Duration).To(BeNumerically("<=", e.Duration))

			if sa, ok := s.Main.(ports.ServerAddresser); ok && s.Topology() == Standalone {
				Expect(main.Server).To(Equal(s.MainAddr))
				Expect(sa.ServerAddress()).To(Equal(s.MainAddr))
			}
			if s.Topology() == Cluster {
				Expect(main.Server).To(Equal(""), "a cluster batch goes to several servers")
			}
			Expect(second.Conn).To(Equal(Second))
			Expect(names(second)).To(Equal("INCR"))
			Expect(second.Labels).To(Equal([]redpipe.LabelCount{{Label: "counter", Commands: 1}}))
			Expect(second.Failures()).To(BeEmpty())
			coalesced := 0
			if s.Coalescing() {
				coalesced = 1 // alone in its backend call
			}
			Expect(main.CoalescedExecs).To(Equal(coalesced))
			Expect(main.Redirects+main.Retries).To(Equal(0), "a quiet server: nothing resent")
		})

		It("is not told of an Exec that sends nothing", func(ctx SpecContext) {
			rec := &recorder{}
			c := observed(rec)
			Expect(c.Pipeline().Exec(ctx)).To(Succeed())
			p := c.Pipeline(redpipe.On("nowhere"))
			f := p.Get(s.Key("k"))
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrUnknownConn))
			Expect(f.Err()).To(MatchError(redpipe.ErrUnknownConn))
			Expect(rec.calls).To(BeEmpty())
		})

		for _, call := range []string{"ExecStart", "BatchStart default", "BatchEnd default", "ExecEnd"} {
			It(fmt.Sprintf("a panic in %s fails no command: it is a PanicError of Exec's", call), func(ctx SpecContext) {
				rec := &recorder{panicIn: call}
				c := observed(rec)
				p := c.Pipeline()
				set := p.Set(s.Key("k"), "v", 0)
				get := p.Get(s.Key("k"))
				err := p.Exec(ctx)
				var ee *redpipe.ExecError
				Expect(errors.As(err, &ee)).To(BeTrue(), "Exec: %v", err)
				Expect(ee.Errors).To(BeEmpty())
				Expect(ee.Panics).To(HaveLen(1))
				Expect(ee.Panics[0].In).To(Equal("Observer." + strings.Fields(call)[0]))
				Expect(ee.Panics[0].Value).To(Equal("observer " + call))
				Expect(set.Result()).To(Equal("OK"))
				Expect(get.Result()).To(Equal("v"))
				Expect(rec.calls).To(HaveLen(4), "every other call is still made: %q", rec.calls)
			})
		}

		It("sees the Execs of a Watch's Tx like any other, and a transaction connection's batch as one", func(ctx SpecContext) {
			s.Require(CapPinned)
			rec := &recorder{}
			c := observed(rec)
			k := s.Key("w")
			err := c.Watch(ctx, []string{k}, func(tx *redpipe.Tx) error {
				r := tx.Pipeline(redpipe.Label("read"))
				r.Get(k)
				_ = r.Exec(ctx)
				w := tx.Multi()
				w.Set(k, "1", 0)
				return nil
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(rec.execs).To(HaveLen(2), "the reads, then the MULTI")
			Expect(rec.execs[0].Labels).To(Equal([]redpipe.LabelCount{{Label: "read", Commands: 1}}))
			Expect(names(rec.execs[0].Batches[0])).To(Equal("GET"), "WATCH goes ahead of it below the root, on the pinned connection")
			Expect(rec.execs[1].Batches[0].Transaction).To(BeTrue())
		})
	})
})
