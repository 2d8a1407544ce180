package difftest

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// outcome is one call's value and error.
type outcome struct {
	v   any
	err error
}

// compare gives "" when got (redpipe) matches want (go-redis), else what
// differs.
func compare(want, got outcome, norm func(any) any) string {
	if want.err != nil || got.err != nil {
		return compareErr(want.err, got.err)
	}
	w, g := canon(want.v), canon(got.v)
	if norm != nil {
		w, g = norm(w), norm(g)
	}
	if !reflect.DeepEqual(w, g) {
		return fmt.Sprintf("value:\n  go-redis %#v\n  redpipe  %#v", w, g)
	}
	return ""
}

func compareErr(want, got error) string {
	switch {
	case errors.Is(want, redis.Nil):
		if !errors.Is(got, redpipe.ErrNil) {
			return fmt.Sprintf("go-redis redis.Nil, redpipe %v", got)
		}
		return ""
	case want == nil:
		return fmt.Sprintf("go-redis no error, redpipe %v", got)
	case got == nil:
		return fmt.Sprintf("go-redis error %q, redpipe none", want)
	}
	var re redis.Error
	if errors.As(want, &re) && want.Error() != got.Error() {
		return fmt.Sprintf("error text:\n  go-redis %q\n  redpipe  %q", want, got)
	}
	return ""
}

// canon maps a value onto strings, int64, float64 (NaN as "NaN"), bool,
// []any, map[string]any and nil: byte slices are strings, durations their
// nanoseconds, times their Unix nanoseconds, structs maps of their
// exported fields by name, pointers what they point at, an empty slice the
// same as a nil one.
func canon(v any) any {
	if v == nil {
		return nil
	}
	switch x := v.(type) {
	case time.Duration:
		return int64(x)
	case time.Time:
		if x.IsZero() {
			return int64(0)
		}
		return x.UnixNano()
	case []byte:
		return string(x)
	case error:
		return x.Error()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return strconv.FormatUint(u, 10)
		}
		return int64(u)
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if math.IsNaN(f) {
			return "NaN"
		}
		return f
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
		return canon(rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = canon(rv.Index(i).Interface())
		}
		return out
	case reflect.Map:
		out := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			out[fmt.Sprint(canon(iter.Key().Interface()))] = canon(iter.Value().Interface())
		}
		return out
	case reflect.Struct:
		out := map[string]any{}
		rt := rv.Type()
		for i := 0; i < rt.NumField(); i++ {
			if f := rt.Field(i); f.IsExported() {
				out[f.Name] = canon(rv.Field(i).Interface())
				if f.Name == "Values" {
					out[f.Name] = fieldsAsMap(out[f.Name])
				}
			}
		}
		return out
	}
	return fmt.Sprintf("%v", v)
}

// sorted is a norm for replies whose order Redis does not define (members
// of a hashtable-encoded set, say): it sorts a []any by its printed form.
func sorted(v any) any {
	s, ok := v.([]any)
	if !ok {
		return v
	}
	out := append([]any(nil), s...)
	sort.Slice(out, func(i, j int) bool { return fmt.Sprint(out[i]) < fmt.Sprint(out[j]) })
	return out
}

// fieldsAsMap meets a stream entry's fields halfway: redpipe keeps them in
// order as []KeyValue (several equal field names survive), go-redis gives a
// map[string]any. Either becomes a map; the state comparison (XRANGE on both
// servers) still checks the order.
func fieldsAsMap(v any) any {
	s, ok := v.([]any)
	if !ok {
		return v
	}
	m := make(map[string]any, len(s))
	for _, e := range s {
		kv, ok := e.(map[string]any)
		if !ok || len(kv) != 2 {
			return v
		}
		key, ok := kv["Key"].(string)
		if !ok {
			return v
		}
		m[key] = kv["Value"]
	}
	return m
}
