package domain

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
)

// jsonField stores a field as encoding/json encodes it. ifaces is set when
// the type holds an interface somewhere: only those values need the walk
// that checks they load back as the type saved.
type jsonField struct{ ifaces bool }

func newJSONField(t reflect.Type) jsonField {
	return jsonField{ifaces: jsonHasInterface(t, map[reflect.Type]bool{})}
}

func (c jsonField) encode(v reflect.Value) (string, error) {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return "", fmt.Errorf("%w: JSON codec: %v", ErrInvalidValue, err)
	}
	// After Marshal, which has already refused cyclic values the walk
	// would loop on.
	if c.ifaces {
		if held := jsonForeign(v); held != "" {
			return "", fmt.Errorf("%w: JSON codec: an interface holds %s, which would not load back as one "+
				"(encoding/json decodes into an interface only string, float64, bool, nil, []interface {} and "+
				"map[string]interface {}); hold one of those, or use a concrete type", ErrInvalidValue, held)
		}
	}
	return string(b), nil
}

func (jsonField) decode(s string, dst reflect.Value) error {
	v := reflect.New(dst.Type()) // a fresh value: Unmarshal would merge into a map
	if err := json.Unmarshal([]byte(s), v.Interface()); err != nil {
		return undecodable("JSON", s, err.Error())
	}
	dst.Set(v.Elem())
	return nil
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	anySliceType      = reflect.TypeFor[[]any]()
	anyMapType        = reflect.TypeFor[map[string]any]()
)

// marshalsItself reports whether t has its own JSON form, which then says
// what it keeps: nothing under it is checked.
func marshalsItself(t reflect.Type) bool {
	for _, m := range []reflect.Type{jsonMarshalerType, textMarshalerType} {
		if t.Implements(m) || (t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(m)) {
			return true
		}
	}
	return false
}

// jsonFields calls fn with every field of struct type t that encoding/json
// encodes, stopping at the first non-empty answer.
func jsonFields(t reflect.Type, fn func(i int, sf reflect.StructField) string) string {
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Tag.Get("json") == "-" || (!sf.IsExported() && (!sf.Anonymous || indirect(sf.Type).Kind() != reflect.Struct)) {
			continue
		}
		if why := fn(i, sf); why != "" {
			return why
		}
	}
	return ""
}

// indirect is t, or what t points to.
func indirect(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// jsonUnstorable says what in t encoding/json can never store ("encode a
// func()"), or "". Such a type used to fail every Save; it now fails the
// construction, where the type and field can be named.
func jsonUnstorable(t reflect.Type, seen map[reflect.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	if t.Kind() == reflect.Interface && t.NumMethod() > 0 {
		// Unmarshal has no concrete type to build for it.
		return "decode into the interface " + t.String()
	}
	if marshalsItself(t) {
		return ""
	}
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		return "encode a " + t.String()
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return jsonUnstorable(t.Elem(), seen)
	case reflect.Map:
		k := t.Key()
		if kk := k.Kind(); kk != reflect.String && !isInt(kk) && !isUint(kk) && kk != reflect.Uintptr && !k.Implements(textMarshalerType) {
			return "encode map keys of type " + k.String()
		}
		return jsonUnstorable(t.Elem(), seen)
	case reflect.Struct:
		return jsonFields(t, func(_ int, sf reflect.StructField) string { return jsonUnstorable(sf.Type, seen) })
	}
	return ""
}

// jsonHasInterface reports whether a value of t can hold an interface
// whose content encoding/json encodes.
func jsonHasInterface(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] || marshalsItself(t) {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return jsonHasInterface(t.Elem(), seen)
	case reflect.Struct:
		return jsonFields(t, func(_ int, sf reflect.StructField) string {
			if jsonHasInterface(sf.Type, seen) {
				return "yes"
			}
			return ""
		}) != ""
	}
	return false
}

// jsonForeign describes the first value under v held in an interface that
// encoding/json would decode as something else ("a int"), or "".
func jsonForeign(v reflect.Value) string {
	if v.Kind() != reflect.Interface && marshalsItself(v.Type()) {
		return ""
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return ""
		}
		e := v.Elem()
		switch e.Type() {
		case reflect.TypeFor[string](), reflect.TypeFor[float64](), reflect.TypeFor[bool]():
			return ""
		case anySliceType, anyMapType:
			if e.IsNil() {
				return "a nil " + e.Type().String() // it encodes as null, which decodes as a nil interface
			}
			return jsonForeign(e)
		}
		return "a " + e.Type().String()
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		return jsonForeign(v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return "" // base64 text, no interface inside
		}
		for i := range v.Len() {
			if held := jsonForeign(v.Index(i)); held != "" {
				return held
			}
		}
	case reflect.Map:
		// The smallest answer, so that the error does not change with the
		// map's iteration order.
		first := ""
		for it := v.MapRange(); it.Next(); {
			if held := jsonForeign(it.Value()); held != "" && (first == "" || held < first) {
				first = held
			}
		}
		return first
	case reflect.Struct:
		return jsonFields(v.Type(), func(i int, _ reflect.StructField) string { return jsonForeign(v.Field(i)) })
	}
	return ""
}
