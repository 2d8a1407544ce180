package domain

import (
	"testing"

	"math"
	"strconv"

	"github.com/redpipe-go/redpipe/ports"
)

// replyTree builds a ports.Reply from fuzz bytes, deterministically: the
// same bytes always give the same tree, so a crasher replays exactly. The
// tree is bounded (depth and width) so that one input costs microseconds,
// and it is always a reply an adapter could produce: every kind is a valid
// ports.Kind and an error element always carries its *ports.RedisError.
//
// Strings come mostly from a vocabulary of the words decoders and Lift
// look for (field names, numbers in Redis's spellings, OK), because random
// bytes would almost never hit them; the rest are raw bytes.
type replyTree struct {
	data []byte
}

const (
	replyTreeDepth = 6
	replyTreeWidth = 12
)

var replyWords = []string{
	"", "OK", "0", "1", "-1", "2", "1.5", "-2.5", "3.0e2", "inf", "-inf", "+inf", "Inf", "nan",
	"9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", "0x1p-2",
	"true", "false", "abc", "a\x00b\r\n\xff", "len", "matches", "nodes", "slots", "modules",
	"selectors", "age-seconds", "groups", "consumers", "functions", "running_script", "engines",
	"histogram_usec", "arguments", "subcommands", "begin_search", "find_keys", "spec", "db.0",
}

func (b *replyTree) byte() byte {
	if len(b.data) == 0 {
		return 0
	}
	c := b.data[0]
	b.data = b.data[1:]
	return c
}

func (b *replyTree) uint64() uint64 {
	var n uint64
	for range 8 {
		n = n<<8 | uint64(b.byte())
	}
	return n
}

// str reads a vocabulary word (below 0xc0), up to 31 raw bytes (0xc0 to
// 0xdf: the length is in the low bits) or up to 255 (0xe0 on: the length
// is the next byte).
func (b *replyTree) str() string {
	c := b.byte()
	if c < 0xc0 {
		return replyWords[int(c)%len(replyWords)]
	}
	n := int(c & 0x1f)
	if c >= 0xe0 {
		n = int(b.byte())
	}
	n = min(n, len(b.data))
	s := string(b.data[:n])
	b.data = b.data[n:]
	return s
}

var replyInts = []int64{0, 1, -1, 2, -2, 3, 16383, 16384, math.MaxInt64, math.MinInt64, 1 << 53, -(1 << 53)}

func (b *replyTree) int() int64 {
	c := b.byte()
	if c < 0xf0 {
		return replyInts[int(c)%len(replyInts)]
	}
	return int64(b.uint64())
}

var replyFloats = []float64{0, math.Copysign(0, -1), 1, -1, 1.5, -2.5, 0.1, math.Inf(1), math.Inf(-1), math.NaN(), 1e300, 9.223372036854775807e18, math.SmallestNonzeroFloat64}

func (b *replyTree) float() float64 {
	c := b.byte()
	if c < 0xf0 {
		return replyFloats[int(c)%len(replyFloats)]
	}
	return math.Float64frombits(b.uint64())
}

// reply reads one reply. Running out of bytes gives nils, which ends every
// aggregate quickly.
func (b *replyTree) reply(depth int) ports.Reply {
	kind := ports.Kind(b.byte() % 11)
	if depth >= replyTreeDepth && (kind == ports.KindArray || kind == ports.KindMap || kind == ports.KindSet) {
		kind = ports.KindBulk
	}
	switch kind {
	case ports.KindNil:
		return ports.NilReply()
	case ports.KindStatus:
		return ports.StatusReply(b.str())
	case ports.KindBulk:
		return ports.BulkReply(b.str())
	case ports.KindInt:
		return ports.IntReply(b.int())
	case ports.KindDouble:
		return ports.DoubleReply(b.float())
	case ports.KindBool:
		return ports.BoolReply(b.byte()&1 == 1)
	case ports.KindBigNumber:
		if b.byte()&1 == 1 {
			return ports.BigNumberReply(strconv.FormatInt(b.int(), 10) + "0000000000")
		}
		return ports.BigNumberReply(b.str())
	case ports.KindError:
		return ports.ErrorReply(ports.NewRedisError(b.str()))
	}
	n := int(b.byte()) % (replyTreeWidth + 1)
	if kind == ports.KindMap && b.byte()&1 == 0 {
		n &^= 1 // mostly key/value pairs; sometimes an odd count, which no server sends
	}
	elems := make([]ports.Reply, n)
	for i := range elems {
		elems[i] = b.reply(depth + 1)
	}
	return ports.Reply{Kind: kind, Elems: elems}
}

