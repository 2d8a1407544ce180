package rueidis

import (
	"math"
	"reflect"
	"testing"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/ports"
)

// The rueidis this module builds with is read in place: if this fails
// after a rueidis upgrade, replies are still right (CacheMarshal), only
// slower, and messageView needs the new layout.
func TestMessageViewMatchesThisRueidis(t *testing.T) {
	if !viewMatches {
		t.Fatal("messageView does not read this rueidis's messages; every reply takes the CacheMarshal path")
	}
}

func TestMessageViewReadsEveryType(t *testing.T) {
	var m rueidis.RedisMessage
	if err := m.CacheUnmarshalView(viewSamples()[0]); err != nil {
		t.Fatal(err)
	}
	want := ports.ArrayReply([]ports.Reply{
		ports.StatusReply("OK"), ports.BulkReply("bulk\x00bytes"), ports.BulkReply(""), ports.BulkReply("verbatim"),
		ports.IntReply(1 << 40), ports.IntReply(-42), ports.NilReply(), ports.BoolReply(true), ports.BoolReply(false),
		ports.DoubleReply(3.25), ports.DoubleReply(math.Inf(1)), ports.BigNumberReply("12345678901234567890"),
		ports.ErrorReply(ports.NewRedisError("ERR nested")),
		ports.SetReply([]ports.Reply{ports.BulkReply("a"), ports.IntReply(2)}),
		ports.MapReply([]ports.Reply{ports.BulkReply("k1"), ports.BulkReply("v1"), ports.StatusReply("k2"), ports.ArrayReply([]ports.Reply{})}),
	})
	got := decodeView(&m)
	if got.Err != nil || !reflect.DeepEqual(got.Reply, want) {
		t.Errorf("got %v (err %v)\nwant %v", got.Reply, got.Err, want)
	}
	var top rueidis.RedisMessage
	if err := top.CacheUnmarshalView(append(make([]byte, cacheTTLBytes), append(header('-', 7), "ERR top"...)...)); err != nil {
		t.Fatal(err)
	}
	if r := decodeView(&top); !reflect.DeepEqual(r.Err, ports.NewRedisError("ERR top")) {
		t.Errorf("top-level error: got %#v", r)
	}
}

// Decoding a reply in place allocates only the aggregates' element slices.
func TestMessageViewAllocations(t *testing.T) {
	var m rueidis.RedisMessage
	if err := m.CacheUnmarshalView(viewSamples()[0]); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { decodeView(&m) }); n != 4 {
		t.Errorf("%v allocations, want 4: the element slices of the array, the set and the map, and the nested error (an empty array needs none)", n)
	}
}
