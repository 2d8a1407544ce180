package keyspace_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
)

// explodingCodec is a user's codec that panics on the values it was not
// written for, as user code sometimes does.
type explodingCodec struct{}

func (explodingCodec) Encode(v string) (string, error) {
	if v == "boom" {
		panic("encode exploded")
	}
	return v, nil
}

func (explodingCodec) Decode(s string) (string, error) {
	if s == "boom-stored" {
		panic("decode exploded")
	}
	return s, nil
}

var _ = register(func(s *conformance.Suite) {
	Describe("A keyspace's codecs", func() {
		It("a codec that panics rejects its own value at queue time (never sent) and fails its own read; the rest of the batch runs", func(ctx SpecContext) {
			ks := keyspace.NewString(s.Prefix("explode"), redpipe.Codec[string](explodingCodec{}))
			p := s.Client.Pipeline()
			ok := ks.With(ctx, p).Set("ok", "fine", 0)
			bad := ks.With(ctx, p).Set("bad", "boom", 0)
			n := p.Incr(s.Key("n"))
			err := p.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrInvalidValue))
			conformance.ExpectPanicError(bad.Err(), "codec Encode", "encode exploded")
			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(ok.Result()).To(Equal("OK"))
			Expect(n.Result()).To(Equal(int64(1)))
			Expect(ks.With(ctx, s.Client).Exists("bad").Val()).To(Equal(int64(0)), "the rejected SET was never sent")

			Expect(ks.With(ctx, s.Client).Set("stored", "boom-stored", 0).Err()).To(Succeed())
			q := s.Client.Pipeline()
			got := ks.With(ctx, q).Get("stored")
			fine := ks.With(ctx, q).Get("ok")
			Expect(q.Exec(ctx)).To(MatchError(redpipe.ErrPanicked))
			conformance.ExpectPanicError(got.Err(), "codec Decode", "decode exploded")
			Expect(fine.Result()).To(Equal("fine"))
		})

	})
})
