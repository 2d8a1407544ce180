package domain

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

func TestIntCodec(t *testing.T) {
	var c IntCodec
	for _, n := range []int64{0, -1, 42, math.MaxInt64, math.MinInt64 + 1, math.MinInt64} {
		s, err := c.Encode(n)
		if err != nil {
			t.Fatalf("Encode(%d): %v", n, err)
		}
		back, err := c.Decode(s)
		if err != nil || back != n {
			t.Fatalf("Decode(%q) = %d, %v; want %d", s, back, err, n)
		}
	}
	if s, _ := c.Encode(math.MaxInt64); s != "9223372036854775807" {
		t.Fatalf("Encode(MaxInt64) = %q", s)
	}
	if s, _ := c.Encode(-math.MaxInt64); s != "-9223372036854775807" {
		t.Fatalf("Encode(-MaxInt64) = %q", s)
	}
	for _, bad := range []string{"9223372036854775808", "-9223372036854775809", "1.5", "", "12a", " 1"} {
		if _, err := c.Decode(bad); !errors.Is(err, ErrUnexpectedReply) {
			t.Errorf("Decode(%q) error = %v, want ErrUnexpectedReply", bad, err)
		}
	}
	if s, err := c.EncodeAny(uint8(7)); s != "7" || err != nil {
		t.Errorf("EncodeAny(uint8(7)) = %q, %v", s, err)
	}
	if _, err := c.EncodeAny(uint64(math.MaxInt64) + 1); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("EncodeAny(MaxInt64+1) error = %v", err)
	}
}

func TestFloatCodec(t *testing.T) {
	var c FloatCodec
	cases := map[float64]string{0.1: "0.1", 1: "1", -2.5: "-2.5", 1e21: "1e+21", math.Inf(1): "inf", math.Inf(-1): "-inf"}
	for f, want := range cases {
		s, err := c.Encode(f)
		if err != nil || s != want {
			t.Errorf("Encode(%v) = %q, %v; want %q", f, s, err, want)
		}
		back, err := c.Decode(s)
		if err != nil || back != f {
			t.Errorf("Decode(%q) = %v, %v; want %v", s, back, err, f)
		}
	}
	third := 1.0 / 3
	s, _ := c.Encode(third)
	if back, _ := c.Decode(s); back != third || s != "0.3333333333333333" {
		t.Errorf("1/3 encodes as %q and reads back as %v", s, back)
	}
	if _, err := c.Encode(math.NaN()); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("Encode(NaN) error = %v", err)
	}
	for _, bad := range []string{"nan", "abc", ""} {
		if _, err := c.Decode(bad); !errors.Is(err, ErrUnexpectedReply) {
			t.Errorf("Decode(%q) error = %v", bad, err)
		}
	}
	if s, err := c.EncodeAny(float32(0.5)); s != "0.5" || err != nil {
		t.Errorf("EncodeAny(float32(0.5)) = %q, %v", s, err)
	}
}

func TestTextAndASCIICodecs(t *testing.T) {
	if s, err := (TextCodec{}).Encode("héllo ✓"); s != "héllo ✓" || err != nil {
		t.Errorf("Text.Encode = %q, %v", s, err)
	}
	if _, err := (TextCodec{}).Encode("a\xffb"); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("Text.Encode(invalid UTF-8) error = %v", err)
	}
	if _, err := (TextCodec{}).Decode("a\xffb"); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("Text.Decode(invalid UTF-8) error = %v", err)
	}
	if s, err := (ASCIICodec{}).Encode("hello world ~"); s != "hello world ~" || err != nil {
		t.Errorf("ASCII.Encode = %q, %v", s, err)
	}
	for _, bad := range []string{"tab\there", "new\nline", "é", "\x00", "\x7f"} {
		if _, err := (ASCIICodec{}).Encode(bad); !errors.Is(err, ErrInvalidValue) {
			t.Errorf("ASCII.Encode(%q) error = %v", bad, err)
		}
		if _, err := (ASCIICodec{}).Decode(bad); !errors.Is(err, ErrUnexpectedReply) {
			t.Errorf("ASCII.Decode(%q) error = %v", bad, err)
		}
	}
	type name string
	if s, err := (TextCodec{}).EncodeAny(name("bob")); s != "bob" || err != nil {
		t.Errorf("Text.EncodeAny(named string) = %q, %v", s, err)
	}
}

