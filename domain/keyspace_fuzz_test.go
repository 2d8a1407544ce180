package domain

import (
	"errors"
	"strings"
	"testing"
)

// escapedGlobMatch matches s against a Redis glob pattern made only of
// backslash-escaped characters, plain characters Redis takes literally and
// '*'. An unescaped '?' or '[' would make the pattern mean more than
// KeyspaceMatch intends, so it fails the test rather than being matched.
func escapedGlobMatch(t *testing.T, pattern, s string) bool {
	t.Helper()
	for len(pattern) > 0 {
		switch c := pattern[0]; c {
		case '\\':
			if len(pattern) < 2 {
				t.Fatalf("pattern ends in a lone backslash")
			}
			if len(s) == 0 || s[0] != pattern[1] {
				return false
			}
			pattern, s = pattern[2:], s[1:]
		case '*':
			for i := len(s); i >= 0; i-- {
				if escapedGlobMatch(t, pattern[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?', '[':
			t.Fatalf("unescaped %q in a keyspace pattern", c)
		default:
			if len(s) == 0 || s[0] != c {
				return false
			}
			pattern, s = pattern[1:], s[1:]
		}
	}
	return len(s) == 0
}

// FuzzKeyspace checks the keyspace key rule (keyspace.go): id -> key -> id
// round-trips for every prefix and id, a key KeyspaceID accepts is exactly
// the key of the id it gives, the SCAN pattern for all ids matches exactly
// the keys KeyspaceID accepts and the pattern for one escaped id exactly
// that id's key, a prefix is refused iff it holds a brace, and for valid
// prefixes every keyspace's key of one id is in the same slot.
func FuzzKeyspace(f *testing.F) {
	f.Add("user:", "42", "user:{42}")
	f.Add("user:", "", "user:{}")
	f.Add("user:", "a}b", "user:{a}b}")
	f.Add("u*[x]:", "a?", `u*[x]:{a?}`)
	f.Add(`\`, `\*`, `\{\*}`)
	f.Add("a{b", "x", "a{b{x}")
	f.Add("", "{", "{{}")
	f.Add("p", "}x", "p{}x}")
	f.Add("users", "42", "user:{42}")
	f.Fuzz(func(t *testing.T, prefix, id, key string) {
		k := KeyspaceKey(prefix, id)
		if got, ok := KeyspaceID(prefix, k); !ok || got != id {
			t.Fatalf("KeyspaceID(%q, KeyspaceKey(%q, %q) = %q) = %q, %v", prefix, prefix, id, k, got, ok)
		}
		got, ok := KeyspaceID(prefix, key)
		if ok && KeyspaceKey(prefix, got) != key {
			t.Fatalf("KeyspaceID(%q, %q) = %q, whose key is %q", prefix, key, got, KeyspaceKey(prefix, got))
		}
		isKey := strings.HasPrefix(key, prefix+"{") && strings.HasSuffix(key[len(prefix)+1:], "}")
		if ok != isKey {
			t.Fatalf("KeyspaceID(%q, %q) ok = %v; the key is prefix{...}: %v", prefix, key, ok, isKey)
		}

		err := CheckKeyspacePrefix(prefix)
		if strings.ContainsAny(prefix, "{}") != (err != nil) {
			t.Fatalf("CheckKeyspacePrefix(%q) = %v", prefix, err)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidValue) {
				t.Fatalf("CheckKeyspacePrefix(%q) = %v, want ErrInvalidValue", prefix, err)
			}
			return
		}

		if m := escapedGlobMatch(t, KeyspaceMatch(prefix, "*"), key); m != ok {
			t.Fatalf("KeyspaceMatch(%q, *) = %q matches %q: %v; KeyspaceID says %v", prefix, KeyspaceMatch(prefix, "*"), key, m, ok)
		}
		one := KeyspaceMatch(prefix, globEscape(id))
		if !escapedGlobMatch(t, one, k) || escapedGlobMatch(t, one, key) != (key == k) {
			t.Fatalf("the pattern %q for id %q does not match exactly its key %q (other key %q)", one, id, k, key)
		}

		// The id is the hash tag, so the keyspace's name does not move the
		// key to another slot. Not for an empty id or one starting with
		// '}': their tag is empty, so the whole key is hashed. That gap is
		// known and left alone, as giving such ids another key would
		// orphan what is stored under the current one.
		if id != "" && id[0] != '}' {
			tag, _, _ := strings.Cut(id, "}")
			if s, want := Slot(k), Slot(KeyspaceKey("other:", id)); s != want || s != int(refCRC16(tag)&16383) {
				t.Fatalf("Slot(%q) = %d but Slot(other:{%s}) = %d, and the tag %q hashes to %d", k, s, id, want, tag, refCRC16(tag)&16383)
			}
		}
	})
}
