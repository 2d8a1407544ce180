package domain

import (
	"errors"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

func TestUint64(t *testing.T) {
	for _, c := range []struct {
		r    ports.Reply
		want uint64
	}{
		{ports.IntReply(5), 5},
		{ports.BulkReply("18446744073709551614"), 1<<64 - 2},
		{ports.BigNumberReply("18446744073709551615"), 1<<64 - 1},
	} {
		if got, err := Uint64(c.r); got != c.want || err != nil {
			t.Errorf("Uint64(%v) = %d, %v; want %d", c.r, got, err, c.want)
		}
	}
	if _, err := Uint64(ports.IntReply(-1)); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("Uint64(-1) err %v", err)
	}
	if _, err := Uint64(ports.NilReply()); !errors.Is(err, ErrNil) {
		t.Errorf("Uint64(nil) err %v", err)
	}
}

func TestAREntries(t *testing.T) {
	want := []AREntry{{Index: 1, Value: "a"}, {Index: 7, Value: "b"}}
	nested := ports.ArrayReply([]ports.Reply{
		ports.ArrayReply([]ports.Reply{ports.IntReply(1), ports.BulkReply("a")}),
		ports.ArrayReply([]ports.Reply{ports.IntReply(7), ports.BulkReply("b")}),
	})
	flat := ports.ArrayReply([]ports.Reply{ports.IntReply(1), ports.BulkReply("a"), ports.IntReply(7), ports.BulkReply("b")})
	for _, r := range []ports.Reply{nested, flat} {
		if got, err := AREntries(r); !reflect.DeepEqual(got, want) || err != nil {
			t.Errorf("AREntries = %v, %v; want %v", got, err, want)
		}
	}
	if got, err := AREntries(ports.ArrayReply(nil)); len(got) != 0 || got == nil || err != nil {
		t.Errorf("AREntries(empty) = %#v, %v; want an empty slice", got, err)
	}
}

func TestAnyMap(t *testing.T) {
	want := map[string]any{"count": int64(2), "len": int64(9)}
	flat := ports.ArrayReply([]ports.Reply{ports.BulkReply("count"), ports.IntReply(2), ports.BulkReply("len"), ports.IntReply(9)})
	m := ports.MapReply(flat.Elems)
	for _, r := range []ports.Reply{flat, m} {
		if got, err := AnyMap(r); !reflect.DeepEqual(got, want) || err != nil {
			t.Errorf("AnyMap = %v, %v; want %v", got, err, want)
		}
	}
	if _, err := AnyMap(ports.NilReply()); !errors.Is(err, ErrNil) {
		t.Errorf("AnyMap(nil) err %v", err)
	}
}
