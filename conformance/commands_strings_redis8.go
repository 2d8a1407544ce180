package conformance

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

// Specs of the string commands newer than Redis 7: each finds its command
// out with RequireCommand (and skips, saying so, on an older server).
// Their every option's exact arguments are proven by
// commands_redis8_describe_test.go.
var _ = register(func(s *Suite) {
	Describe("Commands: strings", func() {
		It("compares and sets by value and by digest, and compares and deletes (Redis 8.4)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "digest")
			s.RequireCommand(ctx, "delex")
			k := s.Key("cas")
			s.Arrange(ctx, []string{"SET", k, "v1"})
			p := s.Client.Pipeline()
			d1 := p.Digest(k)
			missing := p.Digest(s.Key("missing"))
			s.ExecOnce(ctx, p)
			Expect(d1.Err()).NotTo(HaveOccurred())
			Expect(missing.Err()).To(MatchError(redpipe.ErrNil))

			p = s.Client.Pipeline()
			eq := p.SetIFEQ(k, "v2", "v1", 0)
			eqMiss := p.SetIFEQ(k, "v3", "not v2", 0)
			eqGet := p.SetIFEQGet(k, "v4", "v2", 0)
			byDigest := p.SetIFDNE(k, "v5", d1.Val(), 0) // v4's digest is not v1's
			staleDigest := p.SetIFDEQ(k, "v6", d1.Val(), 0)
			value := p.Get(k)
			keepMiss := p.DelExArgs(k, redpipe.DelExArgs{Mode: "IFEQ", MatchValue: "v1"})
			del := p.DelExArgs(k, redpipe.DelExArgs{Mode: "IFNE", MatchValue: "v1"})
			gone := p.Exists(k)
			s.ExecOnce(ctx, p)

			Expect(eq.Result()).To(Equal("OK"))
			Expect(eqMiss.Err()).To(MatchError(redpipe.ErrNil), "the value is v2, not the match")
			Expect(eqGet.Result()).To(Equal("v2"))
			Expect(byDigest.Result()).To(Equal("OK"))
			Expect(staleDigest.Err()).To(MatchError(redpipe.ErrNil), "v1's digest no longer matches")
			Expect(value.Result()).To(Equal("v5"))
			Expect(keepMiss.Result()).To(Equal(int64(0)))
			Expect(del.Result()).To(Equal(int64(1)))
			Expect(gone.Result()).To(Equal(int64(0)))
		})

		It("sets keys with an expiration and a condition in one MSETEX (Redis 8.4)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "msetex")
			a, b := s.Key("a"), s.Key("b")
			p := s.Client.Pipeline()
			set := p.MSetEX(redpipe.MSetEXArgs{Expiration: &redpipe.ExpirationOption{Mode: redpipe.EX, Value: 100}}, a, "1", b, "2")
			notSet := p.MSetEX(redpipe.MSetEXArgs{Condition: redpipe.NX}, []string{a, "9"})
			values := p.MGet(a, b)
			ttl := p.TTL(b)
			s.ExecOnce(ctx, p)

			Expect(set.Result()).To(Equal(int64(1)))
			Expect(notSet.Result()).To(Equal(int64(0)), "NX: a exists")
			Expect(values.Result()).To(Equal([]any{"1", "2"}))
			Expect(ttl.Val()).To(BeNumerically("~", 100*time.Second, time.Second))
		})

		It("increments within bounds with INCREX (Redis 8.8)", func(ctx SpecContext) {
			s.RequireCommand(ctx, "increx")
			n, f := s.Key("n"), s.Key("f")
			p := s.Client.Pipeline()
			first := p.IncrEXInt(n, redpipe.IncrEXIntArgs{})
			refused := p.IncrEXInt(n, redpipe.IncrEXIntArgs{By: 10, HasBy: true, UBound: 5, HasUBound: true})
			clamped := p.IncrEXInt(n, redpipe.IncrEXIntArgs{By: 10, HasBy: true, UBound: 5, HasUBound: true, Saturate: true})
			float := p.IncrEXFloat(f, redpipe.IncrEXFloatArgs{By: 1.5, Expiration: &redpipe.ExpirationOption{Mode: redpipe.EX, Value: 100}})
			ttl := p.TTL(f)
			s.ExecOnce(ctx, p)

			Expect(first.Result()).To(Equal(redpipe.IncrEXIntResult{Value: 1, AppliedIncrement: 1}))
			Expect(refused.Result()).To(Equal(redpipe.IncrEXIntResult{Value: 1, AppliedIncrement: 0}))
			Expect(clamped.Result()).To(Equal(redpipe.IncrEXIntResult{Value: 5, AppliedIncrement: 4}))
			Expect(float.Result()).To(Equal(redpipe.IncrEXFloatResult{Value: 1.5, AppliedIncrement: 1.5}))
			Expect(ttl.Val()).To(BeNumerically("~", 100*time.Second, time.Second))
		})
	})
})
