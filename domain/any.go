package domain

import (
	"math/big"

	"github.com/redpipe-go/redpipe/ports"
)

func anyValue(r ports.Reply) any {
	switch r.Kind {
	case ports.KindStatus, ports.KindBulk:
		return r.Str
	case ports.KindInt:
		return r.Int
	case ports.KindDouble:
		return r.Float
	case ports.KindBool:
		return r.Int != 0
	case ports.KindBigNumber:
		if n, ok := new(big.Int).SetString(r.Str, 10); ok {
			return n
		}
		return r.Str
	case ports.KindError:
		return r.Err
	case ports.KindMap:
		m := make(map[string]any, len(r.Elems)/2)
		for i := 0; i+1 < len(r.Elems); i += 2 {
			k, err := String(r.Elems[i])
			if err != nil {
				k = r.Elems[i].String()
			}
			m[k] = anyValue(r.Elems[i+1])
		}
		return m
	case ports.KindArray, ports.KindSet:
		out := make([]any, len(r.Elems))
		for i, e := range r.Elems {
			out[i] = anyValue(e)
		}
		return out
	}
	return nil
}
