package keyspace_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
)

var _ = register(func(s *conformance.Suite) {
	Describe("Keyspaces of each type: String bitmaps", func() {
		It("SetBit, GetBit, BitCount and BitPos work on the stored bytes, which Get gives back through Bytes", func(ctx SpecContext) {
			bits := keyspace.NewString(s.Prefix("bits"), redpipe.Bytes)
			p := s.Client.Pipeline()
			b := bits.With(ctx, p)
			first := b.SetBit("a", 1, 1) // 0b01000000
			again := b.SetBit("a", 1, 1) // already set
			b.SetBit("a", 7, 1)          // 0b01000001 = 'A'
			b.SetBit("a", 14, 1)         // second byte 0b00000010
			bit1 := b.GetBit("a", 1)
			bit2 := b.GetBit("a", 2)
			beyond := b.GetBit("a", 1000)
			missing := b.GetBit("nobody", 0)
			count := b.BitCount("a", nil)
			countByte := b.BitCount("a", &redpipe.BitCount{Start: 1, End: 1})
			countBit := b.BitCount("a", &redpipe.BitCount{Start: 0, End: 6, Unit: redpipe.BitCountIndexBit})
			pos1 := b.BitPos("a", 1)
			pos0 := b.BitPos("a", 0)
			posFrom := b.BitPos("a", 1, 1)
			posNone := b.BitPos("a", 1, 2, 5)
			posSpan := b.BitPosSpan("a", 1, 2, 15, "bit")
			stored := b.Get("a")
			s.ExecOnce(ctx, p)
			Expect(first.Result()).To(Equal(int64(0)))
			Expect(again.Result()).To(Equal(int64(1)))
			Expect(bit1.Result()).To(Equal(int64(1)))
			Expect(bit2.Result()).To(Equal(int64(0)))
			Expect(beyond.Result()).To(Equal(int64(0)))
			Expect(missing.Result()).To(Equal(int64(0)))
			Expect(count.Result()).To(Equal(int64(3)))
			Expect(countByte.Result()).To(Equal(int64(1)))
			Expect(countBit.Result()).To(Equal(int64(1)))
			Expect(pos1.Result()).To(Equal(int64(1)))
			Expect(pos0.Result()).To(Equal(int64(0)))
			Expect(posFrom.Result()).To(Equal(int64(14)))
			Expect(posNone.Result()).To(Equal(int64(-1)))
			Expect(posSpan.Result()).To(Equal(int64(7)))
			Expect(stored.Result()).To(Equal([]byte{0x41, 0x02}))
			conformance.ExpectRawString(s.Raw(ctx, "GET", bits.Key("a")), "A\x02")
		})

		It("a text keyspace's value is its bytes: SetBit changes what Get decodes", func(ctx SpecContext) {
			names := keyspace.NewString(s.Prefix("names"), redpipe.Text)
			p := s.Client.Pipeline()
			b := names.With(ctx, p)
			b.Set("a", "a", 0)         // 0x61
			old := b.SetBit("a", 6, 1) // 0x63
			got := b.Get("a")
			s.ExecOnce(ctx, p)
			Expect(old.Result()).To(Equal(int64(0)))
			Expect(got.Result()).To(Equal("c"))
		})

		It("too many BitPos positions are refused on that future only, nothing sent", func(ctx SpecContext) {
			bits := keyspace.NewString(s.Prefix("bits"), redpipe.Bytes)
			p := s.Client.Pipeline()
			bad := bits.With(ctx, p).BitPos("a", 1, 0, 1, 2)
			good := bits.With(ctx, p).SetBit("a", 0, 1)
			Expect(s.ExecOnceFailing(ctx, p)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(bad.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(good.Result()).To(Equal(int64(0)))
			conformance.ExpectRawString(s.Raw(ctx, "GET", bits.Key("a")), "\x80")
		})
	})
})
