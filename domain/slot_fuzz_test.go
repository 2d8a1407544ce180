package domain

import "testing"

// refCRC16 is CRC16-CCITT (XMODEM: polynomial 0x1021, initial value 0, no
// reflection, no final XOR) bit by bit, as the Redis Cluster specification
// gives it, kept apart from slot.go's table-driven version on purpose.
func refCRC16(s string) uint16 {
	var crc uint16
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// refSlot is HASH_SLOT from the Redis Cluster specification, transcribed
// loop for loop: the tag is what lies between the first '{' and the first
// '}' after it, if that is not empty; otherwise the whole key is hashed.
func refSlot(key string) int {
	s := -1
	for i := 0; i < len(key); i++ {
		if key[i] == '{' {
			s = i
			break
		}
	}
	if s == -1 {
		return int(refCRC16(key) & 16383)
	}
	e := -1
	for j := s + 1; j < len(key); j++ {
		if key[j] == '}' {
			e = j
			break
		}
	}
	if e == -1 || e == s+1 {
		return int(refCRC16(key) & 16383)
	}
	return int(refCRC16(key[s+1:e]) & 16383)
}

// The reference is checked against known values first (the slots are what
// CLUSTER KEYSLOT answers on Redis 7.0); a fuzz target
// comparing Slot with a wrong reference would prove nothing.
func TestSlotReference(t *testing.T) {
	if c := refCRC16("123456789"); c != 0x31C3 {
		t.Fatalf("refCRC16(123456789) = %#04x, want 0x31C3 (the CRC16/XMODEM check value)", c)
	}
	if c := crc16("123456789"); c != 0x31C3 {
		t.Fatalf("crc16(123456789) = %#04x, want 0x31C3", c)
	}
	cases := map[string]int{
		"foo":                  12182,
		"bar":                  5061,
		"{user1000}.following": 3443,
		"{user1000}.followers": 3443,
		"foo{}{bar}":           8363, // an empty tag hashes the whole key
		"foo{{bar}}zap":        4015, // the tag is "{bar"
		"foo{bar}{zap}":        5061, // only the first tag counts: "bar"
	}
	for key, want := range cases {
		if got := refSlot(key); got != want {
			t.Errorf("refSlot(%q) = %d, want %d", key, got, want)
		}
		if got := Slot(key); got != want {
			t.Errorf("Slot(%q) = %d, want %d", key, got, want)
		}
	}
}

// FuzzSlot compares Slot and crc16 with the bitwise reference for any key.
func FuzzSlot(f *testing.F) {
	for _, k := range []string{
		"", "123456789", "foo", "bar", "{user1000}.following", "foo{}{bar}", "foo{{bar}}zap",
		"foo{bar}{zap}", "{", "}", "{}", "}{", "{a", "a}", "{}}", "{{}}", "\x00{\xff}", "{\x00}",
	} {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if got, want := crc16(key), refCRC16(key); got != want {
			t.Fatalf("crc16(%q) = %#04x, reference %#04x", key, got, want)
		}
		got, want := Slot(key), refSlot(key)
		if got != want {
			t.Fatalf("Slot(%q) = %d, reference %d", key, got, want)
		}
		if got < 0 || got >= SlotCount {
			t.Fatalf("Slot(%q) = %d, outside 0..%d", key, got, SlotCount-1)
		}
	})
}
