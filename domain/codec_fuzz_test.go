package domain

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Each codec target checks the Codec contract: decode(encode(v)) == v for
// every v the codec accepts, encode rejects what it cannot represent with
// an error wrapping ErrInvalidValue, and decode of any string gives a value
// or an error wrapping ErrUnexpectedReply, never a panic. Where a decoded
// value has a canonical text, encoding it back and decoding again gives the
// same value.

func wantInvalid(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, ErrInvalidValue) {
		t.Fatalf("%s: error %v, want ErrInvalidValue", what, err)
	}
}

func wantUndecodable(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, ErrUnexpectedReply) {
		t.Fatalf("%s: error %v, want ErrUnexpectedReply", what, err)
	}
}

type (
	fuzzInt    int16
	fuzzUint   uint32
	fuzzFloat  float32
	fuzzString string
)

func FuzzIntCodec(f *testing.F) {
	f.Add(int64(0), uint64(0), "0")
	f.Add(int64(math.MaxInt64), uint64(math.MaxInt64), "9223372036854775807")
	f.Add(int64(math.MinInt64), uint64(math.MaxInt64)+1, "-9223372036854775808")
	f.Add(int64(-1), uint64(math.MaxUint64), "9223372036854775808")
	f.Add(int64(42), uint64(7), "+42")
	f.Add(int64(7), uint64(1), "007")
	f.Add(int64(1), uint64(2), " 1")
	f.Add(int64(1), uint64(2), "1.0")
	f.Add(int64(1), uint64(2), "")
	f.Fuzz(func(t *testing.T, n int64, u uint64, s string) {
		var c IntCodec
		enc, err := c.Encode(n)
		if err != nil || enc != strconv.FormatInt(n, 10) {
			t.Fatalf("Encode(%d) = %q, %v", n, enc, err)
		}
		if back, err := c.Decode(enc); err != nil || back != n {
			t.Fatalf("Decode(Encode(%d)) = %d, %v", n, back, err)
		}
		for _, v := range []any{n, int(n), int8(n), int16(n), int32(n), u, uint8(u), uint16(u), uint(u), uintptr(u), fuzzInt(n), fuzzUint(u)} {
			want := reflect.ValueOf(v)
			enc, err := c.EncodeAny(v)
			if want.CanUint() && want.Uint() > math.MaxInt64 {
				wantInvalid(t, fmt.Sprintf("EncodeAny(%T %v)", v, v), err)
				continue
			}
			var back int64
			if err == nil {
				back, err = c.Decode(enc)
			}
			if want.CanInt() && (err != nil || back != want.Int()) || want.CanUint() && (err != nil || uint64(back) != want.Uint()) {
				t.Fatalf("EncodeAny(%T %v) = %q reads back as %d, %v", v, v, enc, back, err)
			}
		}
		if u <= math.MaxInt64 {
			if enc, err := c.EncodeAny(u); err != nil || enc != strconv.FormatUint(u, 10) {
				t.Fatalf("EncodeAny(uint64 %d) = %q, %v", u, enc, err)
			}
		}
		for _, v := range []any{s, float64(n), true, nil, []byte(s)} {
			_, err := c.EncodeAny(v)
			wantInvalid(t, "EncodeAny of a non-integer", err)
		}

		got, err := c.Decode(s)
		want, perr := strconv.ParseInt(s, 10, 64)
		if perr != nil {
			wantUndecodable(t, "Decode("+strconv.Quote(s)+")", err)
		} else if err != nil || got != want {
			t.Fatalf("Decode(%q) = %d, %v; want %d", s, got, err, want)
		}
		if a, err := c.DecodeAny(s); (err == nil) != (perr == nil) || err == nil && a != any(want) {
			t.Fatalf("DecodeAny(%q) = %v, %v", s, a, err)
		}
	})
}

