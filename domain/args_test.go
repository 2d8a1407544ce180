package domain

import (
	"errors"
	"math"
	"testing"
)

type level int
type label string

func TestAppendArg(t *testing.T) {
	cases := []struct {
		in   any
		want string
	}{
		{"", ""},
		{"a\x00b\r\n\xff", "a\x00b\r\n\xff"},
		{[]byte("bin\x00"), "bin\x00"},
		{int8(-8), "-8"}, {int16(-16), "-16"}, {int32(-32), "-32"}, {int64(math.MinInt64), "-9223372036854775808"}, {-1, "-1"},
		{uint8(8), "8"}, {uint16(16), "16"}, {uint32(32), "32"}, {uint64(math.MaxUint64), "18446744073709551615"}, {uint(7), "7"},
		{0.1, "0.1"}, {1.5, "1.5"}, {1e21, "1e+21"}, {float32(0.1), "0.1"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"},
		{true, "1"}, {false, "0"},
		{level(3), "3"}, {label("x"), "x"},
	}
	for _, c := range cases {
		got, err := AppendArg(nil, c.in)
		if err != nil || len(got) != 1 || got[0] != c.want {
			t.Errorf("AppendArg(%#v) = %q, %v; want [%q]", c.in, got, err, c.want)
		}
	}
}

func TestAppendArgRejects(t *testing.T) {
	ch := make(chan int)
	n := 1
	for _, v := range []any{nil, struct{}{}, map[string]string{}, ch, func() {}, &n, []int{1}} {
		got, err := AppendArg([]string{"kept"}, v)
		if !errors.Is(err, ErrInvalidValue) {
			t.Errorf("AppendArg(%T) error = %v, want ErrInvalidValue", v, err)
		}
		if len(got) != 1 || got[0] != "kept" {
			t.Errorf("AppendArg(%T) changed dst to %q", v, got)
		}
	}
}

// Shortest round-trip form: the text parses back to the same float.
func TestFormatFloatRoundTrips(t *testing.T) {
	for _, f := range []float64{0, -0.5, 1.0 / 3, math.MaxFloat64, math.SmallestNonzeroFloat64, 123456789.125} {
		back, err := ParseFloat(FormatFloat(f))
		if err != nil || back != f {
			t.Errorf("FormatFloat(%v) = %q parses back as %v, %v", f, FormatFloat(f), back, err)
		}
	}
}
