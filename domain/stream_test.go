package domain

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Reply trees as Redis 7.0 sends them (checked with both HELLO 2 and
// HELLO 3), built by hand.
var (
	bulk = ports.BulkReply
	num  = ports.IntReply
	nilR = ports.NilReply()
)

func xa(es ...ports.Reply) ports.Reply { return ports.ArrayReply(es) }
func xm(es ...ports.Reply) ports.Reply { return ports.MapReply(es) }

func entry(id string, fv ...string) ports.Reply {
	fields := make([]ports.Reply, len(fv))
	for i, s := range fv {
		fields[i] = bulk(s)
	}
	return xa(bulk(id), xa(fields...))
}

// both runs check on the RESP2 and the RESP3 tree of one reply.
func both(t *testing.T, name string, resp2, resp3 ports.Reply, check func(t *testing.T, r ports.Reply)) {
	t.Helper()
	t.Run(name+"/RESP2", func(t *testing.T) { check(t, resp2) })
	t.Run(name+"/RESP3", func(t *testing.T) { check(t, resp3) })
}

func equal(t *testing.T, got, want any, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("error %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %#v\nwant %#v", got, want)
	}
}

func TestXValues(t *testing.T) {
	v := XValues{{"a", "1"}, {"b", "2"}, {"a", "3"}}
	if got, ok := v.Get("a"); got != "3" || !ok {
		t.Errorf("Get(a) = %q %v, want the last value", got, ok)
	}
	if got, ok := v.Get("c"); got != "" || ok {
		t.Errorf("Get(c) = %q %v", got, ok)
	}
	equal(t, v.Map(), map[string]string{"a": "3", "b": "2"}, nil)
}

func TestXMessageSlice(t *testing.T) {
	r := xa(entry("1-1", "a", "1", "a", "2"), entry("2-0", "c", "3"), xa(bulk("3-0"), nilR))
	got, err := XMessageSlice(r)
	equal(t, got, []XMessage{
		{ID: "1-1", Values: XValues{{"a", "1"}, {"a", "2"}}},
		{ID: "2-0", Values: XValues{{"c", "3"}}},
		{ID: "3-0"}, // deleted while pending: no fields
	}, err)
	got, err = XMessageSlice(xa())
	equal(t, got, []XMessage{}, err)

	// fields as a map, and XREADGROUP ... CLAIM's [id, fields, idle, count]
	got, err = XMessageSlice(xa(
		xa(bulk("1-1"), xm(bulk("f"), bulk("v"))),
		xa(bulk("2-0"), xa(bulk("g"), bulk("w")), num(1500), num(3))))
	equal(t, got, []XMessage{
		{ID: "1-1", Values: XValues{{"f", "v"}}},
		{ID: "2-0", Values: XValues{{"g", "w"}}, MillisElapsedFromDelivery: 1500, DeliveredCount: 3},
	}, err)

	if _, err := XMessageSlice(nilR); !errors.Is(err, ErrNil) {
		t.Errorf("nil: %v, want ErrNil", err)
	}
	for _, bad := range []ports.Reply{xa(xa(bulk("1-1"))), xa(entry("1-1", "odd")), xa(bulk("1-1"))} {
		if _, err := XMessageSlice(bad); !errors.Is(err, ErrUnexpectedReply) {
			t.Errorf("%s: %v, want ErrUnexpectedReply", bad, err)
		}
	}
	re := ports.NewRedisError("WRONGTYPE Operation against a key holding the wrong kind of value")
	if _, err := XMessageSlice(ports.ErrorReply(re)); err != re {
		t.Errorf("error reply: %v", err)
	}
}

