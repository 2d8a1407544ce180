package domain

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
	"unsafe"
)

type jobSpec struct {
	Name string `json:"name"`
	Run  func() `json:"run"`
}

type jobSkipsRun struct {
	Name string `json:"name"`
	Run  func() `json:"-"` // encoding/json never sees it
}

// hook has its own JSON form, so what it holds is its business.
type hook struct{ Fn func() }

func (hook) MarshalJSON() ([]byte, error) { return []byte(`"hook"`), nil }

func TestStructMapRejectsEveryFieldKindItCannotRoundTrip(t *testing.T) {
	const skip = `; tag it redis:"-" to skip it`
	cases := []struct {
		t    reflect.Type
		want string
	}{
		{reflect.TypeFor[struct {
			C chan int `redis:"c"`
		}](), `.C (redis:"c"): a chan int cannot be stored, not even as JSON` + skip},
		{reflect.TypeFor[struct {
			F func() `redis:"f,json"`
		}](), `.F (redis:"f,json"): a func() cannot be stored, not even as JSON` + skip},
		{reflect.TypeFor[struct {
			Z complex128 `redis:"z"`
		}](), `.Z (redis:"z"): a complex128 cannot be stored, not even as JSON` + skip},
		{reflect.TypeFor[struct {
			P unsafe.Pointer `redis:"p,json"`
		}](), `.P (redis:"p,json"): a unsafe.Pointer cannot be stored, not even as JSON` + skip},
		{reflect.TypeFor[struct {
			J []jobSpec `redis:"j,json"`
		}](), `.J (redis:"j,json"): a []domain.jobSpec cannot be stored, not even as JSON: encoding/json cannot encode a func()` + skip},
		{reflect.TypeFor[struct {
			M map[[2]int]string `redis:"m,json"`
		}](), `.M (redis:"m,json"): a map[[2]int]string cannot be stored, not even as JSON: encoding/json cannot encode map keys of type [2]int` + skip},
		{reflect.TypeFor[struct {
			S fmt.Stringer `redis:"s,json"`
		}](), `.S (redis:"s,json"): a fmt.Stringer cannot be stored, not even as JSON: encoding/json cannot decode into the interface fmt.Stringer` + skip},
		{reflect.TypeFor[struct {
			A any `redis:"a"`
		}](), `.A (redis:"a"): a interface {} cannot be stored; tag it "a,json" to store it as JSON`},
		{reflect.TypeFor[struct {
			P *int `redis:"p"`
		}](), `.P (redis:"p"): a *int cannot be stored; tag it "p,json" to store it as JSON`},
		{reflect.TypeFor[struct {
			M map[string]int `redis:"m"`
		}](), `.M (redis:"m"): a map[string]int cannot be stored; tag it "m,json" to store it as JSON`},
		{reflect.TypeFor[struct {
			S []string `redis:"s"`
		}](), `.S (redis:"s"): a []string cannot be stored; tag it "s,json" to store it as JSON`},
		{reflect.TypeFor[struct {
			A [4]byte `redis:"a"`
		}](), `.A (redis:"a"): a [4]uint8 cannot be stored; tag it "a,json" to store it as JSON`},
		{reflect.TypeFor[struct {
			U uintptr `redis:"u"`
		}](), `.U (redis:"u"): a uintptr cannot be stored; tag it "u,json" to store it as JSON`},
	}
	for _, c := range cases {
		want := "redpipe: invalid value: " + c.t.String() + c.want
		m, err := MapStruct(c.t)
		if m != nil || !errors.Is(err, ErrInvalidValue) || err.Error() != want {
			t.Errorf("got %v, %v;\nwant the error %s", m, err, want)
		}
	}
	// What encoding/json never reaches, or a type that encodes itself, is fine.
	for _, ok := range []reflect.Type{
		reflect.TypeFor[struct {
			J jobSkipsRun `redis:"j,json"`
		}](),
		reflect.TypeFor[struct {
			H hook `redis:"h,json"`
		}](),
		reflect.TypeFor[struct {
			T map[time.Time]int `redis:"t,json"` // a TextMarshaler key
		}](),
	} {
		if _, err := MapStruct(ok); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
}

type doc struct {
	Meta  any            `redis:"meta,json"`
	Extra map[string]any `redis:"extra,json"`
	Items []struct {
		V any `json:"v"`
	} `redis:"items,json"`
	Addr address `redis:"addr,json"`
}

func TestStructMapJSONInterfacesTakeOnlyWhatLoadsBackAsItself(t *testing.T) {
	m := structMapOf[doc](t)
	for _, f := range m.Fields {
		if got, want := f.codec.(jsonField).ifaces, f.Name != "addr"; got != want {
			t.Errorf("%s: walks interfaces %v, want %v", f.Name, got, want)
		}
	}
	good := doc{
		Meta:  map[string]any{"a": []any{"x", 1.5, true, nil, map[string]any{}}},
		Extra: map[string]any{"n": -0.25, "s": "", "none": nil},
		Items: []struct {
			V any `json:"v"`
		}{{V: "one"}, {V: nil}},
	}
	hash, _ := encodeMap(t, m, good)
	want := map[string]string{
		"meta": `{"a":["x",1.5,true,null,{}]}`, "extra": `{"n":-0.25,"none":null,"s":""}`,
		"items": `[{"v":"one"},{"v":null}]`, "addr": `{"city":"","tags":null}`,
	}
	if !reflect.DeepEqual(hash, want) {
		t.Fatalf("encoded %q, want %q", hash, want)
	}
	var out doc
	if err := m.Decode(hash, reflect.ValueOf(&out).Elem()); err != nil || !reflect.DeepEqual(out, good) {
		t.Fatalf("decoded %+v, %v; want %+v", out, err, good)
	}

	const why = ", which would not load back as one (encoding/json decodes into an interface only string, float64, bool, nil, " +
		"[]interface {} and map[string]interface {}); hold one of those, or use a concrete type"
	bad := []struct {
		v    doc
		want string
	}{
		{doc{Meta: 1}, `field "meta": redpipe: invalid value: JSON codec: an interface holds a int` + why},
		{doc{Meta: []any(nil)}, `field "meta": redpipe: invalid value: JSON codec: an interface holds a nil []interface {}` + why},
		{doc{Meta: time.Time{}}, `field "meta": redpipe: invalid value: JSON codec: an interface holds a time.Time` + why},
		{doc{Extra: map[string]any{"b": int8(2), "a": 1}}, `field "extra": redpipe: invalid value: JSON codec: an interface holds a int` + why},
		{doc{Items: []struct {
			V any `json:"v"`
		}{{V: "ok"}, {V: []string{"x"}}}}, `field "items": redpipe: invalid value: JSON codec: an interface holds a []string` + why},
	}
	for _, b := range bad {
		_, _, err := m.Encode(reflect.ValueOf(b.v))
		if !errors.Is(err, ErrInvalidValue) || err.Error() != b.want {
			t.Errorf("%+v: got %v;\nwant %s", b.v, err, b.want)
		}
	}

	if s, err := m.EncodeValue("meta", "x"); err != nil || s != `"x"` {
		t.Errorf(`meta = "x": %q, %v`, s, err)
	}
	if _, err := m.EncodeValue("meta", uint(3)); err == nil || err.Error() != `field "meta": redpipe: invalid value: JSON codec: an interface holds a uint`+why {
		t.Errorf("meta = uint(3): %v", err)
	}
}
