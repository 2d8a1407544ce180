package domain

import "testing"

// Expected slots are what `CLUSTER KEYSLOT` answers on Redis 7.0.
func TestSlot(t *testing.T) {
	cases := map[string]int{
		"":                     0,
		"foo":                  12182,
		"bar":                  5061,
		"123456789":            12739, // the CRC16/XMODEM check value 0x31C3
		"{user1000}.following": 3443,
		"{user1000}.followers": 3443,
		"user1000":             3443,
		"foo{}{bar}":           8363, // an empty tag hashes the whole key
		"foo{{bar}}zap":        4015, // the tag is "{bar"
		"foo{bar}{zap}":        5061, // only the first tag counts
	}
	for key, want := range cases {
		if got := Slot(key); got != want {
			t.Errorf("Slot(%q) = %d, want %d", key, got, want)
		}
	}
}