func TestXStreamSlice(t *testing.T) {
	s1 := xa(entry("1-1", "a", "1", "b", "2"), entry("2-0", "c", "3"))
	s2 := xa(entry("5-0", "x", "y"))
	want := []XStream{
		{Stream: "s", Messages: []XMessage{{ID: "1-1", Values: XValues{{"a", "1"}, {"b", "2"}}}, {ID: "2-0", Values: XValues{{"c", "3"}}}}},
		{Stream: "s2", Messages: []XMessage{{ID: "5-0", Values: XValues{{"x", "y"}}}}},
	}
	both(t, "two streams",
		xa(xa(bulk("s"), s1), xa(bulk("s2"), s2)),
		xm(bulk("s"), s1, bulk("s2"), s2),
		func(t *testing.T, r ports.Reply) {
			got, err := XStreamSlice(r)
			equal(t, got, want, err)
		})
	// The order the command named the streams in, whatever order a
	// driver gives a RESP3 map's pairs in (go-redis sorts them).
	in := XStreamSliceIn([]string{"s2", "s"})
	for _, r := range []ports.Reply{xm(bulk("s"), s1, bulk("s2"), s2), xm(bulk("s2"), s2, bulk("s"), s1)} {
		got, err := in(r)
		equal(t, got, []XStream{want[1], want[0]}, err)
	}
	got, err := in(xa(xa(bulk("s"), s1), xa(bulk("s2"), s2)))
	equal(t, got, want, err) // an array is the order Redis sent: left as it is
	// A BLOCK that timed out: *-1 over RESP2, _ over RESP3.
	if _, err := XStreamSlice(nilR); !errors.Is(err, ErrNil) {
		t.Errorf("timeout: %v, want ErrNil", err)
	}
	for _, bad := range []ports.Reply{xa(xa(bulk("s"))), ports.Reply{Kind: ports.KindMap, Elems: []ports.Reply{bulk("s")}}, bulk("x")} {
		if _, err := XStreamSlice(bad); !errors.Is(err, ErrUnexpectedReply) {
			t.Errorf("%s: %v, want ErrUnexpectedReply", bad, err)
		}
	}
}

func TestXPendingReply(t *testing.T) {
	got, err := XPendingReply(xa(num(3), bulk("1-1"), bulk("4-0"), xa(xa(bulk("c1"), bulk("2")), xa(bulk("c2"), bulk("1")))))
	equal(t, got, XPending{Count: 3, Lower: "1-1", Higher: "4-0", Consumers: map[string]int64{"c1": 2, "c2": 1}}, err)
	got, err = XPendingReply(xa(num(0), nilR, nilR, nilR))
	equal(t, got, XPending{Consumers: map[string]int64{}}, err)
	got, err = XPendingReply(xa(num(1), bulk("1-1"), bulk("1-1"), xm(bulk("c"), num(1))))
	equal(t, got, XPending{Count: 1, Lower: "1-1", Higher: "1-1", Consumers: map[string]int64{"c": 1}}, err)
	if _, err := XPendingReply(xa(num(0))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("short: %v", err)
	}
}

func TestXPendingExtSlice(t *testing.T) {
	got, err := XPendingExtSlice(xa(xa(bulk("1-1"), bulk("c2"), num(37907), num(3))))
	equal(t, got, []XPendingExt{{ID: "1-1", Consumer: "c2", Idle: 37907 * time.Millisecond, RetryCount: 3}}, err)
	got, err = XPendingExtSlice(xa())
	equal(t, got, []XPendingExt{}, err)
}

func TestXAutoClaim(t *testing.T) {
	got, err := XAutoClaimReply(xa(bulk("0-0"), xa(entry("1-1", "a", "1")), xa(bulk("2-0"))))
	equal(t, got, XAutoClaimResult{Start: "0-0", Messages: []XMessage{{ID: "1-1", Values: XValues{{"a", "1"}}}}, DeletedIDs: []string{"2-0"}}, err)
	got, err = XAutoClaimReply(xa(bulk("3-0"), xa())) // Redis 6: no deleted list
	equal(t, got, XAutoClaimResult{Start: "3-0", Messages: []XMessage{}}, err)
	ids, err := XAutoClaimJustIDReply(xa(bulk("0-0"), xa(bulk("1-1")), xa()))
	equal(t, ids, XAutoClaimJustIDResult{Start: "0-0", IDs: []string{"1-1"}, DeletedIDs: []string{}}, err)
	if _, err := XAutoClaimReply(xa(bulk("0-0"))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("short: %v", err)
	}
}

