package domain

import (
	"errors"
	"reflect"
	"testing"
)

type Base struct {
	ID    string `redis:"id"`
	Note  string `redis:"note"` // shadowed by outer.Note
	Plain string // untagged: not stored, promoted or not
}

type Leaf struct {
	Leaf string `redis:"leaf"`
}

type PtrPart struct {
	*Leaf
	Nick string `redis:"nick"`
}

type inner struct {
	Deep int `redis:"deep"`
}

type Mid struct {
	inner     // an unexported type: its exported fields are promoted all the same
	Level int `redis:"level"`
}

type Skipped struct {
	Lost string `redis:"lost"`
}

type Grade string

type outer struct {
	Base
	*PtrPart
	Mid
	Grade   `redis:"status"` // tagged: one named field
	Skipped `redis:"-"`
	Note    string `redis:"note"`
}

func encodeMap(t *testing.T, m *StructMap, v any) (map[string]string, []string) {
	t.Helper()
	pairs, unset, err := m.Encode(reflect.ValueOf(v))
	if err != nil {
		t.Fatal(err)
	}
	hash := map[string]string{}
	for i := 0; i < len(pairs); i += 2 {
		hash[pairs[i]] = pairs[i+1]
	}
	return hash, unset
}

func TestStructMapPromotesEmbeddedFieldsInDeclarationOrder(t *testing.T) {
	m := structMapOf[outer](t)
	if got, want := m.Names(), []string{"id", "leaf", "nick", "deep", "level", "status", "note"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("names %q, want %q", got, want)
	}
	wantIndex := map[string][]int{"id": {0, 0}, "leaf": {1, 0, 0}, "nick": {1, 1}, "deep": {2, 0, 0}, "level": {2, 1}, "status": {3}, "note": {5}}
	for _, f := range m.Fields {
		if !reflect.DeepEqual(f.Index, wantIndex[f.Name]) {
			t.Errorf("%s: index %v, want %v", f.Name, f.Index, wantIndex[f.Name])
		}
	}
}

func TestStructMapRoundTripsEmbeddedStructsByValueAndPointer(t *testing.T) {
	m := structMapOf[outer](t)
	in := outer{
		Base:    Base{ID: "7", Note: "shadowed", Plain: "not stored"},
		PtrPart: &PtrPart{Leaf: &Leaf{Leaf: "l"}, Nick: "n"},
		Mid:     Mid{inner: inner{Deep: -3}, Level: 2},
		Grade:   "on",
		Skipped: Skipped{Lost: "x"},
		Note:    "outer",
	}
	hash, unset := encodeMap(t, m, in)
	want := map[string]string{"id": "7", "leaf": "l", "nick": "n", "deep": "-3", "level": "2", "status": "on", "note": "outer"}
	if !reflect.DeepEqual(hash, want) || unset != nil {
		t.Fatalf("encoded %q, unset %q; want %q and none", hash, unset, want)
	}
	var out outer
	if err := m.Decode(hash, reflect.ValueOf(&out).Elem()); err != nil {
		t.Fatal(err)
	}
	in.Base.Note, in.Base.Plain, in.Skipped = "", "", Skipped{}
	if !reflect.DeepEqual(out, in) {
		t.Fatalf("decoded %+v, want %+v", out, in)
	}
}

func TestStructMapNilEmbeddedPointerIsUnsetAndLoadsBackNil(t *testing.T) {
	m := structMapOf[outer](t)
	hash, unset := encodeMap(t, m, outer{Note: "n"})
	want := map[string]string{"id": "", "deep": "0", "level": "0", "status": "", "note": "n"}
	if !reflect.DeepEqual(hash, want) || !reflect.DeepEqual(unset, []string{"leaf", "nick"}) {
		t.Fatalf("encoded %q, unset %q; want %q, unset leaf and nick", hash, unset, want)
	}
	var out outer
	if err := m.Decode(hash, reflect.ValueOf(&out).Elem()); err != nil || out.PtrPart != nil || !reflect.DeepEqual(out, outer{Note: "n"}) {
		t.Fatalf("decoded %+v, %v; want a nil PtrPart", out, err)
	}

	hash, unset = encodeMap(t, m, outer{PtrPart: &PtrPart{Nick: "x"}})
	if hash["nick"] != "x" || !reflect.DeepEqual(unset, []string{"leaf"}) {
		t.Fatalf("encoded %q, unset %q; want nick x, unset leaf", hash, unset)
	}
}

func TestStructMapDecodeAllocatesEmbeddedPointersForAnyFieldPresent(t *testing.T) {
	m := structMapOf[outer](t)
	var out outer
	if err := m.Decode(map[string]string{"leaf": "deep down"}, reflect.ValueOf(&out).Elem()); err != nil {
		t.Fatal(err)
	}
	if want := (outer{PtrPart: &PtrPart{Leaf: &Leaf{Leaf: "deep down"}}}); !reflect.DeepEqual(out, want) {
		t.Fatalf("decoded %+v, want %+v", out, want)
	}

	out = outer{}
	err := m.Decode(map[string]string{"nick": "n", "level": "high"}, reflect.ValueOf(&out).Elem())
	if want := `field "level": redpipe: unexpected reply type: Int codec cannot decode "high": not a decimal integer`; !errors.Is(err, ErrUnexpectedReply) || err.Error() != want {
		t.Fatalf("error %v, want %s", err, want)
	}
	if want := (outer{PtrPart: &PtrPart{Nick: "n"}}); !reflect.DeepEqual(out, want) {
		t.Fatalf("decoded %+v, want %+v", out, want)
	}
}

