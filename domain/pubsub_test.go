package domain

import (
	"errors"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

func TestInt64Map(t *testing.T) {
	want := map[string]int64{"a": 2, "b": 0}
	for name, r := range map[string]ports.Reply{
		"flat (Redis 7.0, both protocols)": arr(b("a"), i64(2), b("b"), i64(0)),
		"map":                              mp(b("a"), i64(2), b("b"), i64(0)),
		"pairs":                            arr(arr(b("a"), i64(2)), arr(b("b"), i64(0))),
	} {
		got, err := Int64Map(r)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, %v", name, got, err)
		}
	}
	if got, err := Int64Map(arr()); err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty: %#v, %v", got, err)
	}
	if _, err := Int64Map(arr(b("a"))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("odd: %v", err)
	}
	if _, err := Int64Map(arr(b("a"), b("x"))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("not a count: %v", err)
	}
	if _, err := Int64Map(nul); !errors.Is(err, ErrNil) {
		t.Errorf("nil: %v", err)
	}
}