func TestXInfoGroupSlice(t *testing.T) {
	f := []ports.Reply{bulk("name"), bulk("g"), bulk("consumers"), num(2), bulk("pending"), num(1),
		bulk("last-delivered-id"), bulk("1-1"), bulk("entries-read"), num(1), bulk("lag"), num(1), bulk("future-field"), xa()}
	want := []XInfoGroup{{Name: "g", Consumers: 2, Pending: 1, LastDeliveredID: "1-1", EntriesRead: 1, Lag: 1}}
	both(t, "groups", xa(xa(f...)), xa(xm(f...)), func(t *testing.T, r ports.Reply) {
		got, err := XInfoGroupSlice(r)
		equal(t, got, want, err)
	})
	// entries-read and lag are nil when Redis cannot tell
	got, err := XInfoGroupSlice(xa(xa(bulk("name"), bulk("g"), bulk("entries-read"), nilR, bulk("lag"), nilR)))
	equal(t, got, []XInfoGroup{{Name: "g", Lag: -1}}, err)
	if _, err := XInfoGroupSlice(xa(xa(bulk("name")))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("odd: %v", err)
	}
	if _, err := XInfoGroupSlice(xa(xa(bulk("pending"), bulk("x")))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("not a number: %v", err)
	}
}

func TestXInfoConsumerSlice(t *testing.T) {
	c1 := []ports.Reply{bulk("name"), bulk("c1"), bulk("pending"), num(0), bulk("idle"), num(42)}
	c2 := []ports.Reply{bulk("name"), bulk("c2"), bulk("pending"), num(1), bulk("idle"), num(12), bulk("inactive"), num(-1)}
	want := []XInfoConsumer{
		{Name: "c1", Idle: 42 * time.Millisecond},
		{Name: "c2", Pending: 1, Idle: 12 * time.Millisecond, Inactive: -time.Millisecond},
	}
	both(t, "consumers", xa(xa(c1...), xa(c2...)), xa(xm(c1...), xm(c2...)), func(t *testing.T, r ports.Reply) {
		got, err := XInfoConsumerSlice(r)
		equal(t, got, want, err)
	})
}

func TestXInfoStreamReply(t *testing.T) {
	f := []ports.Reply{
		bulk("length"), num(2), bulk("radix-tree-keys"), num(1), bulk("radix-tree-nodes"), num(2),
		bulk("last-generated-id"), bulk("2-0"), bulk("max-deleted-entry-id"), bulk("0-0"),
		bulk("entries-added"), num(2), bulk("recorded-first-entry-id"), bulk("1-1"), bulk("groups"), num(1),
		bulk("first-entry"), entry("1-1", "a", "1", "b", "2"), bulk("last-entry"), entry("2-0", "c", "3"),
		bulk("idmp-duration"), num(100), bulk("iids-duplicates"), num(4),
	}
	want := XInfoStream{
		Length: 2, RadixTreeKeys: 1, RadixTreeNodes: 2, Groups: 1, LastGeneratedID: "2-0", MaxDeletedEntryID: "0-0",
		EntriesAdded: 2, RecordedFirstEntryID: "1-1",
		FirstEntry:   XMessage{ID: "1-1", Values: XValues{{"a", "1"}, {"b", "2"}}},
		LastEntry:    XMessage{ID: "2-0", Values: XValues{{"c", "3"}}},
		IDMPDuration: 100, IIDsDuplicates: 4,
	}
	both(t, "stream", xa(f...), xm(f...), func(t *testing.T, r ports.Reply) {
		got, err := XInfoStreamReply(r)
		equal(t, got, want, err)
	})
	got, err := XInfoStreamReply(xm(bulk("length"), num(0), bulk("first-entry"), nilR, bulk("last-entry"), nilR))
	equal(t, got, XInfoStream{}, err)
	if _, err := XInfoStreamReply(nilR); !errors.Is(err, ErrNil) {
		t.Errorf("nil: %v", err)
	}
}

