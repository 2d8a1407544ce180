package domain

import (
	"fmt"

	"github.com/redpipe-go/redpipe/ports"
)

// Int64Map decodes PUBSUB NUMSUB / SHARDNUMSUB: channel, count, channel,
// count ... flat (what Redis 7.0 sends over both protocols), or a map, or
// [channel, count] pairs.
func Int64Map(r ports.Reply) (map[string]int64, error) {
	es, err := elems(r, "a map")
	if err != nil {
		return nil, err
	}
	if r.Kind == ports.KindArray && len(es) > 0 && es[0].Kind == ports.KindArray {
		es = flattenPairs(es)
	}
	if len(es)%2 != 0 {
		return nil, fmt.Errorf("%w: odd number of elements (%d) for a map", ErrUnexpectedReply, len(es))
	}
	m := make(map[string]int64, len(es)/2)
	for i := 0; i < len(es); i += 2 {
		k, err := String(es[i])
		if err != nil {
			return nil, err
		}
		if m[k], err = Int64(es[i+1]); err != nil {
			return nil, err
		}
	}
	return m, nil
}