func FuzzFloatCodec(f *testing.F) {
	f.Add(0.0, float32(0), "0")
	f.Add(math.Copysign(0, -1), float32(math.Copysign(0, -1)), "-0")
	f.Add(0.1, float32(0.1), "0.10000000000000001")
	f.Add(math.Inf(1), float32(math.Inf(-1)), "inf")
	f.Add(math.NaN(), float32(math.NaN()), "nan")
	f.Add(math.MaxFloat64, float32(math.MaxFloat32), "1e400")
	f.Add(math.SmallestNonzeroFloat64, float32(math.SmallestNonzeroFloat32), "0x1p-2")
	f.Add(1e21, float32(1e21), "-Inf")
	f.Add(1.0, float32(1), "Infinity")
	f.Add(1.0, float32(1), "1_000")
	f.Fuzz(func(t *testing.T, x float64, y float32, s string) {
		var c FloatCodec
		enc, err := c.Encode(x)
		if math.IsNaN(x) {
			wantInvalid(t, "Encode(NaN)", err)
		} else if err != nil {
			t.Fatalf("Encode(%v) = %v", x, err)
		} else if back, err := c.Decode(enc); err != nil || !sameFloat(back, x) {
			t.Fatalf("Decode(Encode(%v) = %q) = %v, %v", x, enc, back, err)
		}
		for _, v := range []any{x, y, fuzzFloat(y)} {
			want := reflect.ValueOf(v).Float()
			enc, err := c.EncodeAny(v)
			if math.IsNaN(want) {
				wantInvalid(t, "EncodeAny(NaN)", err)
				continue
			}
			back, err := c.Decode(enc)
			if err != nil || !sameFloat(back, want) {
				t.Fatalf("EncodeAny(%T %v) = %q reads back as %v, %v", v, v, enc, back, err)
			}
		}
		for _, v := range []any{int64(x), s, true, nil} {
			_, err := c.EncodeAny(v)
			wantInvalid(t, "EncodeAny of a non-float", err)
		}

		got, err := c.Decode(s)
		if err != nil {
			wantUndecodable(t, "Decode("+strconv.Quote(s)+")", err)
			return
		}
		if math.IsNaN(got) {
			t.Fatalf("Decode(%q) = NaN without an error", s)
		}
		enc, err = c.Encode(got)
		if err != nil {
			t.Fatalf("Encode(Decode(%q) = %v) = %v", s, got, err)
		}
		if again, err := c.Decode(enc); err != nil || !sameFloat(again, got) {
			t.Fatalf("%q decodes as %v, which encodes as %q and decodes as %v, %v", s, got, enc, again, err)
		}
	})
}

