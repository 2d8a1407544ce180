package domain

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// StructMap is how a Go struct type maps onto one hash: every exported
// field tagged `redis:"name"` is the hash field name, encoded with the codec
// of its Go type; `redis:"name,json"` stores any value as JSON text. Untagged
// fields and `redis:"-"` are not stored.
type StructMap struct {
	Type   reflect.Type
	Fields []MappedField
	byName map[string]int
}

// MappedField is one stored field of a struct type.
type MappedField struct {
	Name  string // the hash field
	Index int    // the struct field's index
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

func mapStruct(t reflect.Type) (*StructMap, error) {
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%w: %v is not a struct type", ErrInvalidValue, t)
	}
	m := &StructMap{Type: t, byName: map[string]int{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("redis")
		if !ok || tag == "-" {
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		where := fmt.Sprintf("%v.%s (redis:%q)", t, sf.Name, tag)
		switch {
		case !sf.IsExported():
			return nil, fmt.Errorf("%w: %s is unexported and cannot be loaded", ErrInvalidValue, where)
		case name == "":
			return nil, fmt.Errorf("%w: %s has no field name", ErrInvalidValue, where)
		case opt != "" && opt != "json":
			return nil, fmt.Errorf("%w: %s: unknown option %q (want json)", ErrInvalidValue, where, opt)
		}
		if _, dup := m.byName[name]; dup {
			return nil, fmt.Errorf("%w: %s: field name %q used twice", ErrInvalidValue, where, name)
		}
		c := codecFor(sf.Type, opt == "json")
		if c == nil {
			return nil, fmt.Errorf("%w: %s: a %v cannot be stored; tag it %q to store it as JSON", ErrInvalidValue, where, sf.Type, name+",json")
		}
		m.byName[name] = len(m.Fields)
		m.Fields = append(m.Fields, MappedField{Name: name, Index: i, Type: sf.Type, codec: c})
	}
	if len(m.Fields) == 0 {
		return nil, fmt.Errorf(`%w: %v has no field tagged redis:"name"`, ErrInvalidValue, t)
	}
	return m, nil
}

var timeType = reflect.TypeFor[time.Time]()

func codecFor(t reflect.Type, asJSON bool) reflectCodec {
	if asJSON {
		return jsonField{}
	}
	if t == timeType {
		return timeField{}
	}
	switch t.Kind() {
	case reflect.String:
		return textField{}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return bytesField{}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intField{}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return uintField{}
	case reflect.Float32, reflect.Float64:
		return floatField{}
	case reflect.Bool:
		return boolField{}
	}
	return nil
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
// exactly.
func (m *StructMap) Encode(v reflect.Value) ([]string, error) {
	if v.Type() != m.Type {
		return nil, fmt.Errorf("%w: got a %v, want a %v", ErrInvalidValue, v.Type(), m.Type)
	}
	out := make([]string, 0, 2*len(m.Fields))
	for _, f := range m.Fields {
		s, err := f.codec.encode(v.Field(f.Index))
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", f.Name, err)
		}
		out = append(out, f.Name, s)
	}
	return out, nil
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
// mapped field present is decoded, every other one is left zero. A field
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
		fv := dst.Field(f.Index)
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

type textField struct{}

func (textField) encode(v reflect.Value) (string, error) { return TextCodec{}.Encode(v.String()) }
func (textField) decode(s string, dst reflect.Value) error {
	t, err := TextCodec{}.Decode(s)
	dst.SetString(t)
	return err
}

// bytesField stores raw bytes; an empty value reads back as a nil slice,
// so the zero struct round-trips exactly.
type bytesField struct{}

func (bytesField) encode(v reflect.Value) (string, error) { return string(v.Bytes()), nil }
func (bytesField) decode(s string, dst reflect.Value) error {
	if s == "" {
		dst.SetZero()
		return nil
	}
	dst.SetBytes([]byte(s))
	return nil
}

type intField struct{}

func (intField) encode(v reflect.Value) (string, error) { return IntCodec{}.Encode(v.Int()) }
func (intField) decode(s string, dst reflect.Value) error {
	n, err := IntCodec{}.Decode(s)
	if err != nil {
		return err
	}
	if dst.OverflowInt(n) {
		return undecodable("Int", s, "out of the "+dst.Type().String()+" range")
	}
	dst.SetInt(n)
	return nil
}

// uintField covers the whole uint64 range, which Int cannot.
type uintField struct{}

func (uintField) encode(v reflect.Value) (string, error) {
	return strconv.FormatUint(v.Uint(), 10), nil
}
func (uintField) decode(s string, dst reflect.Value) error {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || dst.OverflowUint(n) {
		return undecodable("Uint", s, "not a decimal in the "+dst.Type().String()+" range")
	}
	dst.SetUint(n)
	return nil
}

type floatField struct{}

func (floatField) encode(v reflect.Value) (string, error) { return FloatCodec{}.Encode(v.Float()) }
func (floatField) decode(s string, dst reflect.Value) error {
	f, err := FloatCodec{}.Decode(s)
	if err != nil {
		return err
	}
	if dst.OverflowFloat(f) {
		return undecodable("Float", s, "out of the "+dst.Type().String()+" range")
	}
	dst.SetFloat(f)
	return nil
}

type boolField struct{}

func (boolField) encode(v reflect.Value) (string, error) { return BoolCodec{}.Encode(v.Bool()) }
func (boolField) decode(s string, dst reflect.Value) error {
	b, err := BoolCodec{}.Decode(s)
	dst.SetBool(b)
	return err
}

// timeField stores RFC 3339 with nanoseconds: the instant and the offset
// survive; a location's name does not (a UTC time reads back as UTC).
type timeField struct{}

func (timeField) encode(v reflect.Value) (string, error) {
	t := v.Interface().(time.Time)
	if y := t.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("%w: time codec: year %d has no RFC 3339 form", ErrInvalidValue, y)
	}
	return t.Format(time.RFC3339Nano), nil
}

func (timeField) decode(s string, dst reflect.Value) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return undecodable("Time", s, "not RFC 3339")
	}
	dst.Set(reflect.ValueOf(t))
	return nil
}

type jsonField struct{}

func (jsonField) encode(v reflect.Value) (string, error) {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return "", fmt.Errorf("%w: JSON codec: %v", ErrInvalidValue, err)
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
