package rueidis

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/ports"
)

// decodeMessage converts one reply into the driver-agnostic model: a
// top-level error reply is the command's *ports.RedisError, one nested in
// an aggregate a KindError element.
//
// rueidis exposes a message's RESP type only partly: IsString does not tell
// a status from a bulk string, IsArray an array from a set, and a map is
// given only as a Go map, in random order. Its one public view of the whole
// message is the serialisation behind client-side caching, CacheMarshal
// (message.go): every message as its RESP type byte, a length or integer,
// and the payload, aggregates recursively. The adapter decodes that:
//
//	'+' simple string        -> KindStatus
//	'$' blob string          -> KindBulk
//	'=' verbatim string      -> KindBulk, without its "txt:" format prefix
//	':' integer              -> KindInt
//	',' double               -> KindDouble (inf, -inf, nan included)
//	'#' boolean              -> KindBool
//	'(' big number           -> KindBigNumber (decimal text)
//	'*' array                -> KindArray
//	'~' set                  -> KindSet
//	'%' map                  -> KindMap, key, value, ... in wire order
//	'_' null, RESP2 "$-1" and "*-1" (resp.go reads them as null) -> KindNil
//	'-' '!' error            -> the command's error / KindError in an aggregate
//
// A RESP3 attribute is not part of the message rueidis gives (it keeps it
// aside, resp.go readNextMessage), and a push is never a command's reply
// (pipe.go hands pushes to its pub/sub handlers).
//
// Where messageView reads this rueidis's messages in place (reply_view.go),
// nothing is serialised at all; otherwise, most replies need no
// allocation. Integers and nils need no serialisation;
// a top-level string needs only its type byte (status or bulk), so it is
// serialised into bufs.scratch, which the caller reuses across a batch, and
// its text is the message's own, shared without a copy. Aggregates and
// errors take the general path (decodeSerialised), whose buffer the
// replies' strings keep. bufs may be nil.
func decodeMessage(m *rueidis.RedisMessage, bufs *replyBuffers) ports.Result {
	if viewMatches {
		return decodeView(m) // the same result, read in place (reply_view.go)
	}
	return decodeMarshalled(m, bufs)
}

// decodeMarshalled is decodeMessage through rueidis's serialisation.
func decodeMarshalled(m *rueidis.RedisMessage, bufs *replyBuffers) ports.Result {
	switch {
	case m.IsNil():
		return ports.Result{Reply: ports.NilReply()}
	case m.IsInt64():
		n, _ := m.AsInt64()
		return ports.Result{Reply: ports.IntReply(n)}
	case m.IsString() && bufs != nil:
		bufs.scratch = m.CacheMarshal(bufs.scratch[:0])
		s, _ := m.ToString()
		if bufs.scratch[cacheTTLBytes] == '+' {
			return ports.Result{Reply: ports.StatusReply(s)}
		}
		return ports.Result{Reply: ports.BulkReply(s)}
	}
	return decodeSerialised(m, bufs)
}

// replyBuffers are a batch's buffers for decoding its replies.
type replyBuffers struct {
	// scratch is rewritten for every top-level string.
	scratch []byte
	// arena holds the serialisations of the batch's small aggregates one
	// after another; their replies' strings share it. Bytes once written
	// are never written again (a full arena is replaced, not reused), so
	// sharing is safe; a string the application keeps keeps at most
	// arenaSize bytes alive besides its own.
	arena []byte
}

const (
	arenaSize      = 4 << 10
	arenaAggregate = 1 << 10 // larger serialisations get a buffer of their own
)

// serialise returns m's serialisation in memory no one writes again.
func (bufs *replyBuffers) serialise(m *rueidis.RedisMessage) []byte {
	if bufs == nil {
		return m.CacheMarshal(nil)
	}
	n := m.CacheSize()
	if n > arenaAggregate {
		return m.CacheMarshal(nil)
	}
	if cap(bufs.arena)-len(bufs.arena) < n {
		// A batch with one small aggregate (the common case) allocates
		// what it needs; each new chunk doubles, up to arenaSize.
		bufs.arena = make([]byte, 0, min(max(n, 2*cap(bufs.arena)), arenaSize))
	}
	start := len(bufs.arena)
	bufs.arena = m.CacheMarshal(bufs.arena)
	return bufs.arena[start:len(bufs.arena):len(bufs.arena)]
}

func decodeSerialised(m *rueidis.RedisMessage, bufs *replyBuffers) ports.Result {
	buf := bufs.serialise(m)
	// The buffer's bytes are never written again, so the replies' strings
	// can share them without a copy.
	d := decoder{s: rueidis.BinaryString(buf), i: cacheTTLBytes}
	r, err := d.reply()
	if err == nil && d.i != len(d.s) {
		err = fmt.Errorf("%d bytes after the reply", len(d.s)-d.i)
	}
	if err != nil {
		mm := *m // a copy, so that m itself does not escape on the common path
		return ports.Result{Err: fmt.Errorf("rueidis adapter: cannot decode rueidis's message %s: %w", &mm, err)}
	}
	if r.Kind == ports.KindError {
		return ports.Result{Err: r.Err}
	}
	return ports.Result{Reply: r}
}

// cacheTTLBytes: CacheMarshal starts with the client-side cache TTL.
const cacheTTLBytes = 7

var errTruncated = errors.New("truncated")

type decoder struct {
	s string
	i int
}

// reply decodes one serialised message: its type byte, an 8-byte big-endian
// length (of a string, an aggregate's elements, or an integer's value),
// then the string's bytes or the elements.
func (d *decoder) reply() (ports.Reply, error) {
	if len(d.s)-d.i < 9 {
		return ports.Reply{}, errTruncated
	}
	typ := d.s[d.i]
	var n uint64
	for _, c := range []byte(d.s[d.i+1 : d.i+9]) {
		n = n<<8 | uint64(c)
	}
	d.i += 9
	switch typ {
	case '_':
		return ports.NilReply(), nil
	case ':':
		return ports.IntReply(int64(n)), nil
	case '#':
		return ports.BoolReply(n != 0), nil
	case '*', '~', '%':
		if n > uint64(len(d.s)-d.i)/9 { // each element takes 9 bytes at least
			return ports.Reply{}, errTruncated
		}
		elems := make([]ports.Reply, n)
		for k := range elems {
			e, err := d.reply()
			if err != nil {
				return ports.Reply{}, err
			}
			elems[k] = e
		}
		switch typ {
		case '~':
			return ports.SetReply(elems), nil
		case '%':
			return ports.MapReply(elems), nil
		}
		return ports.ArrayReply(elems), nil
	}
	if n > uint64(len(d.s)-d.i) {
		return ports.Reply{}, errTruncated
	}
	str := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return stringReply(typ, str)
}

// stringReply is the reply of a RESP value of type typ held as text: the
// strings, big numbers, doubles and errors.
func stringReply(typ byte, str string) (ports.Reply, error) {
	switch typ {
	case '+':
		return ports.StatusReply(str), nil
	case '$':
		return ports.BulkReply(str), nil
	case '=':
		if len(str) >= 4 && str[3] == ':' {
			str = str[4:]
		}
		return ports.BulkReply(str), nil
	case '(':
		return ports.BigNumberReply(str), nil
	case ',':
		f, err := strconv.ParseFloat(str, 64)
		if err != nil {
			return ports.Reply{}, fmt.Errorf("double %q: %w", str, err)
		}
		return ports.DoubleReply(f), nil
	case '-', '!':
		return ports.ErrorReply(ports.NewRedisError(str)), nil
	}
	return ports.Reply{}, fmt.Errorf("unexpected RESP type %q", typ)
}
