package ports

import (
	"strconv"
	"strings"
)

// Kind tells which of the RESP value types a Reply holds.
type Kind uint8

const (
	KindNil       Kind = iota // a nil bulk, nil array or RESP3 null
	KindStatus                // a simple string, in Str
	KindBulk                  // a bulk (or verbatim) string, in Str
	KindInt                   // an integer, in Int
	KindDouble                // a RESP3 double, in Float
	KindBool                  // a RESP3 boolean, in Int (1 or 0)
	KindBigNumber             // a RESP3 big number, its decimal text in Str
	KindArray                 // an array, in Elems
	KindMap                   // a map, in Elems as key, value, key, value ...
	KindSet                   // a RESP3 set, in Elems
	KindError                 // an error nested inside an aggregate, in Err
)

var kindNames = [...]string{"nil", "status", "bulk", "integer", "double", "bool", "big number", "array", "map", "set", "error"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Reply is one Redis reply in a driver-agnostic form.
type Reply struct {
	Kind  Kind
	Str   string
	Int   int64
	Float float64
	Elems []Reply
	Err   *RedisError
}

// Constructors keep adapters short and make the field used by each kind obvious.

func NilReply() Reply                { return Reply{Kind: KindNil} }
func StatusReply(s string) Reply     { return Reply{Kind: KindStatus, Str: s} }
func BulkReply(s string) Reply       { return Reply{Kind: KindBulk, Str: s} }
func IntReply(n int64) Reply         { return Reply{Kind: KindInt, Int: n} }
func DoubleReply(f float64) Reply    { return Reply{Kind: KindDouble, Float: f} }
func BigNumberReply(s string) Reply  { return Reply{Kind: KindBigNumber, Str: s} }
func ArrayReply(elems []Reply) Reply { return Reply{Kind: KindArray, Elems: elems} }
func MapReply(kvs []Reply) Reply     { return Reply{Kind: KindMap, Elems: kvs} }
func SetReply(elems []Reply) Reply   { return Reply{Kind: KindSet, Elems: elems} }
func ErrorReply(e *RedisError) Reply { return Reply{Kind: KindError, Err: e} }
func BoolReply(b bool) Reply {
	if b {
		return Reply{Kind: KindBool, Int: 1}
	}
	return Reply{Kind: KindBool}
}

// IsNil reports whether the reply is a nil.
func (r Reply) IsNil() bool { return r.Kind == KindNil }

// String renders the reply for error messages and debugging.
func (r Reply) String() string {
	var b strings.Builder
	r.write(&b)
	return b.String()
}

func (r Reply) write(b *strings.Builder) {
	switch r.Kind {
	case KindNil:
		b.WriteString("(nil)")
	case KindStatus, KindBigNumber:
		b.WriteString(r.Str)
	case KindBulk:
		b.WriteString(strconv.Quote(r.Str))
	case KindInt:
		b.WriteString(strconv.FormatInt(r.Int, 10))
	case KindDouble:
		b.WriteString(strconv.FormatFloat(r.Float, 'g', -1, 64))
	case KindBool:
		b.WriteString(strconv.FormatBool(r.Int != 0))
	case KindError:
		b.WriteString("(error) ")
		b.WriteString(r.Err.Error())
	default:
		open, close := "[", "]"
		if r.Kind == KindMap || r.Kind == KindSet {
			open, close = "{", "}"
		}
		b.WriteString(open)
		for i, e := range r.Elems {
			if i > 0 {
				if r.Kind == KindMap && i%2 == 1 {
					b.WriteString(": ")
				} else {
					b.WriteString(", ")
				}
			}
			e.write(b)
		}
		b.WriteString(close)
	}
}
