package domain

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
)

// StructMap is how a Go struct type maps onto one hash: every exported
// field tagged `redis:"name"` is the hash field name, encoded with the codec
// of its Go type; `redis:"name,json"` stores any value as JSON text. Untagged
// fields and `redis:"-"` are not stored. The fields of untagged embedded
// structs are promoted as encoding/json promotes them (structmap_fields.go
// has the rules).
type StructMap struct {
	Type   reflect.Type
	Fields []MappedField
	byName map[string]int
}

// MappedField is one stored field of a struct type.
type MappedField struct {
	Name  string // the hash field
	Index []int  // the index sequence, through embedded structs (reflect.Value.FieldByIndex)
	Type  reflect.Type
	codec reflectCodec
}

// reflectCodec is a codec working on reflect values, so that a field of any
// named type (an int8, a type Status string) keeps its exact Go type.
type reflectCodec interface {
	encode(v reflect.Value) (string, error)
	decode(s string, dst reflect.Value) error
}

var structMaps sync.Map // reflect.Type → mapped

type mapped struct {
	m   *StructMap
	err error
}

// MapStruct returns the mapping of struct type t, or an error (wrapping
// ErrInvalidValue) saying which field cannot be stored. Mappings are cached
// per type: reflection runs once.
func MapStruct(t reflect.Type) (*StructMap, error) {
	if v, ok := structMaps.Load(t); ok {
		mp := v.(mapped)
		return mp.m, mp.err
	}
	m, err := mapStruct(t)
	structMaps.Store(t, mapped{m, err})
	return m, err
}

// Field returns the mapping of the hash field name.
func (m *StructMap) Field(name string) (MappedField, bool) {
	i, ok := m.byName[name]
	if !ok {
		return MappedField{}, false
	}
	return m.Fields[i], true
}

// Names returns the hash field names in declaration order.
func (m *StructMap) Names() []string {
	out := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = f.Name
	}
	return out
}

// Encode returns field, value, field, value ... for every mapped field of
// v (a value of m.Type), zero values included, so a saved struct reads back
// exactly; and apart, unset, the fields that a nil embedded pointer holds,
// which have no value: removing them is what makes the nil load back.
func (m *StructMap) Encode(v reflect.Value) (set, unset []string, err error) {
	if v.Type() != m.Type {
		return nil, nil, fmt.Errorf("%w: got a %v, want a %v", ErrInvalidValue, v.Type(), m.Type)
	}
	set = make([]string, 0, 2*len(m.Fields))
	for _, f := range m.Fields {
		fv, ok := fieldOf(v, f.Index)
		if !ok {
			unset = append(unset, f.Name)
			continue
		}
		s, err := f.codec.encode(fv)
		if err != nil {
			return nil, nil, fmt.Errorf("field %q: %w", f.Name, err)
		}
		set = append(set, f.Name, s)
	}
	return set, unset, nil
}

// fieldOf is the field at index in v, or false when a nil embedded pointer
// on the way holds it (reflect's FieldByIndex would panic there).
func fieldOf(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// settableField is the field at index in dst, allocating the nil embedded
// pointers on the way: any one field present brings its struct into being.
func settableField(dst reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && dst.Kind() == reflect.Pointer {
			if dst.IsNil() {
				dst.Set(reflect.New(dst.Type().Elem()))
			}
			dst = dst.Elem()
		}
		dst = dst.Field(x)
	}
	return dst
}

// EncodeValue encodes v for the hash field name. v may be any Go value the
// field's type can hold exactly (an int for an int8 field when it fits, a
// string for a named string type); anything else is ErrInvalidValue.
func (m *StructMap) EncodeValue(name string, v any) (string, error) {
	f, ok := m.Field(name)
	if !ok {
		return "", fmt.Errorf("%w: %v has no field %q", ErrInvalidValue, m.Type, name)
	}
	rv, err := coerce(v, f.Type)
	if err != nil {
		return "", fmt.Errorf("field %q: %w", name, err)
	}
	s, err := f.codec.encode(rv)
	if err != nil {
		return "", fmt.Errorf("field %q: %w", name, err)
	}
	return s, nil
}

// Decode fills dst (an addressable value of m.Type) from a hash: every
// mapped field present is decoded, every other one is left zero, and an
// embedded pointer is allocated when any of its fields is present. A field
// that cannot be decoded stays zero and its error (wrapping
// ErrUnexpectedReply) is returned, joined with the others; the remaining
// fields are still filled.
func (m *StructMap) Decode(hash map[string]string, dst reflect.Value) error {
	var errs []error
	for _, f := range m.Fields {
		s, ok := hash[f.Name]
		if !ok {
			continue
		}
		fv := settableField(dst, f.Index)
		if err := f.codec.decode(s, fv); err != nil {
			fv.SetZero()
			errs = append(errs, fmt.Errorf("field %q: %w", f.Name, err))
		}
	}
	return errors.Join(errs...)
}

// coerce converts v to type t when t can hold it exactly.
func coerce(v any, t reflect.Type) (reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return reflect.Value{}, fmt.Errorf("%w: nil is not a %v", ErrInvalidValue, t)
	}
	if rv.Type() == t {
		return rv, nil
	}
	bad := fmt.Errorf("%w: got a %T, want a %v", ErrInvalidValue, v, t)
	out := reflect.New(t).Elem()
	switch k := t.Kind(); {
	case isInt(k) && isInt(rv.Kind()):
		if out.OverflowInt(rv.Int()) {
			return reflect.Value{}, fmt.Errorf("%w: %d overflows %v", ErrInvalidValue, rv.Int(), t)
		}
		out.SetInt(rv.Int())
	case isInt(k) && isUint(rv.Kind()):
		if rv.Uint() > math.MaxInt64 || out.OverflowInt(int64(rv.Uint())) {
			return reflect.Value{}, fmt.Errorf("%w: %d overflows %v", ErrInvalidValue, rv.Uint(), t)
		}
		out.SetInt(int64(rv.Uint()))
	case isUint(k) && isUint(rv.Kind()):
		if out.OverflowUint(rv.Uint()) {
			return reflect.Value{}, fmt.Errorf("%w: %d overflows %v", ErrInvalidValue, rv.Uint(), t)
		}
		out.SetUint(rv.Uint())
	case isUint(k) && isInt(rv.Kind()):
		if rv.Int() < 0 || out.OverflowUint(uint64(rv.Int())) {
			return reflect.Value{}, fmt.Errorf("%w: %d overflows %v", ErrInvalidValue, rv.Int(), t)
		}
		out.SetUint(uint64(rv.Int()))
	case isFloat(k) && isFloat(rv.Kind()):
		if float64(float32(rv.Float())) != rv.Float() && k == reflect.Float32 {
			return reflect.Value{}, fmt.Errorf("%w: %v is not exactly a float32", ErrInvalidValue, rv.Float())
		}
		out.SetFloat(rv.Float())
	case k == reflect.Interface && rv.Type().Implements(t):
		// Any value an interface field can hold; its codec says whether it loads back.
		out.Set(rv)
	case rv.Type().ConvertibleTo(t) && rv.Kind() == k && k != reflect.Struct:
		// A named type and its underlying type (string ↔ Status, []byte ↔ Blob).
		return rv.Convert(t), nil
	default:
		return reflect.Value{}, bad
	}
	return out, nil
}

func isInt(k reflect.Kind) bool  { return k >= reflect.Int && k <= reflect.Int64 }
func isUint(k reflect.Kind) bool { return k >= reflect.Uint && k <= reflect.Uint64 }
func isFloat(k reflect.Kind) bool {
	return k == reflect.Float32 || k == reflect.Float64
}
