package domain

import (
	"fmt"
	"reflect"
	"strconv"
)

// AppendArg encodes v as one Redis argument and appends it to dst.
// Accepted: string, []byte, every int and uint width, float32/64 (shortest
// text that round-trips), bool (1/0), and named types of those kinds.
// Anything else (nil, pointers, structs, maps, slices, channels, funcs) is
// rejected with ErrInvalidValue, so a half-meant value never reaches the server.
func AppendArg(dst []string, v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		return append(dst, x), nil
	case []byte:
		return append(dst, string(x)), nil
	case int:
		return append(dst, strconv.FormatInt(int64(x), 10)), nil
	case int64:
		return append(dst, strconv.FormatInt(x, 10)), nil
	case int32:
		return append(dst, strconv.FormatInt(int64(x), 10)), nil
	case int16:
		return append(dst, strconv.FormatInt(int64(x), 10)), nil
	case int8:
		return append(dst, strconv.FormatInt(int64(x), 10)), nil
	case uint:
		return append(dst, strconv.FormatUint(uint64(x), 10)), nil
	case uint64:
		return append(dst, strconv.FormatUint(x, 10)), nil
	case uint32:
		return append(dst, strconv.FormatUint(uint64(x), 10)), nil
	case uint16:
		return append(dst, strconv.FormatUint(uint64(x), 10)), nil
	case uint8:
		return append(dst, strconv.FormatUint(uint64(x), 10)), nil
	case float64:
		return append(dst, FormatFloat(x)), nil
	case float32:
		return append(dst, strconv.FormatFloat(float64(x), 'g', -1, 32)), nil
	case bool:
		if x {
			return append(dst, "1"), nil
		}
		return append(dst, "0"), nil
	case nil:
		return dst, fmt.Errorf("%w: nil is not a Redis value", ErrInvalidValue)
	}
	return appendNamed(dst, v)
}

// appendNamed handles named types (type Level int) through their kind.
func appendNamed(dst []string, v any) ([]string, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return append(dst, rv.String()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return append(dst, strconv.FormatInt(rv.Int(), 10)), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return append(dst, strconv.FormatUint(rv.Uint(), 10)), nil
	case reflect.Float32:
		return append(dst, strconv.FormatFloat(rv.Float(), 'g', -1, 32)), nil
	case reflect.Float64:
		return append(dst, FormatFloat(rv.Float())), nil
	case reflect.Bool:
		if rv.Bool() {
			return append(dst, "1"), nil
		}
		return append(dst, "0"), nil
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return append(dst, string(rv.Bytes())), nil
		}
	}
	return dst, fmt.Errorf("%w: %T is not a Redis value (use a string, []byte, number or bool)", ErrInvalidValue, v)
}

// FormatFloat writes f the way Redis reads and writes doubles: the shortest
// text that round-trips, and inf / -inf for the infinities.
func FormatFloat(f float64) string {
	switch {
	case f > maxFloat:
		return "inf"
	case f < -maxFloat:
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

const maxFloat = 1.7976931348623157e308

// EncodeArgs encodes every value; the first rejected value gives the error.
func EncodeArgs(dst []string, vals ...any) ([]string, error) {
	for i, v := range vals {
		var err error
		if dst, err = AppendArg(dst, v); err != nil {
			return dst, fmt.Errorf("argument %d: %w", i+1, err)
		}
	}
	return dst, nil
}