type SideA struct {
	ID string `redis:"id"`
}

type SideB struct {
	ID string `redis:"id"`
}

type clash struct {
	SideA
	SideB
	Name string `redis:"name"`
}

type settled struct {
	SideA
	SideB
	ID string `redis:"id"`
}

type Via1 struct{ SideA }

type Via2 struct{ SideA }

type twice struct {
	Via1
	Via2
}

type onceDeeper struct {
	Via1
	SideA // depth one: wins over Via1.SideA.ID at depth two
}

type Node struct {
	*Node        // a cycle: its fields are the outer Node's own, already mapped
	Name  string `redis:"name"`
}

func TestStructMapSettlesNameConflictsTheEncodingJSONWay(t *testing.T) {
	if got := structMapOf[settled](t).Fields; len(got) != 1 || got[0].Name != "id" || !reflect.DeepEqual(got[0].Index, []int{2}) {
		t.Errorf("settled: %+v, want only the outer id", got)
	}
	if got := structMapOf[onceDeeper](t).Fields; len(got) != 1 || !reflect.DeepEqual(got[0].Index, []int{1, 0}) {
		t.Errorf("onceDeeper: %+v, want the id at depth one", got)
	}
	m := structMapOf[Node](t)
	hash, unset := encodeMap(t, m, Node{Node: &Node{Name: "inner"}, Name: "outer"})
	if !reflect.DeepEqual(hash, map[string]string{"name": "outer"}) || unset != nil || len(m.Fields) != 1 {
		t.Errorf("Node: %q, %q, %+v", hash, unset, m.Fields)
	}

	cases := map[string]struct {
		t    reflect.Type
		want string
	}{
		"same depth":                  {reflect.TypeFor[clash](), `domain.clash.SideA.ID (redis:"id") and domain.clash.SideB.ID (redis:"id")`},
		"one type twice at one depth": {reflect.TypeFor[twice](), `domain.twice.Via1.SideA.ID (redis:"id") and domain.twice.Via2.SideA.ID (redis:"id")`},
	}
	for name, c := range cases {
		want := "redpipe: invalid value: " + c.want + ` both map to hash field "id" at the same depth, so neither would win; rename one's tag, or tag one redis:"-"`
		m, err := MapStruct(c.t)
		if m != nil || !errors.Is(err, ErrInvalidValue) || err.Error() != want {
			t.Errorf("%s: got %v, %v; want the error %s", name, m, err, want)
		}
	}
}

type hidden struct {
	Secret string `redis:"secret"`
}

type notes struct {
	Plain string // nothing stored: an embedded pointer to it is harmless
}

type withHidden struct {
	*hidden
	Name string `redis:"name"`
}

type withHarmless struct {
	*notes
	*hidden
	Name   string `redis:"name"`
	Secret string `redis:"secret"` // shadows hidden.Secret: nothing of hidden is stored
}

type Privates struct {
	Name string `redis:"name"`
	x    int    `redis:"x"`
}

type withPrivates struct{ Privates }

type tagged struct {
	SideA `redis:"a,json"` // one JSON field, nothing promoted
	Stringer
	status // untagged and not a struct: not stored
}

type Stringer interface{ String() string }

func TestStructMapEmbeddedFieldsThatCannotBeSetAreRejected(t *testing.T) {
	_ = Privates{x: 1}
	cases := map[string]struct {
		t    reflect.Type
		want string
	}{
		"pointer to unexported": {reflect.TypeFor[withHidden](), `domain.withHidden.hidden is an embedded pointer to an unexported struct type, which Load could not allocate; export the type, embed it by value, or tag it redis:"-"`},
		"unexported promoted":   {reflect.TypeFor[withPrivates](), `domain.withPrivates.Privates.x (redis:"x") is unexported, so Load could not set it; export it, or remove its tag`},
		"only untagged":         {reflect.TypeFor[struct{ Base2 notes }](), `struct { Base2 domain.notes } has no field tagged redis:"name"`},
	}
	for name, c := range cases {
		m, err := MapStruct(c.t)
		if want := "redpipe: invalid value: " + c.want; m != nil || !errors.Is(err, ErrInvalidValue) || err.Error() != want {
			t.Errorf("%s: got %v, %v; want the error %s", name, m, err, want)
		}
	}
	if names := structMapOf[withHarmless](t).Names(); !reflect.DeepEqual(names, []string{"name", "secret"}) {
		t.Errorf("withHarmless: %q", names)
	}
	m := structMapOf[tagged](t)
	hash, _ := encodeMap(t, m, tagged{SideA: SideA{ID: "1"}, status: "s"})
	if !reflect.DeepEqual(hash, map[string]string{"a": `{"ID":"1"}`}) {
		t.Errorf("tagged: %q", hash)
	}
}