func TestXInfoStreamFullReply(t *testing.T) {
	const ms = 1796307018926
	at := time.UnixMilli(ms)
	consumer := func(name string, seen, pel int64, pending ...ports.Reply) []ports.Reply {
		return []ports.Reply{bulk("name"), bulk(name), bulk("seen-time"), num(seen), bulk("active-time"), num(seen),
			bulk("pel-count"), num(pel), bulk("pending"), xa(pending...)}
	}
	c1 := consumer("c1", ms, 1, xa(bulk("1-1"), num(ms), num(7)))
	c2 := consumer("c2", ms-614, 0)
	group := func(c1, c2 ports.Reply) []ports.Reply {
		return []ports.Reply{bulk("name"), bulk("g"), bulk("last-delivered-id"), bulk("1-1"), bulk("entries-read"), num(1),
			bulk("lag"), nilR, bulk("pel-count"), num(1), bulk("nacked-count"), num(2),
			bulk("pending"), xa(xa(bulk("1-1"), bulk("c1"), num(ms), num(7))),
			bulk("consumers"), xa(c1, c2)}
	}
	head := []ports.Reply{bulk("length"), num(2), bulk("radix-tree-keys"), num(1), bulk("radix-tree-nodes"), num(2),
		bulk("last-generated-id"), bulk("2-0"), bulk("max-deleted-entry-id"), bulk("0-0"), bulk("entries-added"), num(2),
		bulk("recorded-first-entry-id"), bulk("1-1"),
		bulk("entries"), xa(entry("1-1", "a", "1"), entry("2-0", "c", "3"))}
	resp2 := xa(append(head[:len(head):len(head)], bulk("groups"), xa(xa(group(xa(c1...), xa(c2...))...)))...)
	resp3 := xm(append(head[:len(head):len(head)], bulk("groups"), xa(xm(group(xm(c1...), xm(c2...))...)))...)
	want := XInfoStreamFull{
		Length: 2, RadixTreeKeys: 1, RadixTreeNodes: 2, LastGeneratedID: "2-0", MaxDeletedEntryID: "0-0",
		EntriesAdded: 2, RecordedFirstEntryID: "1-1",
		Entries: []XMessage{{ID: "1-1", Values: XValues{{"a", "1"}}}, {ID: "2-0", Values: XValues{{"c", "3"}}}},
		Groups: []XInfoStreamGroup{{
			Name: "g", LastDeliveredID: "1-1", EntriesRead: 1, Lag: -1, PelCount: 1, NackedCount: 2,
			Pending: []XInfoStreamGroupPending{{ID: "1-1", Consumer: "c1", DeliveryTime: at, DeliveryCount: 7}},
			Consumers: []XInfoStreamConsumer{
				{Name: "c1", SeenTime: at, ActiveTime: at, PelCount: 1,
					Pending: []XInfoStreamConsumerPending{{ID: "1-1", DeliveryTime: at, DeliveryCount: 7}}},
				{Name: "c2", SeenTime: time.UnixMilli(ms - 614), ActiveTime: time.UnixMilli(ms - 614),
					Pending: []XInfoStreamConsumerPending{}},
			},
		}},
	}
	both(t, "full", resp2, resp3, func(t *testing.T, r ports.Reply) {
		got, err := XInfoStreamFullReply(r)
		equal(t, got, want, err)
	})
	if _, err := XInfoStreamFullReply(xm(bulk("groups"), xa(xm(bulk("pending"), xa(xa(bulk("1-1"))))))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("short pending entry: %v", err)
	}
}

// XREADGROUP's group and consumer are names: one called "streams" does
// not hide a BLOCK after it, one called "block" is not a BLOCK.
func TestBlocksStreamNames(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"XREADGROUP", "GROUP", "streams", "c", "BLOCK", "10", "STREAMS", "s", ">"}, true},
		{[]string{"XREADGROUP", "GROUP", "g", "streams", "BLOCK", "10", "STREAMS", "s", ">"}, true},
		{[]string{"XREADGROUP", "GROUP", "block", "block", "STREAMS", "s", ">"}, false},
		{[]string{"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "MAXCOUNT", "2", "NOACK", "CLAIM", "5", "BLOCK", "0", "STREAMS", "s", ">"}, true},
		{[]string{"XREAD", "MAXCOUNT", "1", "MAXSIZE", "9", "STREAMS", "block", "0"}, false},
	} {
		if got := Blocks(c.args); got != c.want {
			t.Errorf("Blocks(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
