package domain

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// decoderCase is one decoder of decode.go, results.go, zset.go or scan.go,
// seen without its Go type.
type decoderCase struct {
	name string
	fn   func(ports.Reply) (any, error)
	// nilValue: a top-level nil is a value for this decoder, not ErrNil.
	nilValue bool
	// aggregate: a successful result is a slice or map, never nil.
	aggregate bool
}

func erase[T any](fn func(ports.Reply) (T, error)) func(ports.Reply) (any, error) {
	return func(r ports.Reply) (any, error) { return fn(r) }
}

var decoderCases = []decoderCase{
	{name: "String", fn: erase(String)},
	{name: "Status", fn: erase(Status)},
	{name: "Int64", fn: erase(Int64)},
	{name: "Float64", fn: erase(Float64)},
	{name: "Bool", fn: erase(Bool), nilValue: true},
	{name: "OK", fn: erase(OK), nilValue: true},
	{name: "StringOrEmpty", fn: erase(StringOrEmpty), nilValue: true},
	{name: "Float64OrZero", fn: erase(Float64OrZero), nilValue: true},
	{name: "Any", fn: Any},
	{name: "Duration(s)", fn: erase(Duration(time.Second))},
	{name: "Duration(ms)", fn: erase(Duration(time.Millisecond))},
	{name: "Strings", fn: erase(Strings), aggregate: true},
	{name: "Int64s", fn: erase(Int64s), aggregate: true},
	{name: "Bools", fn: erase(Bools), aggregate: true},
	{name: "Float64sOrZero", fn: erase(Float64sOrZero), aggregate: true},
	{name: "Values", fn: erase(Values), aggregate: true},
	{name: "StringMap", fn: erase(StringMap), aggregate: true},
	{name: "StringSet", fn: erase(StringSet), aggregate: true},
	{name: "KeyValueSlice", fn: erase(KeyValueSlice), aggregate: true},
	{name: "ZSlice", fn: erase(ZSlice), aggregate: true},
	{name: "KeyValuesReply", fn: erase(KeyValuesReply)},
	{name: "ZWithKeyReply", fn: erase(ZWithKeyReply)},
	{name: "ZSliceWithKeyReply", fn: erase(ZSliceWithKeyReply)},
	{name: "RankScoreReply", fn: erase(RankScoreReply)},
	{name: "LCS", fn: erase(LCS)},
	{name: "Scan", fn: erase(Scan)},
}

// redisErrors collects the *ports.RedisError values of a tree: the only
// Redis errors a decoder may return are those the reply carried.
func redisErrors(r ports.Reply, into map[*ports.RedisError]bool) {
	if r.Kind == ports.KindError {
		into[r.Err] = true
	}
	for _, e := range r.Elems {
		redisErrors(e, into)
	}
}

