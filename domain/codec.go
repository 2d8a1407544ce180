package domain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Codec turns Go values of type T into the strings Redis stores, and back.
// Encode rejects a value it cannot represent exactly with an error wrapping
// ErrInvalidValue (the command is then never sent); Decode rejects a stored
// string that is not a valid T with an error wrapping ErrUnexpectedReply.
type Codec[T any] interface {
	Encode(v T) (string, error)
	Decode(s string) (T, error)
}

// FieldCodec is a codec seen without its Go type, for hashes and records
// whose fields have different types. EncodeAny rejects a value of the wrong
// Go type with ErrInvalidValue.
type FieldCodec interface {
	EncodeAny(v any) (string, error)
	DecodeAny(s string) (any, error)
}

func invalid(codec, format string, args ...any) error {
	return fmt.Errorf("%w: %s codec: %s", ErrInvalidValue, codec, fmt.Sprintf(format, args...))
}

func undecodable(codec string, s string, why string) error {
	return fmt.Errorf("%w: %s codec cannot decode %q: %s", ErrUnexpectedReply, codec, s, why)
}

func wrongType(codec string, v any, want string) error {
	return invalid(codec, "got a %T, want %s", v, want)
}

// IntCodec stores an int64 as its decimal text, exact over the whole range.
type IntCodec struct{}

func (IntCodec) Encode(v int64) (string, error) { return strconv.FormatInt(v, 10), nil }

func (IntCodec) Decode(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, undecodable("Int", s, "out of the int64 range")
		}
		return 0, undecodable("Int", s, "not a decimal integer")
	}
	return n, nil
}

// EncodeAny accepts every Go integer kind whose value fits an int64.
func (c IntCodec) EncodeAny(v any) (string, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return c.Encode(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() > math.MaxInt64 {
			return "", invalid("Int", "%d overflows int64", rv.Uint())
		}
		return c.Encode(int64(rv.Uint()))
	}
	return "", wrongType("Int", v, "an integer")
}

func (c IntCodec) DecodeAny(s string) (any, error) { return c.Decode(s) }

// FloatCodec stores a float64 as its shortest round-trip text; infinities
// are written "inf" and "-inf" as Redis writes them. NaN has no Redis form.
type FloatCodec struct{}

func (FloatCodec) Encode(v float64) (string, error) {
	if math.IsNaN(v) {
		return "", invalid("Float", "NaN cannot be stored")
	}
	return FormatFloat(v), nil
}

func (FloatCodec) Decode(s string) (float64, error) {
	f, err := ParseFloat(s)
	if err != nil || math.IsNaN(f) {
		return 0, undecodable("Float", s, "not a number")
	}
	return f, nil
}

// EncodeAny accepts float32 and float64 values.
func (c FloatCodec) EncodeAny(v any) (string, error) {
	rv := reflect.ValueOf(v)
	if k := rv.Kind(); k == reflect.Float32 || k == reflect.Float64 {
		return c.Encode(rv.Float())
	}
	return "", wrongType("Float", v, "a float")
}

func (c FloatCodec) DecodeAny(s string) (any, error) { return c.Decode(s) }

// TextCodec stores valid UTF-8 text only.
type TextCodec struct{}

func (TextCodec) Encode(v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", invalid("Text", "%q is not valid UTF-8", v)
	}
	return v, nil
}

func (TextCodec) Decode(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", undecodable("Text", s, "not valid UTF-8")
	}
	return s, nil
}

func (c TextCodec) EncodeAny(v any) (string, error) {
	if s, ok := stringValue(v); ok {
		return c.Encode(s)
	}
	return "", wrongType("Text", v, "a string")
}

func (c TextCodec) DecodeAny(s string) (any, error) { return c.Decode(s) }

// ASCIICodec stores printable ASCII (space to tilde) only.
type ASCIICodec struct{}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func (ASCIICodec) Encode(v string) (string, error) {
	if !printableASCII(v) {
		return "", invalid("ASCII", "%q is not printable ASCII", v)
	}
	return v, nil
}

func (ASCIICodec) Decode(s string) (string, error) {
	if !printableASCII(s) {
		return "", undecodable("ASCII", s, "not printable ASCII")
	}
	return s, nil
}

func (c ASCIICodec) EncodeAny(v any) (string, error) {
	if s, ok := stringValue(v); ok {
		return c.Encode(s)
	}
	return "", wrongType("ASCII", v, "a string")
}

func (c ASCIICodec) DecodeAny(s string) (any, error) { return c.Decode(s) }

// BytesCodec stores raw bytes as they are.
type BytesCodec struct{}

