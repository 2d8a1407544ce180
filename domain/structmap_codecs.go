package domain

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// The codecs of the field types a StructMap stores natively, working on
// reflect values so that a named type (type Status string) keeps its type.

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

var timeType = reflect.TypeFor[time.Time]()

// codecFor returns the native codec of t, or nil when t has none (and
// needs `,json` or cannot be stored at all).
func codecFor(t reflect.Type) reflectCodec {
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