// FuzzTextCodecs covers the codecs whose stored form is the string itself
// (Text, ASCII, Bytes) and Bool, whose decode accepts a closed set.
func FuzzTextCodecs(f *testing.F) {
	f.Add("", []byte(nil), false)
	f.Add("héllo ✓", []byte("a\x00b"), true)
	f.Add("a\xffb", []byte("\xff\xfe"), false)
	f.Add("hello world ~", []byte{}, true)
	f.Add("tab\there", []byte("x"), false)
	f.Add("\x7f", []byte("\r\n"), true)
	f.Add("true", []byte("1"), true)
	f.Add("TRUE", []byte("0"), false)
	f.Add("\ufffd", []byte("false"), false)
	f.Fuzz(func(t *testing.T, s string, bs []byte, flag bool) {
		valid := utf8.ValidString(s)
		printable := true
		for _, r := range []byte(s) {
			if r < ' ' || r > '~' {
				printable = false
			}
		}
		for _, c := range []struct {
			name   string
			codec  Codec[string]
			accept bool
		}{{"Text", TextCodec{}, valid}, {"ASCII", ASCIICodec{}, printable}} {
			enc, err := c.codec.Encode(s)
			if !c.accept {
				wantInvalid(t, c.name+".Encode("+strconv.Quote(s)+")", err)
			} else if err != nil || enc != s {
				t.Fatalf("%s.Encode(%q) = %q, %v; want it unchanged", c.name, s, enc, err)
			}
			dec, err := c.codec.Decode(s)
			if !c.accept {
				wantUndecodable(t, c.name+".Decode("+strconv.Quote(s)+")", err)
			} else if err != nil || dec != s {
				t.Fatalf("%s.Decode(%q) = %q, %v; want it unchanged", c.name, s, dec, err)
			}
			fc := c.codec.(FieldCodec)
			enc, err = fc.EncodeAny(fuzzString(s))
			if c.accept && (err != nil || enc != s) || !c.accept && !errors.Is(err, ErrInvalidValue) {
				t.Fatalf("%s.EncodeAny(named string %q) = %q, %v", c.name, s, enc, err)
			}
			_, err = fc.EncodeAny(bs)
			wantInvalid(t, c.name+".EncodeAny([]byte)", err)
		}

		var raw BytesCodec
		if enc, err := raw.Encode(bs); err != nil || enc != string(bs) {
			t.Fatalf("Bytes.Encode(%q) = %q, %v", bs, enc, err)
		}
		if dec, err := raw.Decode(s); err != nil || string(dec) != s {
			t.Fatalf("Bytes.Decode(%q) = %q, %v", s, dec, err)
		}
		if dec, _ := raw.Decode(string(bs)); !bytes.Equal(dec, bs) {
			t.Fatalf("Bytes.Decode(Encode(%q)) = %q", bs, dec)
		}
		if enc, err := raw.EncodeAny(s); err != nil || enc != s {
			t.Fatalf("Bytes.EncodeAny(string %q) = %q, %v", s, enc, err)
		}

		var bc BoolCodec
		enc, err := bc.Encode(flag)
		if back, derr := bc.Decode(enc); err != nil || derr != nil || back != flag {
			t.Fatalf("Bool: %v encodes as %q, %v and reads back as %v, %v", flag, enc, err, back, derr)
		}
		got, err := bc.Decode(s)
		switch s {
		case "1", "true":
			if err != nil || !got {
				t.Fatalf("Bool.Decode(%q) = %v, %v; want true", s, got, err)
			}
		case "0", "", "false":
			if err != nil || got {
				t.Fatalf("Bool.Decode(%q) = %v, %v; want false", s, got, err)
			}
		default:
			wantUndecodable(t, "Bool.Decode("+strconv.Quote(s)+")", err)
		}
		_, err = bc.EncodeAny(s)
		wantInvalid(t, "Bool.EncodeAny(string)", err)
	})
}

// FuzzStringListCodec: list is split on NUL into the elements (empty
// selects the empty list instead of [""]).
func FuzzStringListCodec(f *testing.F) {
	f.Add("a\x00b c\x00", false)
	f.Add("", true)
	f.Add("", false)
	f.Add("a,b", false)
	f.Add(",", false)
	f.Add("\x00", false)
	f.Add("x\x00,\x00y", false)
	f.Fuzz(func(t *testing.T, list string, empty bool) {
		var c StringListCodec
		elems := strings.Split(list, "\x00")
		if empty {
			elems = []string{}
		}
		enc, err := c.Encode(elems)
		hasComma := strings.Contains(strings.Join(elems, ""), ",")
		switch {
		case hasComma || len(elems) == 1 && elems[0] == "":
			wantInvalid(t, "Encode("+strconv.Quote(list)+")", err)
		case err != nil:
			t.Fatalf("Encode(%q) = %v", elems, err)
		default:
			back, err := c.Decode(enc)
			if err != nil || !reflect.DeepEqual(back, elems) {
				t.Fatalf("Decode(Encode(%q) = %q) = %q, %v", elems, enc, back, err)
			}
		}

		// Every string is some list's encoding: decoding and encoding
		// again gives the string back.
		dec, err := c.Decode(list)
		if err != nil {
			t.Fatalf("Decode(%q) = %v", list, err)
		}
		if enc, err := c.Encode(dec); err != nil || enc != list {
			t.Fatalf("Encode(Decode(%q) = %q) = %q, %v", list, dec, enc, err)
		}
	})
}