func (BytesCodec) Encode(v []byte) (string, error) { return string(v), nil }
func (BytesCodec) Decode(s string) ([]byte, error) { return []byte(s), nil }

// EncodeAny accepts []byte and string values.
func (c BytesCodec) EncodeAny(v any) (string, error) {
	switch v := v.(type) {
	case []byte:
		return string(v), nil
	case string:
		return v, nil
	}
	return "", wrongType("Bytes", v, "[]byte")
}

func (c BytesCodec) DecodeAny(s string) (any, error) { return c.Decode(s) }

// BoolCodec stores "1" or "0". It decodes "1" and "true" as true and "0",
// "" and "false" as false; anything else is an error, never a guess.
type BoolCodec struct{}

func (BoolCodec) Encode(v bool) (string, error) {
	if v {
		return "1", nil
	}
	return "0", nil
}

func (BoolCodec) Decode(s string) (bool, error) {
	switch s {
	case "1", "true":
		return true, nil
	case "0", "", "false":
		return false, nil
	}
	return false, undecodable("Bool", s, `want "1", "0", "true", "false" or ""`)
}

func (c BoolCodec) EncodeAny(v any) (string, error) {
	if b, ok := v.(bool); ok {
		return c.Encode(b)
	}
	return "", wrongType("Bool", v, "a bool")
}

func (c BoolCodec) DecodeAny(s string) (any, error) { return c.Decode(s) }

// JSONCodec stores a T as JSON text (lists, maps, nested structs).
type JSONCodec[T any] struct{}

func (JSONCodec[T]) Encode(v T) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", invalid("JSON", "%v", err)
	}
	if replacedInvalidUTF8(b) {
		return "", invalid("JSON", "a string in the %T is not valid UTF-8, which JSON cannot hold", v)
	}
	return string(b), nil
}

// replacedInvalidUTF8 reports whether json.Marshal's output holds the
// escape \ufffd, which is how it writes each byte of a string that is not
// valid UTF-8 (a real U+FFFD it writes as itself): such a value would read
// back changed. A backslash in the output always starts an escape, so
// skipping the escaped character keeps an escaped backslash followed by
// "ufffd" from counting.
func replacedInvalidUTF8(b []byte) bool {
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' {
			if bytes.HasPrefix(b[i+1:], []byte("ufffd")) {
				return true
			}
			i++
		}
	}
	return false
}

func (JSONCodec[T]) Decode(s string) (T, error) {
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		var zero T
		return zero, undecodable("JSON", s, err.Error())
	}
	return v, nil
}

func (c JSONCodec[T]) EncodeAny(v any) (string, error) {
	t, ok := v.(T)
	if !ok {
		return "", wrongType("JSON", v, fmt.Sprintf("a %T", *new(T)))
	}
	return c.Encode(t)
}

func (c JSONCodec[T]) DecodeAny(s string) (any, error) { return c.Decode(s) }

// StringListCodec stores a []string comma-joined. An element containing a
// comma is rejected rather than silently split on the way back, and so is
// the list [""], which would read back as the empty list.
type StringListCodec struct{}

func (StringListCodec) Encode(v []string) (string, error) {
	for _, e := range v {
		if strings.Contains(e, ",") {
			return "", invalid("StringList", "element %q contains a comma", e)
		}
	}
	if len(v) == 1 && v[0] == "" {
		return "", invalid("StringList", `[""] would read back as the empty list`)
	}
	return strings.Join(v, ","), nil
}

func (StringListCodec) Decode(s string) ([]string, error) {
	if s == "" {
		return []string{}, nil
	}
	return strings.Split(s, ","), nil
}

func (c StringListCodec) EncodeAny(v any) (string, error) {
	if l, ok := v.([]string); ok {
		return c.Encode(l)
	}
	return "", wrongType("StringList", v, "a []string")
}

func (c StringListCodec) DecodeAny(s string) (any, error) { return c.Decode(s) }

// Erase gives any Codec[T] the FieldCodec methods: EncodeAny accepts
// exactly a T.
func Erase[T any](c Codec[T]) FieldCodec {
	if fc, ok := c.(FieldCodec); ok {
		return fc
	}
	return erased[T]{c}
}

type erased[T any] struct{ c Codec[T] }

func (e erased[T]) EncodeAny(v any) (string, error) {
	t, ok := v.(T)
	if !ok {
		return "", invalid("custom", "got a %T, want a %T", v, *new(T))
	}
	return e.c.Encode(t)
}

func (e erased[T]) DecodeAny(s string) (any, error) { return e.c.Decode(s) }

// stringValue accepts a string or a named string kind.
func stringValue(v any) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}
