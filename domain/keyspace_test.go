package domain

import (
	"errors"
	"testing"
)

func TestKeyspaceKeyAndID(t *testing.T) {
	if k := KeyspaceKey("user:", "42"); k != "user:{42}" {
		t.Fatalf("KeyspaceKey = %q", k)
	}
	cases := []struct {
		key, id string
		ok      bool
	}{
		{"user:{42}", "42", true}, {"user:{}", "", true}, {"user:{a}b}", "a}b", true},
		{"user:42", "", false}, {"users:{42}", "", false}, {"user:{42", "", false}, {"user:", "", false},
	}
	for _, c := range cases {
		id, ok := KeyspaceID("user:", c.key)
		if id != c.id || ok != c.ok {
			t.Errorf("KeyspaceID(%q) = %q, %v; want %q, %v", c.key, id, ok, c.id, c.ok)
		}
	}
	if err := CheckKeyspacePrefix("a{b"); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("CheckKeyspacePrefix with a brace = %v", err)
	}
	if err := CheckKeyspacePrefix("users:*"); err != nil {
		t.Errorf("CheckKeyspacePrefix(users:*) = %v", err)
	}
	if m := KeyspaceMatch("u*[x]:", "a?"); m != `u\*\[x\]:\{a?\}` {
		t.Errorf("KeyspaceMatch = %q", m)
	}
}
