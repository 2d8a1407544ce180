package redpipe

import (
	"strconv"

	"github.com/redpipe-go/redpipe/domain"
)

// Argument helpers shared by the typed command methods.

func itoa(n int64) string   { return strconv.FormatInt(n, 10) }
func utoa(n uint64) string  { return strconv.FormatUint(n, 10) }
func ftoa(f float64) string { return domain.FormatFloat(f) }

// appendValues encodes values the way go-redis reads a variadic value list:
// a lone []string or []any argument stands for its elements. Anything
// AppendArg rejects (nil, maps, structs, ...) fails the command at queue time.
func appendValues(b *domain.Builder, vs []any) *domain.Builder {
	if len(vs) == 1 {
		switch x := vs[0].(type) {
		case []string:
			return b.Str(x...)
		case []any:
			vs = x
		}
	}
	return b.Val(vs...)
}
