package rueidis

import (
	"testing"

	"github.com/redis/rueidis"
)

// Where replies are serialised (a rueidis messageView cannot read), a
// batch's small aggregates share one arena: decoding an HGETALL map
// allocates less with the batch's buffers than alone.
func TestAggregatesShareTheBatchArena(t *testing.T) {
	var m rueidis.RedisMessage
	// %2 of two bulk strings each: what HGETALL of a 2-field hash gives.
	raw := []byte{0, 0, 0, 0, 0, 0, 0}
	raw = append(raw, '%', 0, 0, 0, 0, 0, 0, 0, 4)
	for _, s := range []string{"f1", "v1", "f2", "v2"} {
		raw = append(raw, '$', 0, 0, 0, 0, 0, 0, 0, byte(len(s)))
		raw = append(raw, s...)
	}
	if err := m.CacheUnmarshalView(raw); err != nil {
		t.Fatal(err)
	}
	var bufs replyBuffers
	decodeMarshalled(&m, &bufs) // the arena exists from here on
	shared := testing.AllocsPerRun(100, func() { decodeMarshalled(&m, &bufs) })
	alone := testing.AllocsPerRun(100, func() { decodeMarshalled(&m, nil) })
	t.Logf("allocations per map reply: %.1f with the batch's arena, %.1f alone", shared, alone)
	if shared >= alone {
		t.Errorf("with the arena %.1f allocations, alone %.1f: want fewer", shared, alone)
	}
}
