package domain

import (
	"errors"
	"reflect"
	"testing"
)

func TestInt64sOrZero(t *testing.T) {
	// BITFIELD ... OVERFLOW FAIL INCRBY: the refused operation is nil.
	got, err := Int64sOrZero(arr(i64(3), nul, i64(-1)))
	if err != nil || !reflect.DeepEqual(got, []int64{3, 0, -1}) {
		t.Errorf("%v, %v", got, err)
	}
	if got, err := Int64sOrZero(arr()); err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty: %#v, %v", got, err)
	}
	if _, err := Int64sOrZero(nul); !errors.Is(err, ErrNil) {
		t.Errorf("nil: %v", err)
	}
	if _, err := Int64sOrZero(arr(b("x"))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("not a number: %v", err)
	}
}