// FuzzDecode runs every decoder on an arbitrary reply tree. None may
// panic; each gives a value or an error of the decoders' three kinds
// (ErrNil, ErrUnexpectedReply, a *ports.RedisError the reply carried); a
// top-level error reply is returned as it is and a top-level nil is ErrNil
// unless the decoder reads nil as a value. The scalar decoders and Any are
// held to their documented values exactly.
func FuzzDecode(f *testing.F) {
	for _, c := range liftCases {
		f.Add(treeBytes(c.resp2))
		f.Add(treeBytes(c.resp3))
	}
	for _, r := range []ports.Reply{
		nul, b("OK"), st("OK"), b("9223372036854775807"), b("9223372036854775808"), dbl(math.NaN()),
		dbl(9.223372036854775807e18), i64(10_000_000_000), i64(math.MaxInt64), i64(-2),
		ports.ErrorReply(ports.NewRedisError("WRONGTYPE Operation against a key holding the wrong kind of value")),
		arr(b("0"), arr(b("k1"), nul)), arr(b("-1"), arr()), arr(b("18446744073709551616"), arr()),
		arr(b("k"), b("m"), ports.ErrorReply(ports.NewRedisError("ERR nested"))),
		arr(arr(b("f"), b("v")), arr(b("f2"))), mp(b("f"), b("v"), b("odd")),
		ports.BigNumberReply("123456789012345678901234567890"), ports.BigNumberReply("1e3"),
	} {
		f.Add(treeBytes(r))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := replyFromBytes(data)
		carried := map[*ports.RedisError]bool{}
		redisErrors(r, carried)
		for _, d := range decoderCases {
			v, err := d.fn(r)
			if err != nil {
				var re *ports.RedisError
				switch {
				case errors.As(err, &re):
					if !carried[re] {
						t.Fatalf("%s(%s) = Redis error %q, which the reply does not carry", d.name, r, re)
					}
				case !errors.Is(err, ErrNil) && !errors.Is(err, ErrUnexpectedReply):
					t.Fatalf("%s(%s) error %v is neither ErrNil, ErrUnexpectedReply nor a Redis error", d.name, r, err)
				}
			}
			switch r.Kind {
			case ports.KindError:
				if err != error(r.Err) {
					t.Fatalf("%s(error reply %s) = %v, %v; want the reply's own error", d.name, r, v, err)
				}
			case ports.KindNil:
				if !d.nilValue && err != ErrNil {
					t.Fatalf("%s(nil) = %v, %v; want ErrNil", d.name, v, err)
				}
			}
			if err == nil && d.aggregate && isNilAggregate(v) {
				t.Fatalf("%s(%s) = a nil %T without an error", d.name, r, v)
			}
		}
		checkScalarDecoders(t, r)
		if v, err := Any(r); err == nil {
			checkAnyValue(t, r, v)
		}
		if d, err := Duration(time.Second)(r); err == nil {
			n, _ := Int64(r)
			if n != -1 && n != -2 && (d%time.Second != 0 || int64(d/time.Second) != n) {
				t.Fatalf("Duration(s)(%s) = %d ns, which is not %d seconds", r, int64(d), n)
			}
		}
	})
}

func isNilAggregate(v any) bool {
	switch v := v.(type) {
	case []string:
		return v == nil
	case []int64:
		return v == nil
	case []bool:
		return v == nil
	case []float64:
		return v == nil
	case []any:
		return v == nil
	case []KeyValue:
		return v == nil
	case []Z:
		return v == nil
	case map[string]string:
		return v == nil
	case map[string]struct{}:
		return v == nil
	}
	panic(fmt.Sprintf("isNilAggregate: %T is not one of the decoders' aggregates", v))
}

func textKind(k ports.Kind) bool {
	return k == ports.KindBulk || k == ports.KindStatus || k == ports.KindBigNumber
}