func TestBytesCodec(t *testing.T) {
	raw := "\x00\r\n\xff"
	s, err := (BytesCodec{}).Encode([]byte(raw))
	if s != raw || err != nil {
		t.Fatalf("Encode = %q, %v", s, err)
	}
	if b, _ := (BytesCodec{}).Decode(raw); string(b) != raw {
		t.Fatalf("Decode = %q", b)
	}
}

func TestBoolCodec(t *testing.T) {
	var c BoolCodec
	if s, _ := c.Encode(true); s != "1" {
		t.Errorf("Encode(true) = %q", s)
	}
	if s, _ := c.Encode(false); s != "0" {
		t.Errorf("Encode(false) = %q", s)
	}
	for in, want := range map[string]bool{"0": false, "": false, "false": false, "1": true, "true": true} {
		got, err := c.Decode(in)
		if err != nil || got != want {
			t.Errorf("Decode(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"2", "yes", "TRUE", " 1", "-1"} {
		if _, err := c.Decode(bad); !errors.Is(err, ErrUnexpectedReply) {
			t.Errorf("Decode(%q) error = %v", bad, err)
		}
	}
}

func TestJSONCodec(t *testing.T) {
	type point struct {
		X, Y int
		Tags []string `json:"tags"`
	}
	roundTrip(t, JSONCodec[[]int]{}, []int{1, 2, 3}, "[1,2,3]")
	roundTrip(t, JSONCodec[map[string]int]{}, map[string]int{"b": 2, "a": 1}, `{"a":1,"b":2}`)
	roundTrip(t, JSONCodec[point]{}, point{X: 1, Y: -2, Tags: []string{"x"}}, `{"X":1,"Y":-2,"tags":["x"]}`)
	if _, err := (JSONCodec[func()]{}).Encode(func() {}); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("Encode(func) error = %v", err)
	}
	if _, err := (JSONCodec[[]int]{}).Decode(`{"a":1}`); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("Decode(object into list) error = %v", err)
	}
}

func TestStringListCodec(t *testing.T) {
	var c StringListCodec
	roundTrip(t, c, []string{"a", "b c", ""}, "a,b c,")
	roundTrip(t, c, []string{}, "")
	if _, err := c.Encode([]string{"a,b"}); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("Encode(comma) error = %v", err)
	}
	if _, err := c.Encode([]string{""}); !errors.Is(err, ErrInvalidValue) {
		t.Errorf(`Encode([""]) error = %v`, err)
	}
}

func roundTrip[T any](t *testing.T, c Codec[T], v T, want string) {
	t.Helper()
	s, err := c.Encode(v)
	if err != nil || s != want {
		t.Fatalf("Encode(%v) = %q, %v; want %q", v, s, err, want)
	}
	back, err := c.Decode(s)
	if err != nil || !reflect.DeepEqual(back, v) {
		t.Fatalf("Decode(%q) = %#v, %v; want %#v", s, back, err, v)
	}
}

type upper struct{}

func (upper) Encode(v string) (string, error) { return v + "!", nil }
func (upper) Decode(s string) (string, error) { return s[:len(s)-1], nil }

func TestEncodeAnyRejectsWrongGoTypes(t *testing.T) {
	cases := []struct {
		codec FieldCodec
		v     any
	}{
		{IntCodec{}, "1"}, {IntCodec{}, 1.0}, {FloatCodec{}, 1}, {TextCodec{}, 1},
		{TextCodec{}, []byte("x")}, {ASCIICodec{}, true}, {BytesCodec{}, 1},
		{BoolCodec{}, 1}, {BoolCodec{}, "true"}, {JSONCodec[[]int]{}, []string{"a"}},
		{StringListCodec{}, "a,b"}, {Erase[string](upper{}), 1}, {IntCodec{}, nil},
	}
	for _, c := range cases {
		if _, err := c.codec.EncodeAny(c.v); !errors.Is(err, ErrInvalidValue) {
			t.Errorf("%T.EncodeAny(%#v) error = %v, want ErrInvalidValue", c.codec, c.v, err)
		}
	}
	s, err := Erase[string](upper{}).EncodeAny("hi")
	if s != "hi!" || err != nil {
		t.Errorf("erased EncodeAny = %q, %v", s, err)
	}
	if v, _ := Erase[string](upper{}).DecodeAny("hi!"); v != "hi" {
		t.Errorf("erased DecodeAny = %v", v)
	}
	if _, ok := Erase[int64](IntCodec{}).(IntCodec); !ok {
		t.Errorf("Erase of a standard codec should return it as it is")
	}
}
