package rueidis

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/ports"
)

// messageView mirrors rueidis.RedisMessage's fields (message.go), so that
// a reply can be read in place: its RESP type byte, its string, its
// elements in wire order. rueidis's exported methods cannot tell a status
// from a bulk string or an array from a set, and give maps only as Go maps,
// so without the view every aggregate is first serialised with
// CacheMarshal (decodeSerialised) — which costs more than the rest of the
// Exec, allocating twice per element inside rueidis.
//
// The view is used only when viewMatches proved, at start-up, that it reads
// the messages of this build's rueidis exactly as their serialisation
// says; a rueidis whose layout differs makes the adapter fall back to
// CacheMarshal for every reply, which is always right.
type messageView struct {
	attrs  unsafe.Pointer
	bytes  *byte
	array  *messageView
	intlen int64
	typ    byte
	ttl    [7]byte
}

// viewMatches: messageView reads rueidis.RedisMessage exactly.
var viewMatches = checkView()

func view(m *rueidis.RedisMessage) *messageView { return (*messageView)(unsafe.Pointer(m)) }

func (v *messageView) str() string {
	if v.bytes == nil {
		return ""
	}
	return unsafe.String(v.bytes, int(v.intlen))
}

func (v *messageView) elems() []messageView {
	if v.array == nil {
		return nil
	}
	return unsafe.Slice(v.array, int(v.intlen))
}

// decodeView converts a message read in place; its strings are the
// message's own, as ToString's are.
func decodeView(m *rueidis.RedisMessage) ports.Result {
	r, err := view(m).reply()
	if err != nil {
		mm := *m
		return ports.Result{Err: fmt.Errorf("rueidis adapter: cannot decode rueidis's message %s: %w", &mm, err)}
	}
	if r.Kind == ports.KindError {
		return ports.Result{Err: r.Err}
	}
	return ports.Result{Reply: r}
}

// reply is decoder.reply over the message itself rather than its
// serialisation: the same types, the same values.
func (v *messageView) reply() (ports.Reply, error) {
	switch v.typ {
	case '_':
		return ports.NilReply(), nil
	case ':':
		return ports.IntReply(v.intlen), nil
	case '#':
		return ports.BoolReply(v.intlen != 0), nil
	case '*', '~', '%':
		src := v.elems()
		elems := make([]ports.Reply, len(src))
		for k := range src {
			e, err := src[k].reply()
			if err != nil {
				return ports.Reply{}, err
			}
			elems[k] = e
		}
		switch v.typ {
		case '~':
			return ports.SetReply(elems), nil
		case '%':
			return ports.MapReply(elems), nil
		}
		return ports.ArrayReply(elems), nil
	}
	return stringReply(v.typ, v.str())
}

// checkView builds, through rueidis's own CacheUnmarshalView, a message of
// every RESP type (nested in an array, a set and a map) and reports whether
// reading it in place gives exactly what decoding its serialisation gives.
func checkView() bool {
	if unsafe.Sizeof(rueidis.RedisMessage{}) != unsafe.Sizeof(messageView{}) {
		return false
	}
	for _, serialised := range viewSamples() {
		var m rueidis.RedisMessage
		if err := m.CacheUnmarshalView(serialised); err != nil {
			return false
		}
		if !reflect.DeepEqual(decodeView(&m), decodeSerialised(&m, nil)) {
			return false
		}
	}
	return true
}

// viewSamples are serialisations in CacheMarshal's format: 7 TTL bytes,
// then per value its type byte, an 8-byte big-endian length (or integer),
// and a string's bytes or an aggregate's elements.
func viewSamples() [][]byte {
	leaf := func(typ byte, s string) []byte { return append(header(typ, uint64(len(s))), s...) }
	agg := func(typ byte, elems ...[]byte) []byte {
		b := header(typ, uint64(len(elems)))
		for _, e := range elems {
			b = append(b, e...)
		}
		return b
	}
	leaves := [][]byte{
		leaf('+', "OK"), leaf('$', "bulk\x00bytes"), leaf('$', ""), leaf('=', "txt:verbatim"),
		header(':', 1<<40), header(':', ^uint64(41)), header('_', 0), header('#', 1), header('#', 0),
		leaf(',', "3.25"), leaf(',', "inf"), leaf('(', "12345678901234567890"), leaf('-', "ERR nested"),
	}
	all := agg('*', append(leaves,
		agg('~', leaf('$', "a"), header(':', 2)),
		agg('%', leaf('$', "k1"), leaf('$', "v1"), leaf('+', "k2"), agg('*')),
	)...)
	ttl := make([]byte, cacheTTLBytes)
	samples := [][]byte{append(ttl[:len(ttl):len(ttl)], all...)}
	for _, l := range leaves { // each also alone: a top-level error is the command's error
		samples = append(samples, append(ttl[:len(ttl):len(ttl)], l...))
	}
	return samples
}

func header(typ byte, n uint64) []byte {
	b := []byte{typ, 0, 0, 0, 0, 0, 0, 0, 0}
	for i := 8; i >= 1; i-- {
		b[i] = byte(n)
		n >>= 8
	}
	return b
}
