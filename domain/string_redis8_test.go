package domain

import (
	"errors"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

func TestDigest(t *testing.T) {
	if d, err := Digest(ports.BulkReply("00000000000000ff")); d != 255 || err != nil {
		t.Errorf("Digest = %d, %v; want 255", d, err)
	}
	if d, err := Digest(ports.BulkReply("ffffffffffffffff")); d != 1<<64-1 || err != nil {
		t.Errorf("Digest = %d, %v; want max uint64", d, err)
	}
	if _, err := Digest(ports.NilReply()); !errors.Is(err, ErrNil) {
		t.Errorf("Digest(nil) err %v, want ErrNil", err)
	}
	if _, err := Digest(ports.BulkReply("xyz")); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("Digest(xyz) err %v, want ErrUnexpectedReply", err)
	}
	if s := FormatDigest(0xabc); s != "0000000000000abc" {
		t.Errorf("FormatDigest = %q", s)
	}
}

func TestIncrEX(t *testing.T) {
	i, err := IncrEXInt(ports.ArrayReply([]ports.Reply{ports.IntReply(7), ports.IntReply(0)}))
	if i != (IncrEXIntResult{Value: 7, AppliedIncrement: 0}) || err != nil {
		t.Errorf("IncrEXInt = %+v, %v", i, err)
	}
	// RESP2 sends the floats as bulk strings, RESP3 as doubles.
	for _, r := range []ports.Reply{
		ports.ArrayReply([]ports.Reply{ports.BulkReply("1.5"), ports.BulkReply("0.5")}),
		ports.ArrayReply([]ports.Reply{ports.DoubleReply(1.5), ports.DoubleReply(0.5)}),
	} {
		f, err := IncrEXFloat(r)
		if f != (IncrEXFloatResult{Value: 1.5, AppliedIncrement: 0.5}) || err != nil {
			t.Errorf("IncrEXFloat = %+v, %v", f, err)
		}
	}
	if _, err := IncrEXInt(ports.ArrayReply([]ports.Reply{ports.IntReply(1)})); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("IncrEXInt of one element: err %v", err)
	}
}