// checkScalarDecoders holds String, Int64, Float64, Bool and OK to the
// values their documentation gives for each kind of reply.
func checkScalarDecoders(t *testing.T, r ports.Reply) {
	t.Helper()
	s, err := String(r)
	switch {
	case textKind(r.Kind):
		if err != nil || s != r.Str {
			t.Fatalf("String(%s) = %q, %v; want the text itself", r, s, err)
		}
	case r.Kind == ports.KindInt:
		if back, perr := strconv.ParseInt(s, 10, 64); err != nil || perr != nil || back != r.Int {
			t.Fatalf("String(%s) = %q, %v; want the integer's decimal text", r, s, err)
		}
	case r.Kind == ports.KindDouble:
		back, perr := ParseFloat(s)
		if err != nil || perr != nil || !sameFloat(back, r.Float) {
			t.Fatalf("String(%s) = %q, %v; does not read back as the double", r, s, err)
		}
	default:
		if err == nil {
			t.Fatalf("String(%s) = %q; want an error", r, s)
		}
	}

	n, err := Int64(r)
	switch {
	case r.Kind == ports.KindInt || r.Kind == ports.KindBool:
		if err != nil || n != r.Int {
			t.Fatalf("Int64(%s) = %d, %v", r, n, err)
		}
	case textKind(r.Kind):
		want, perr := strconv.ParseInt(r.Str, 10, 64)
		if (perr == nil) != (err == nil) || err == nil && n != want {
			t.Fatalf("Int64(%s) = %d, %v; strconv.ParseInt gives %d, %v", r, n, err, want, perr)
		}
	case r.Kind == ports.KindDouble:
		exact := r.Float == math.Trunc(r.Float) && math.Abs(r.Float) < 1<<63
		if exact && (err != nil || float64(n) != r.Float) || !exact && err == nil {
			t.Fatalf("Int64(%s) = %d, %v", r, n, err)
		}
	default:
		if err == nil {
			t.Fatalf("Int64(%s) = %d; want an error", r, n)
		}
	}

	x, err := Float64(r)
	switch {
	case r.Kind == ports.KindDouble:
		if err != nil || !sameFloat(x, r.Float) {
			t.Fatalf("Float64(%s) = %v, %v", r, x, err)
		}
	case r.Kind == ports.KindInt:
		if err != nil || x != float64(r.Int) {
			t.Fatalf("Float64(%s) = %v, %v", r, x, err)
		}
	case textKind(r.Kind):
		want, perr := ParseFloat(r.Str)
		if (perr == nil) != (err == nil) || err == nil && !sameFloat(x, want) {
			t.Fatalf("Float64(%s) = %v, %v; ParseFloat gives %v, %v", r, x, err, want, perr)
		}
	default:
		if err == nil {
			t.Fatalf("Float64(%s) = %v; want an error", r, x)
		}
	}

	bv, err := Bool(r)
	switch r.Kind {
	case ports.KindInt, ports.KindBool:
		if err != nil || bv != (r.Int != 0) {
			t.Fatalf("Bool(%s) = %v, %v", r, bv, err)
		}
	case ports.KindNil:
		if err != nil || bv {
			t.Fatalf("Bool(nil) = %v, %v; want false", bv, err)
		}
	default:
		if err == nil {
			t.Fatalf("Bool(%s) = %v; want an error", r, bv)
		}
	}

	ok, err := OK(r)
	switch r.Kind {
	case ports.KindStatus, ports.KindBulk:
		if (r.Str == "OK") != (err == nil) || ok != (r.Str == "OK") {
			t.Fatalf("OK(%s) = %v, %v", r, ok, err)
		}
	case ports.KindInt, ports.KindBool, ports.KindNil:
		if err != nil || ok != (r.Int != 0) {
			t.Fatalf("OK(%s) = %v, %v", r, ok, err)
		}
	default:
		if err == nil {
			t.Fatalf("OK(%s) = %v; want an error", r, ok)
		}
	}
}

func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// checkAnyValue: Any's Go type for each kind, element for element.
func checkAnyValue(t *testing.T, r ports.Reply, v any) {
	t.Helper()
	bad := func() { t.Fatalf("Any gives %#v (%T) for %s", v, v, r) }
	switch r.Kind {
	case ports.KindNil:
		if v != nil {
			bad()
		}
	case ports.KindStatus, ports.KindBulk:
		if s, ok := v.(string); !ok || s != r.Str {
			bad()
		}
	case ports.KindInt:
		if n, ok := v.(int64); !ok || n != r.Int {
			bad()
		}
	case ports.KindDouble:
		if x, ok := v.(float64); !ok || !sameFloat(x, r.Float) {
			bad()
		}
	case ports.KindBool:
		if x, ok := v.(bool); !ok || x != (r.Int != 0) {
			bad()
		}
	case ports.KindBigNumber:
		n, isNumber := new(big.Int).SetString(r.Str, 10)
		switch x := v.(type) {
		case *big.Int:
			if !isNumber || n.Cmp(x) != 0 {
				bad()
			}
		case string:
			if isNumber || x != r.Str {
				bad()
			}
		default:
			bad()
		}
	case ports.KindError:
		if e, ok := v.(*ports.RedisError); !ok || e != r.Err {
			bad()
		}
	case ports.KindArray, ports.KindSet:
		es, ok := v.([]any)
		if !ok || len(es) != len(r.Elems) {
			bad()
		}
		for i, e := range r.Elems {
			checkAnyValue(t, e, es[i])
		}
	case ports.KindMap:
		m, ok := v.(map[string]any)
		if !ok {
			bad()
		}
		// The value kept for a key repeated in the reply is its last one.
		last := map[string]ports.Reply{}
		for i := 0; i+1 < len(r.Elems); i += 2 {
			k, err := String(r.Elems[i])
			if err != nil {
				k = r.Elems[i].String()
			}
			last[k] = r.Elems[i+1]
		}
		if len(last) != len(m) {
			bad()
		}
		for k, e := range last {
			checkAnyValue(t, e, m[k])
		}
	default:
		bad()
	}
}
