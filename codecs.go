package redpipe

import "github.com/redpipe-go/redpipe/domain"

// Codec turns Go values of type T into the strings Redis stores, and back.
// Encode rejects what it cannot represent exactly with ErrInvalidValue (at
// queue time: the command is never sent); Decode rejects a stored string
// that is not a valid T.
type Codec[T any] = domain.Codec[T]

// FieldCodec is a codec without its Go type, for hashes and records whose
// fields have different types. Every standard codec is one; AnyCodec makes
// one from a Codec of your own.
type FieldCodec = domain.FieldCodec

// The standard codecs.
type (
	IntCodec         = domain.IntCodec
	FloatCodec       = domain.FloatCodec
	TextCodec        = domain.TextCodec
	ASCIICodec       = domain.ASCIICodec
	BytesCodec       = domain.BytesCodec
	BoolCodec        = domain.BoolCodec
	StringListCodec  = domain.StringListCodec
	JSONCodec[T any] = domain.JSONCodec[T]
)

var (
	// Int: int64 as decimal text, exact over the whole int64 range.
	Int IntCodec
	// Float: float64 as its shortest round-trip text; ±Inf as "inf"/"-inf".
	Float FloatCodec
	// Text: valid UTF-8 strings only.
	Text TextCodec
	// ASCII: printable ASCII strings only.
	ASCII ASCIICodec
	// Bytes: raw bytes.
	Bytes BytesCodec
	// Bool: "1"/"0"; decodes "0", "" and "false" as false.
	Bool BoolCodec
	// StringList: a []string comma-joined; an element with a comma is rejected.
	StringList StringListCodec
)

// JSON stores a T as JSON text: lists, maps and nested structs.
func JSON[T any]() JSONCodec[T] { return JSONCodec[T]{} }

// AnyCodec makes a FieldCodec of a Codec of your own.
func AnyCodec[T any](c Codec[T]) FieldCodec { return domain.Erase(c) }

// Fields declares the codec of each field of a hash or record by name.
type Fields map[string]FieldCodec