type jsonRecord struct {
	Name   string             `json:"name"`
	Count  int64              `json:"count"`
	Score  float64            `json:"score"`
	Tags   []string           `json:"tags"`
	Fields map[string]string  `json:"fields"`
	Nested map[string][]int64 `json:"nested"`
}

// FuzzJSONCodec round-trips strings, lists, maps and a struct built from
// the inputs, and decodes raw as JSON into each type.
func FuzzJSONCodec(f *testing.F) {
	f.Add("plain", int64(1), 1.5, `{"name":"x","count":2,"tags":["a"]}`)
	f.Add("a\xffb", int64(-1), math.Inf(1), `"\ud800"`)
	f.Add("<&>\u2028\ufffd", int64(math.MaxInt64), math.NaN(), `[1,2,3]`)
	f.Add("", int64(math.MinInt64), math.Copysign(0, -1), `{"a":"b"}`)
	f.Add("\\ufffd", int64(0), 1e300, `null`)
	f.Add("x", int64(0), 0.0, `1e400`)
	f.Fuzz(func(t *testing.T, s string, n int64, x float64, raw string) {
		jsonRoundTrip(t, JSONCodec[string]{}, s, !utf8.ValidString(s))
		list := strings.Split(s, ",")
		jsonRoundTrip(t, JSONCodec[[]string]{}, list, !utf8.ValidString(s))
		jsonRoundTrip(t, JSONCodec[map[string]int64]{}, map[string]int64{s: n}, !utf8.ValidString(s))
		rec := jsonRecord{Name: s, Count: n, Score: x, Tags: list, Fields: map[string]string{"k": s, s: "v"}}
		jsonRoundTrip(t, JSONCodec[jsonRecord]{}, rec, !utf8.ValidString(s) || math.IsNaN(x) || math.IsInf(x, 0))
		jsonRoundTrip(t, JSONCodec[float64]{}, x, math.IsNaN(x) || math.IsInf(x, 0))

		jsonDecodes(t, JSONCodec[any]{}, raw)
		jsonDecodes(t, JSONCodec[string]{}, raw)
		jsonDecodes(t, JSONCodec[jsonRecord]{}, raw)
		jsonDecodes(t, JSONCodec[map[string]int64]{}, raw)
	})
}

func jsonRoundTrip[T any](t *testing.T, c JSONCodec[T], v T, reject bool) {
	t.Helper()
	enc, err := c.Encode(v)
	if reject {
		wantInvalid(t, fmt.Sprintf("JSON.Encode(%#v), which JSON cannot represent", v), err)
		return
	}
	if err != nil {
		t.Fatalf("JSON.Encode(%#v) = %v", v, err)
	}
	back, err := c.Decode(enc)
	if err != nil || !reflect.DeepEqual(back, v) {
		t.Fatalf("JSON: %#v encodes as %s and reads back as %#v, %v", v, enc, back, err)
	}
}

// jsonDecodes: a value decoded from any text encodes again and reads back
// as itself.
func jsonDecodes[T any](t *testing.T, c JSONCodec[T], raw string) {
	t.Helper()
	v, err := c.Decode(raw)
	if err != nil {
		wantUndecodable(t, "JSON.Decode", err)
		return
	}
	enc, err := c.Encode(v)
	if err != nil {
		t.Fatalf("JSON: %q decodes as %#v, which does not encode: %v", raw, v, err)
	}
	back, err := c.Decode(enc)
	if err != nil || !reflect.DeepEqual(back, v) {
		t.Fatalf("JSON: %q decodes as %#v, encodes as %s, reads back as %#v, %v", raw, v, enc, back, err)
	}
}
