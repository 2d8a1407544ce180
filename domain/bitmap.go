package domain

import "github.com/redpipe-go/redpipe/ports"

// Int64sOrZero decodes BITFIELD's array of integers, a nil element (an
// INCRBY refused under OVERFLOW FAIL) as 0, as go-redis's IntSliceCmd
// does: the reply of one refused operation must not fail the others.
func Int64sOrZero(r ports.Reply) ([]int64, error) {
	return Slice(r, func(e ports.Reply) (int64, error) {
		if e.Kind == ports.KindNil {
			return 0, nil
		}
		return Int64(e)
	})
}
