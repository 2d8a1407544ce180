package domain

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
)

type status string

type address struct {
	City string   `json:"city"`
	Tags []string `json:"tags"`
}

type everything struct {
	Name    string            `redis:"name"`
	Status  status            `redis:"status"`
	Blob    []byte            `redis:"blob"`
	I       int               `redis:"i"`
	I8      int8              `redis:"i8"`
	I64     int64             `redis:"i64"`
	U       uint              `redis:"u"`
	U16     uint16            `redis:"u16"`
	U64     uint64            `redis:"u64"`
	F32     float32           `redis:"f32"`
	F64     float64           `redis:"f64"`
	OK      bool              `redis:"ok"`
	At      time.Time         `redis:"at"`
	Addr    address           `redis:"addr,json"`
	Labels  map[string]int    `redis:"labels,json"`
	Skipped string            `redis:"-"`
	Plain   string            // untagged: not stored
	Ptr     *address          `redis:"ptr,json"`
	Extra   map[string]string `redis:"extra,json"`
}

func structMapOf[T any](t *testing.T) *StructMap {
	t.Helper()
	m, err := MapStruct(reflect.TypeFor[T]())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestStructMapRoundTripsEveryFieldType(t *testing.T) {
	m := structMapOf[everything](t)
	in := everything{
		Name: "Zoë", Status: "active", Blob: []byte{0, 255, 'a'},
		I: -1, I8: math.MinInt8, I64: math.MaxInt64, U: 7, U16: math.MaxUint16, U64: math.MaxUint64,
		F32: 0.1, F64: -1e300, OK: true,
		At:     time.Date(2024, 2, 29, 23, 59, 59, 123456789, time.UTC),
		Addr:   address{City: "Oslo", Tags: []string{"a", "b"}},
		Labels: map[string]int{"x": 1},
		Ptr:    &address{City: "Rome"},
	}
	pairs, unset, err := m.Encode(reflect.ValueOf(in))
	if err != nil || unset != nil {
		t.Fatal(unset, err)
	}
	hash := map[string]string{}
	for i := 0; i < len(pairs); i += 2 {
		hash[pairs[i]] = pairs[i+1]
	}
	want := map[string]string{
		"name": "Zoë", "status": "active", "blob": "\x00\xffa", "i": "-1", "i8": "-128",
		"i64": "9223372036854775807", "u": "7", "u16": "65535", "u64": "18446744073709551615",
		"f32": "0.10000000149011612", "f64": "-1e+300", "ok": "1", "at": "2024-02-29T23:59:59.123456789Z",
		"addr": `{"city":"Oslo","tags":["a","b"]}`, "labels": `{"x":1}`, "ptr": `{"city":"Rome","tags":null}`,
		"extra": "null",
	}
	if !reflect.DeepEqual(hash, want) {
		t.Fatalf("encoded\n%q\nwant\n%q", hash, want)
	}
	var out everything
	if err := m.Decode(hash, reflect.ValueOf(&out).Elem()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Fatalf("decoded\n%+v\nwant\n%+v", out, in)
	}
}

func TestStructMapZeroValueRoundTrips(t *testing.T) {
	m := structMapOf[everything](t)
	pairs, unset, err := m.Encode(reflect.ValueOf(everything{}))
	if err != nil || unset != nil {
		t.Fatal(unset, err)
	}
	hash := map[string]string{}
	for i := 0; i < len(pairs); i += 2 {
		hash[pairs[i]] = pairs[i+1]
	}
	var out everything
	if err := m.Decode(hash, reflect.ValueOf(&out).Elem()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, everything{}) {
		t.Fatalf("decoded %+v, want the zero value", out)
	}
}

func TestStructMapDecodeKeepsGoodFieldsAndReportsBadOnes(t *testing.T) {
	m := structMapOf[everything](t)
	var out everything
	err := m.Decode(map[string]string{"name": "ann", "i": "abc", "i8": "300", "u16": "-1", "ok": "maybe", "unknown": "x"}, reflect.ValueOf(&out).Elem())
	if !errors.Is(err, ErrUnexpectedReply) {
		t.Fatalf("error %v does not wrap ErrUnexpectedReply", err)
	}
	want := `field "i": redpipe: unexpected reply type: Int codec cannot decode "abc": not a decimal integer` + "\n" +
		`field "i8": redpipe: unexpected reply type: Int codec cannot decode "300": out of the int8 range` + "\n" +
		`field "u16": redpipe: unexpected reply type: Uint codec cannot decode "-1": not a decimal in the uint16 range` + "\n" +
		`field "ok": redpipe: unexpected reply type: Bool codec cannot decode "maybe": want "1", "0", "true", "false" or ""`
	if err.Error() != want {
		t.Fatalf("error\n%s\nwant\n%s", err, want)
	}
	if !reflect.DeepEqual(out, everything{Name: "ann"}) {
		t.Fatalf("decoded %+v, want only the name", out)
	}
}

func TestStructMapRejectsTypesItCannotStore(t *testing.T) {
	type unexported struct {
		a int `redis:"a"`
	}
	type nested struct {
		A address `redis:"a"`
	}
	type dup struct {
		A int `redis:"x"`
		B int `redis:"x"`
	}
	type option struct {
		A int `redis:"a,omitempty"`
	}
	type untagged struct{ A int }
	_ = unexported{a: 1} // only its type is mapped
	cases := map[string]struct {
		t    reflect.Type
		want string
	}{
		"not a struct": {reflect.TypeFor[int](), "redpipe: invalid value: int is not a struct type"},
		"pointer":      {reflect.TypeFor[*everything](), "redpipe: invalid value: *domain.everything is not a struct type"},
		"unexported":   {reflect.TypeFor[unexported](), `redpipe: invalid value: domain.unexported.a (redis:"a") is unexported, so Load could not set it; export it, or remove its tag`},
		"nested":       {reflect.TypeFor[nested](), `redpipe: invalid value: domain.nested.A (redis:"a"): a domain.address cannot be stored; tag it "a,json" to store it as JSON`},
		"dup":          {reflect.TypeFor[dup](), `redpipe: invalid value: domain.dup.A (redis:"x") and domain.dup.B (redis:"x") both map to hash field "x" at the same depth, so neither would win; rename one's tag, or tag one redis:"-"`},
		"option":       {reflect.TypeFor[option](), `redpipe: invalid value: domain.option.A (redis:"a,omitempty"): unknown option "omitempty" (want json)`},
		"untagged":     {reflect.TypeFor[untagged](), `redpipe: invalid value: domain.untagged has no field tagged redis:"name"`},
	}
	for name, c := range cases {
		m, err := MapStruct(c.t)
		if m != nil || !errors.Is(err, ErrInvalidValue) || err.Error() != c.want {
			t.Errorf("%s: got %v, %v; want the error %s", name, m, err, c.want)
		}
	}
}

func TestStructMapIsCachedPerType(t *testing.T) {
	first, second := structMapOf[everything](t), structMapOf[everything](t)
	if first != second {
		t.Fatal("the mapping was built twice")
	}
}

func TestStructMapEncodeValueCoercesOnlyWhatFitsExactly(t *testing.T) {
	m := structMapOf[everything](t)
	good := []struct {
		field string
		v     any
		want  string
	}{
		{"i8", 127, "127"}, {"i8", uint8(5), "5"}, {"u16", 65535, "65535"}, {"u64", uint64(math.MaxUint64), "18446744073709551615"},
		{"status", "x", "x"}, {"name", status("y"), "y"}, {"f32", 0.5, "0.5"}, {"f64", float32(0.25), "0.25"},
	}
	for _, g := range good {
		s, err := m.EncodeValue(g.field, g.v)
		if err != nil || s != g.want {
			t.Errorf("%s = %#v: got %q, %v; want %q", g.field, g.v, s, err, g.want)
		}
	}
	bad := []struct {
		field string
		v     any
		want  string
	}{
		{"i8", 128, `field "i8": redpipe: invalid value: 128 overflows int8`},
		{"u16", -1, `field "u16": redpipe: invalid value: -1 overflows uint16`},
		{"i", "12", `field "i": redpipe: invalid value: got a string, want a int`},
		{"ok", 1, `field "ok": redpipe: invalid value: got a int, want a bool`},
		{"f32", 0.1, `field "f32": redpipe: invalid value: 0.1 is not exactly a float32`},
		{"name", nil, `field "name": redpipe: invalid value: nil is not a string`},
		{"name", "\xff", `field "name": redpipe: invalid value: Text codec: "\xff" is not valid UTF-8`},
		{"blob", "raw", `field "blob": redpipe: invalid value: got a string, want a []uint8`},
		{"nope", 1, `redpipe: invalid value: domain.everything has no field "nope"`},
	}
	for _, b := range bad {
		s, err := m.EncodeValue(b.field, b.v)
		if !errors.Is(err, ErrInvalidValue) || err.Error() != b.want {
			t.Errorf("%s = %#v: got %q, %v; want the error %s", b.field, b.v, s, err, b.want)
		}
	}
}

func TestStructMapRejectsTimesWithoutRFC3339Form(t *testing.T) {
	m := structMapOf[everything](t)
	_, err := m.EncodeValue("at", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	if !errors.Is(err, ErrInvalidValue) || err.Error() != `field "at": redpipe: invalid value: time codec: year 10000 has no RFC 3339 form` {
		t.Fatalf("got %v", err)
	}
}
