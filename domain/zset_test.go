package domain

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

func TestZSliceBothProtocols(t *testing.T) {
	want := []Z{{Score: 1.5, Member: "a"}, {Score: 2, Member: "b"}}
	for name, r := range map[string]ports.Reply{
		"RESP2 flat":  arr(b("a"), b("1.5"), b("b"), b("2")),
		"RESP3 pairs": arr(arr(b("a"), dbl(1.5)), arr(b("b"), dbl(2))),
	} {
		got, err := ZSlice(r)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, %v", name, got, err)
		}
	}
	// ZPOPMIN without count over RESP3 stays flat with a double
	got, err := ZSlice(arr(b("a"), dbl(1)))
	if err != nil || !reflect.DeepEqual(got, []Z{{Score: 1, Member: "a"}}) {
		t.Errorf("flat double: %v, %v", got, err)
	}
	got, err = ZSlice(arr())
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty: %#v, %v", got, err)
	}
	if _, err := ZSlice(nul); !errors.Is(err, ErrNil) {
		t.Errorf("nil: %v", err)
	}
	if _, err := ZSlice(arr(b("a"))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("odd: %v", err)
	}
	if _, err := ZSlice(arr(b("a"), b("x"))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("bad score: %v", err)
	}
	got, err = ZSlice(arr(b("a"), b("inf"), b("b"), b("-inf")))
	if err != nil || got[0].Score <= 1e308 || got[1].Score >= -1e308 {
		t.Errorf("infinities: %v, %v", got, err)
	}
}

func TestZWithKeyAndZSliceWithKey(t *testing.T) {
	for _, r := range []ports.Reply{arr(b("z"), b("a"), b("1.5")), arr(b("z"), b("a"), dbl(1.5))} {
		got, err := ZWithKeyReply(r)
		if err != nil || got != (ZWithKey{Z: Z{Score: 1.5, Member: "a"}, Key: "z"}) {
			t.Errorf("ZWithKey(%s) = %v, %v", r, got, err)
		}
	}
	if _, err := ZWithKeyReply(nul); !errors.Is(err, ErrNil) {
		t.Errorf("timeout: %v", err)
	}
	for _, r := range []ports.Reply{
		arr(b("z"), arr(arr(b("a"), b("1")), arr(b("b"), b("2.5")))),
		arr(b("z"), arr(arr(b("a"), dbl(1)), arr(b("b"), dbl(2.5)))),
	} {
		got, err := ZSliceWithKeyReply(r)
		want := ZSliceWithKey{Key: "z", Members: []Z{{Score: 1, Member: "a"}, {Score: 2.5, Member: "b"}}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ZSliceWithKey(%s) = %v, %v", r, got, err)
		}
	}
	if _, err := ZSliceWithKeyReply(nul); !errors.Is(err, ErrNil) {
		t.Errorf("nothing popped: %v", err)
	}
	rs, err := RankScoreReply(arr(i64(2), b("1.5")))
	if err != nil || rs != (RankScore{Rank: 2, Score: 1.5}) {
		t.Errorf("RankScore: %v, %v", rs, err)
	}
}

func TestFloat64sOrZero(t *testing.T) {
	for _, r := range []ports.Reply{arr(b("5"), nul, b("2.5")), arr(dbl(5), nul, dbl(2.5))} {
		got, err := Float64sOrZero(r)
		if err != nil || !reflect.DeepEqual(got, []float64{5, 0, 2.5}) {
			t.Errorf("%s: %v, %v", r, got, err)
		}
	}
}

func TestScan(t *testing.T) {
	got, err := Scan(arr(b("17"), arr(b("a"), b("b"))))
	if err != nil || !reflect.DeepEqual(got, ScanResult{Keys: []string{"a", "b"}, Cursor: 17}) {
		t.Errorf("Scan = %v, %v", got, err)
	}
	got, err = Scan(arr(b("18446744073709551615"), arr()))
	if err != nil || got.Cursor != 18446744073709551615 || got.Keys == nil {
		t.Errorf("big cursor: %#v, %v", got, err)
	}
	if _, err := Scan(arr(b("x"), arr())); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("bad cursor: %v", err)
	}
	if _, err := Scan(b("x")); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("not an array: %v", err)
	}
}

func TestValuesKeepsNils(t *testing.T) {
	got, err := Values(arr(b("a"), nul, i64(3)))
	if err != nil || !reflect.DeepEqual(got, []any{"a", nil, int64(3)}) {
		t.Errorf("Values = %#v, %v", got, err)
	}
}

func TestKeyValueSliceBothProtocols(t *testing.T) {
	want := []KeyValue{{Key: "f", Value: "v"}, {Key: "f", Value: "v"}}
	for _, r := range []ports.Reply{arr(b("f"), b("v"), b("f"), b("v")), arr(arr(b("f"), b("v")), arr(b("f"), b("v")))} {
		got, err := KeyValueSlice(r)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, %v", r, got, err)
		}
	}
	kv, err := KeyValuesReply(arr(b("l"), arr(b("a"), b("b"))))
	if err != nil || !reflect.DeepEqual(kv, KeyValues{Key: "l", Values: []string{"a", "b"}}) {
		t.Errorf("KeyValues = %v, %v", kv, err)
	}
	if _, err := KeyValuesReply(nul); !errors.Is(err, ErrNil) {
		t.Errorf("KeyValues nil: %v", err)
	}
}

func TestDuration(t *testing.T) {
	sec, ms := Duration(time.Second), Duration(time.Millisecond)
	for _, c := range []struct {
		dec  func(ports.Reply) (time.Duration, error)
		in   int64
		want time.Duration
	}{
		{sec, 10, 10 * time.Second}, {sec, -1, -1}, {sec, -2, -2}, {ms, 1500, 1500 * time.Millisecond}, {ms, -2, -2},
	} {
		if got, err := c.dec(i64(c.in)); err != nil || got != c.want {
			t.Errorf("Duration(%d) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestLCS(t *testing.T) {
	if m, err := LCS(b("mytext")); err != nil || m.MatchString != "mytext" {
		t.Errorf("plain: %v, %v", m, err)
	}
	if m, err := LCS(i64(6)); err != nil || m.Len != 6 {
		t.Errorf("LEN: %v, %v", m, err)
	}
	want := LCSMatch{Len: 6, Matches: []LCSMatchedPosition{
		{Key1: LCSPosition{Start: 4, End: 7}, Key2: LCSPosition{Start: 5, End: 8}, MatchLen: 4},
		{Key1: LCSPosition{Start: 2, End: 3}, Key2: LCSPosition{Start: 0, End: 1}},
	}}
	matches := arr(arr(arr(i64(4), i64(7)), arr(i64(5), i64(8)), i64(4)), arr(arr(i64(2), i64(3)), arr(i64(0), i64(1))))
	for _, r := range []ports.Reply{arr(b("matches"), matches, b("len"), i64(6)), mp(b("matches"), matches, b("len"), i64(6))} {
		if m, err := LCS(r); err != nil || !reflect.DeepEqual(m, want) {
			t.Errorf("IDX %s: %+v, %v", r, m, err)
		}
	}
}
