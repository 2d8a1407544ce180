package domain

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

type (
	argInt    int32
	argUint   uint8
	argFloat  float64
	argFloat2 float32
	argBool   bool
	argString string
	argBytes  []byte
)

// argReadsBack checks that s, the text AppendArg wrote for v, reads back
// as v exactly.
func argReadsBack(v any, s string) error {
	rv := reflect.ValueOf(v)
	switch {
	case rv.Kind() == reflect.String:
		if s != rv.String() {
			return fmt.Errorf("the string changed")
		}
	case rv.Kind() == reflect.Slice:
		if s != string(rv.Bytes()) {
			return fmt.Errorf("the bytes changed")
		}
	case rv.CanInt():
		n, err := strconv.ParseInt(s, 10, rv.Type().Bits())
		if err != nil || n != rv.Int() || strconv.FormatInt(n, 10) != s {
			return fmt.Errorf("not the integer's decimal text")
		}
	case rv.CanUint():
		n, err := strconv.ParseUint(s, 10, rv.Type().Bits())
		if err != nil || n != rv.Uint() || strconv.FormatUint(n, 10) != s {
			return fmt.Errorf("not the integer's decimal text")
		}
	case rv.Kind() == reflect.Float64:
		f, err := ParseFloat(s)
		if err != nil || !sameFloat(f, rv.Float()) {
			return fmt.Errorf("does not read back as the float64")
		}
		if math.IsInf(f, 0) && s != FormatFloat(f) {
			return fmt.Errorf("an infinity is not written inf or -inf")
		}
	case rv.Kind() == reflect.Float32:
		// The shortest text that reads back as the same float32.
		f, err := strconv.ParseFloat(s, 32)
		want := float32(rv.Float())
		if err != nil || !sameFloat(float64(float32(f)), float64(want)) {
			return fmt.Errorf("does not read back as the float32")
		}
		if shortest := strconv.FormatFloat(float64(want), 'g', -1, 32); len(s) > len(shortest) {
			return fmt.Errorf("longer than the shortest form %q", shortest)
		}
	case rv.Kind() == reflect.Bool:
		if want := map[bool]string{true: "1", false: "0"}[rv.Bool()]; s != want {
			return fmt.Errorf("want %q", want)
		}
	default:
		return fmt.Errorf("a %T was accepted", v)
	}
	return nil
}

// FuzzAppendArg encodes every kind of value AppendArg accepts, built from
// the inputs, and checks that each argument is exactly what the value says
// (integers round-trip through strconv, strings and bytes unchanged,
// floats through ParseFloat), that a rejected value is ErrInvalidValue and
// leaves dst alone, and that EncodeArgs is AppendArg value after value.
func FuzzAppendArg(f *testing.F) {
	f.Add("", []byte(nil), int64(0), uint64(0), 0.0, float32(0), false, uint8(0))
	f.Add("a\x00b\r\n\xff", []byte("bin\x00\xff"), int64(math.MinInt64), uint64(math.MaxUint64), math.Inf(1), float32(math.Inf(-1)), true, uint8(1))
	f.Add("x", []byte{}, int64(math.MaxInt64), uint64(1), math.NaN(), float32(0.1), true, uint8(2))
	f.Add("", []byte{}, int64(-1), uint64(0), math.Copysign(0, -1), float32(math.SmallestNonzeroFloat32), false, uint8(3))
	f.Add("long", []byte("b"), int64(1<<53+1), uint64(1<<63), 1e21, float32(1e21), true, uint8(4))
	f.Add("", []byte(""), int64(7), uint64(7), math.SmallestNonzeroFloat64, float32(math.MaxFloat32), false, uint8(5))
	f.Fuzz(func(t *testing.T, s string, bs []byte, n int64, u uint64, x float64, y float32, flag bool, pick uint8) {
		accepted := []any{
			s, bs, n, int(n), int8(n), int16(n), int32(n), u, uint(u), uint8(u), uint16(u), uint32(u), uintptr(u),
			x, y, flag, argInt(n), argUint(u), argFloat(x), argFloat2(y), argBool(flag), argString(s), argBytes(bs),
		}
		for _, v := range accepted {
			out, err := AppendArg([]string{"kept"}, v)
			if err != nil || len(out) != 2 || out[0] != "kept" {
				t.Fatalf("AppendArg(%T %v) = %q, %v", v, v, out, err)
			}
			if err := argReadsBack(v, out[1]); err != nil {
				t.Fatalf("AppendArg(%T %#v) = %q: %v", v, v, out[1], err)
			}
		}

		rejected := []any{nil, &s, struct{}{}, []int{int(n)}, map[string]string{s: s}, make(chan int), func() {},
			[]string{s}, [2]byte{}, complex(x, 0), []any{s}, errors.New(s)}
		bad := rejected[int(pick)%len(rejected)]
		out, err := AppendArg([]string{"kept"}, bad)
		if !errors.Is(err, ErrInvalidValue) || !slices.Equal(out, []string{"kept"}) {
			t.Fatalf("AppendArg(%T) = %q, %v; want dst unchanged and ErrInvalidValue", bad, out, err)
		}

		var want []string
		for _, v := range accepted {
			want, _ = AppendArg(want, v)
		}
		got, err := EncodeArgs([]string{"CMD"}, accepted...)
		if err != nil || !slices.Equal(got, append([]string{"CMD"}, want...)) {
			t.Fatalf("EncodeArgs = %q, %v; want CMD then %q", got, err, want)
		}
		at := int(pick) % (len(accepted) + 1)
		mixed := slices.Insert(slices.Clone(accepted), at, bad)
		_, err = EncodeArgs(nil, mixed...)
		if !errors.Is(err, ErrInvalidValue) || !strings.HasPrefix(err.Error(), fmt.Sprintf("argument %d: ", at+1)) {
			t.Fatalf("EncodeArgs with a %T at %d: %v; want ErrInvalidValue naming argument %d", bad, at, err, at+1)
		}
	})
}
