package conformance

import (
	"context"
	"errors"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe/ports"
)

// pin pins a connection of b, released when the spec ends.
func pin(ctx context.Context, b ports.Backend) ports.Pinned {
	GinkgoHelper()
	pinner, ok := b.(ports.Pinner)
	Expect(ok).To(BeTrue(), "the backend (%T) does not implement ports.Pinner", b)
	p, err := pinner.Pin(ctx)
	Expect(err).NotTo(HaveOccurred(), "Pin")
	DeferCleanup(p.Release)
	return p
}

// pinnedID runs key's GET (which binds a cluster pin to key's node) and
// CLIENT ID on p and returns the connection's id.
func pinnedID(ctx context.Context, p ports.Backend, key string) int64 {
	GinkgoHelper()
	out := RunMany(ctx, p, []string{"GET", key}, []string{"CLIENT", "ID"})
	Expect(out[0].Err).NotTo(HaveOccurred(), "GET on the pinned connection")
	Expect(out[1].Err).NotTo(HaveOccurred(), "CLIENT ID on the pinned connection")
	Expect(out[1].Reply.Kind).To(Equal(ports.KindInt))
	return out[1].Reply.Int
}

func expectTransportError(err error, what string) {
	GinkgoHelper()
	var te *ports.TransportError
	Expect(errors.As(err, &te)).To(BeTrue(), "%s: want a *ports.TransportError, got %v", what, err)
}

var _ = register(func(s *Suite) {
	Describe("Pinned connections", func() {
		BeforeEach(func() { s.Require(CapPinned) })

		It("every Exec of a Pinned uses one server connection, another Pin gets another, and WATCH state lives on it", func(ctx SpecContext) {
			k := s.Key("watched")
			p1, p2 := pin(ctx, s.Main), pin(ctx, s.Main)
			id1 := pinnedID(ctx, p1, k)
			Expect(pinnedID(ctx, p1, k)).To(Equal(id1), "second Exec on the same Pinned")
			Expect(pinnedID(ctx, p2, k)).NotTo(Equal(id1), "another Pinned")

			// WATCH on p1, a write from elsewhere, then MULTI/EXEC on p1:
			// Redis aborts the transaction only if all four commands of p1
			// went over one connection.
			out := RunMany(ctx, p1, []string{"WATCH", k})
			Expect(out[0].Err).NotTo(HaveOccurred())
			ExpectRawString(s.Raw(ctx, "SET", k, "theirs"), "OK")
			out = RunMany(ctx, p1, []string{"MULTI"}, []string{"SET", k, "mine"}, []string{"EXEC"})
			Expect(out[0].Err).NotTo(HaveOccurred())
			Expect(out[0].Reply.Str).To(Equal("OK"))
			Expect(out[1].Err).NotTo(HaveOccurred())
			Expect(out[1].Reply.Str).To(Equal("QUEUED"))
			Expect(out[2].Err).NotTo(HaveOccurred())
			Expect(out[2].Reply.Kind).To(Equal(ports.KindNil), "EXEC after a WATCHed key changed")
			ExpectRawString(s.Raw(ctx, "GET", k), "theirs")
		})

		It("Exec after Release fails every command and sends nothing", func(ctx SpecContext) {
			k := s.Key("released")
			p := pin(ctx, s.Other)
			pinnedID(ctx, p, k)
			p.Release()
			out := RunMany(ctx, p, []string{"INCR", k}, []string{"INCR", k})
			Expect(out[0].Err).To(HaveOccurred())
			Expect(out[1].Err).To(HaveOccurred())
			ExpectRawNil(s.RawOther(ctx, "GET", k))
			p.Release() // twice is harmless
		})

		It("a pinned connection killed by the server fails its next Exec instead of silently reconnecting, and a new Pin works", func(ctx SpecContext) {
			k := s.Key("killed")
			p := pin(ctx, s.Other)
			id := pinnedID(ctx, p, k)
			ExpectRawInt(s.RawOther(ctx, "CLIENT", "KILL", "ID", strconv.FormatInt(id, 10)), 1)

			out := RunMany(ctx, p, []string{"INCR", k})
			Expect(out[0].Err).To(HaveOccurred(), "INCR on a killed pinned connection: its WATCH/MULTI state is gone")
			ExpectRawNil(s.RawOther(ctx, "GET", k))
			p.Release()

			fresh := pin(ctx, s.Other)
			Expect(pinnedID(ctx, fresh, k)).NotTo(Equal(id))
			out = RunMany(ctx, fresh, []string{"INCR", k})
			Expect(out[0].Err).NotTo(HaveOccurred())
			Expect(out[0].Reply.Int).To(Equal(int64(1)))
		})

		It("with the only pooled connection pinned, another Pin waits no longer than ctx's deadline; after Release it works", func(ctx SpecContext) {
			s.Require(CapOneConnection)
			k := s.Key("pool")
			b, err := s.Harness.(OneConnectionHarness).StandaloneOneConnection(ctx, s.OtherAddr)
			Expect(err).NotTo(HaveOccurred())
			p1 := pin(ctx, b)
			pinnedID(ctx, p1, k)

			short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			if p2, err := b.(ports.Pinner).Pin(short); err != nil {
				Expect(err).To(MatchError(context.DeadlineExceeded))
			} else {
				out := RunMany(short, p2, []string{"INCR", k})
				Expect(out[0].Err).To(MatchError(context.DeadlineExceeded), "Exec on a Pinned waiting for the pool")
				p2.Release()
			}
			Expect(time.Since(start)).To(BeNumerically("<", 1300*time.Millisecond))
			ExpectRawNil(s.RawOther(ctx, "GET", k))

			// A plain Exec either shares a multiplexed connection (rueidis)
			// or waits for the pool, bounded by the deadline too.
			short2, cancel2 := context.WithTimeout(ctx, 300*time.Millisecond)
			defer cancel2()
			start = time.Now()
			out := RunMany(short2, b, []string{"ECHO", k})
			if out[0].Err != nil {
				Expect(out[0].Err).To(MatchError(context.DeadlineExceeded))
			} else {
				Expect(out[0].Reply.Str).To(Equal(k))
			}
			Expect(time.Since(start)).To(BeNumerically("<", 1300*time.Millisecond))

			p1.Release()
			p3 := pin(ctx, b)
			Expect(pinnedID(ctx, p3, k)).To(BeNumerically(">", 0))
		})
	})
})
