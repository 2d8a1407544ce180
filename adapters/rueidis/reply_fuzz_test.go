package rueidis

import (
	"encoding/binary"
	"math"
	"strconv"
	"testing"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/conformance/backendtest"
	"github.com/redpipe-go/redpipe/ports"
)

// serialise writes r in rueidis's CacheMarshal format, without the TTL
// prefix: a type byte, an 8-byte big-endian length or integer, then the
// string or the elements. Each kind has one spelling here (a bulk is '$',
// never '='), so decoding and serialising again must give these bytes.
func serialise(dst []byte, r ports.Reply) []byte {
	head := func(typ byte, n uint64) {
		dst = append(dst, typ)
		dst = binary.BigEndian.AppendUint64(dst, n)
	}
	text := func(typ byte, s string) {
		head(typ, uint64(len(s)))
		dst = append(dst, s...)
	}
	switch r.Kind {
	case ports.KindNil:
		head('_', 0)
	case ports.KindStatus:
		text('+', r.Str)
	case ports.KindBulk:
		text('$', r.Str)
	case ports.KindInt:
		head(':', uint64(r.Int))
	case ports.KindDouble:
		text(',', strconv.FormatFloat(r.Float, 'g', -1, 64))
	case ports.KindBool:
		head('#', uint64(r.Int))
	case ports.KindBigNumber:
		text('(', r.Str)
	case ports.KindError:
		text('-', r.Err.Error())
	case ports.KindArray, ports.KindSet, ports.KindMap:
		typ := map[ports.Kind]byte{ports.KindArray: '*', ports.KindSet: '~', ports.KindMap: '%'}[r.Kind]
		head(typ, uint64(len(r.Elems)))
		for _, e := range r.Elems {
			dst = serialise(dst, e)
		}
	}
	return dst
}

// sameReply: the replies are identical (a NaN equals a NaN).
var sameReply = backendtest.SameReply

// validReply: only the kinds ports defines, an error element with its
// error, and no elements on a scalar.
func validReply(r ports.Reply) bool {
	switch r.Kind {
	case ports.KindArray, ports.KindSet, ports.KindMap:
		for _, e := range r.Elems {
			if !validReply(e) {
				return false
			}
		}
		return true
	case ports.KindError:
		return r.Err != nil && r.Elems == nil
	}
	return r.Kind <= ports.KindError && r.Elems == nil
}

func sameResult(a, b ports.Result) bool {
	if (a.Err == nil) != (b.Err == nil) {
		return false
	}
	if a.Err != nil {
		return a.Err.Error() == b.Err.Error()
	}
	return sameReply(a.Reply, b.Reply)
}

var noTTL = make([]byte, cacheTTLBytes)

// FuzzDecodeMessage feeds arbitrary bytes to the adapter's decoder of
// rueidis's serialised messages. It must not panic, must give a valid
// reply or an error, and what it gives must serialise canonically and
// decode to the same reply again. That canonical form is then loaded into
// a real *rueidis.RedisMessage (whose CacheMarshal must give the same
// bytes, so the format here is rueidis's), and the adapter's two ways of
// reading it — in place (decodeView) and through its serialisation
// (decodeMarshalled, on its fast path for top-level strings and on the
// general one) — must each give the reply, with a top-level error as the
// command's error.
func FuzzDecodeMessage(f *testing.F) {
	for _, r := range []ports.Reply{
		ports.NilReply(), ports.StatusReply("OK"), ports.BulkReply("a\x00b\r\n\xff"), ports.BulkReply(""),
		ports.IntReply(-1), ports.IntReply(math.MinInt64), ports.DoubleReply(1.5), ports.DoubleReply(math.Inf(-1)),
		ports.DoubleReply(math.NaN()), ports.BoolReply(true), ports.BigNumberReply("123456789012345678901234567890"),
		ports.ErrorReply(ports.NewRedisError("WRONGTYPE Operation against a key holding the wrong kind of value")),
		ports.ArrayReply([]ports.Reply{ports.BulkReply("a"), ports.NilReply(), ports.ErrorReply(ports.NewRedisError("ERR x"))}),
		ports.MapReply([]ports.Reply{ports.BulkReply("f"), ports.SetReply([]ports.Reply{ports.IntReply(1)})}),
		ports.ArrayReply(nil),
	} {
		f.Add(serialise(nil, r))
	}
	f.Add([]byte("=\x00\x00\x00\x00\x00\x00\x00\x08txt:text"))
	f.Add([]byte("=\x00\x00\x00\x00\x00\x00\x00\x02tx"))
	f.Add([]byte(",\x00\x00\x00\x00\x00\x00\x00\x03nan"))
	f.Add([]byte(",\x00\x00\x00\x00\x00\x00\x00\x03abc"))
	f.Add([]byte("#\x00\x00\x00\x00\x00\x00\x00\x07"))
	f.Add([]byte("*\xff\xff\xff\xff\xff\xff\xff\xff"))
	f.Add([]byte("$\x7f\xff\xff\xff\xff\xff\xff\xffx"))
	f.Add([]byte("*\x00\x00\x00\x00\x00\x00\x00\x01"))
	f.Add([]byte("?\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("_\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := decoder{s: string(data)}
		r, err := d.reply()
		if err != nil {
			return
		}
		if d.i > len(data) {
			t.Fatalf("the decoder read %d bytes of %d", d.i, len(data))
		}
		if !validReply(r) {
			t.Fatalf("decoded an invalid reply %#v", r)
		}
		canon := serialise(nil, r)
		d2 := decoder{s: string(canon)}
		again, err := d2.reply()
		if err != nil || d2.i != len(canon) || !sameReply(again, r) {
			t.Fatalf("%s serialises as %q, which decodes as %s, %v", r, canon, again, err)
		}

		var m rueidis.RedisMessage
		buf := append(append([]byte{}, noTTL...), canon...)
		if err := m.CacheUnmarshalView(buf); err != nil {
			t.Fatalf("rueidis does not load %q: %v", canon, err)
		}
		if back := m.CacheMarshal(nil); string(back) != string(buf) {
			t.Fatalf("rueidis serialises %q as %q: the test's format is not rueidis's", buf, back)
		}
		want := ports.Result{Reply: r}
		if r.Kind == ports.KindError {
			want = ports.Result{Err: r.Err}
		}
		// Fresh buffers, buffers already holding an earlier reply (whose
		// strings must stay intact), and none.
		if got := decodeView(&m); !sameResult(got, want) {
			t.Fatalf("decodeView(%s) = %+v, want %+v", r, got, want)
		}
		var bufs replyBuffers
		first := decodeMarshalled(&m, &bufs)
		for _, b := range []*replyBuffers{&bufs, &bufs, nil} {
			if got := decodeMarshalled(&m, b); !sameResult(got, want) {
				t.Fatalf("decodeMarshalled(%s, buffers %v) = %+v, want %+v", r, b != nil, got, want)
			}
		}
		if !sameResult(first, want) {
			t.Fatalf("decodeMarshalled(%s): the first reply changed when the buffers were reused: %+v, want %+v", r, first, want)
		}
	})
}