func replyFromBytes(data []byte) ports.Reply {
	b := &replyTree{data: data}
	return b.reply(0)
}

// sameReply compares two replies as values: an absent and an empty element
// list are the same, NaN equals NaN, and errors compare by text.
func sameReply(a, b ports.Reply) bool {
	if a.Kind != b.Kind || a.Str != b.Str || a.Int != b.Int || len(a.Elems) != len(b.Elems) {
		return false
	}
	if math.Float64bits(a.Float) != math.Float64bits(b.Float) && !(math.IsNaN(a.Float) && math.IsNaN(b.Float)) {
		return false
	}
	if (a.Err == nil) != (b.Err == nil) || (a.Err != nil && a.Err.Error() != b.Err.Error()) {
		return false
	}
	for i := range a.Elems {
		if !sameReply(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}

// treeBytes is replyTree's inverse, for seeds: the bytes from which
// replyFromBytes builds r. Seeds are written as replies (readable, and
// checked by TestReplyTreeSeeds) rather than as opaque bytes.
func treeBytes(r ports.Reply) []byte {
	var out []byte
	var put func(r ports.Reply, depth int)
	putStr := func(s string) {
		for i, w := range replyWords {
			if w == s {
				out = append(out, byte(i))
				return
			}
		}
		if len(s) > 255 {
			panic("treeBytes: a string longer than 255 bytes: " + strconv.Quote(s))
		}
		if len(s) < 32 {
			out = append(out, 0xc0|byte(len(s)))
		} else {
			out = append(out, 0xe0, byte(len(s)))
		}
		out = append(out, s...)
	}
	put64 := func(n uint64) {
		out = append(out, 0xf0)
		for i := 56; i >= 0; i -= 8 {
			out = append(out, byte(n>>i))
		}
	}
	put = func(r ports.Reply, depth int) {
		out = append(out, byte(r.Kind))
		switch r.Kind {
		case ports.KindNil:
		case ports.KindStatus, ports.KindBulk:
			putStr(r.Str)
		case ports.KindInt:
			for i, n := range replyInts {
				if n == r.Int {
					out = append(out, byte(i))
					return
				}
			}
			put64(uint64(r.Int))
		case ports.KindDouble:
			for i, f := range replyFloats {
				if math.Float64bits(f) == math.Float64bits(r.Float) {
					out = append(out, byte(i))
					return
				}
			}
			put64(math.Float64bits(r.Float))
		case ports.KindBool:
			out = append(out, byte(r.Int&1))
		case ports.KindBigNumber:
			out = append(out, 0)
			putStr(r.Str)
		case ports.KindError:
			putStr(r.Err.Error())
		default:
			if depth >= replyTreeDepth || len(r.Elems) > replyTreeWidth {
				panic("treeBytes: a reply deeper or wider than replyTree builds: " + r.String())
			}
			out = append(out, byte(len(r.Elems)))
			if r.Kind == ports.KindMap {
				out = append(out, byte(len(r.Elems)&1))
			}
			for _, e := range r.Elems {
				put(e, depth+1)
			}
		}
	}
	put(r, 0)
	return out
}

// The fuzz seeds are written as replies through treeBytes; each must come
// back from replyFromBytes as the reply it was written from, or the seeds
// would not test what they say.
func TestReplyTreeSeeds(t *testing.T) {
	for _, c := range liftCases {
		for _, r := range []ports.Reply{c.resp2, c.resp3} {
			if got := replyFromBytes(treeBytes(r)); !sameReply(got, r) {
				t.Errorf("%s: %s comes back from its bytes as %s", c.cmd, r, got)
			}
		}
	}
}
