package domain

import (
	"fmt"
	"strings"

	"github.com/redpipe-go/redpipe/ports"
)

// The one key rule of keyspaces: the key of id in a keyspace is
// prefix + "{" + id + "}". The braces make id the cluster hash tag, so every
// keyspace's key for one id lives in one slot, and the prefix can be told
// apart from the id when reading keys back (SCAN).

// An id that is empty or starts with '}' would make the hash tag empty
// (prefix{}...), and Redis then hashes the whole key: the id's keys in
// different keyspaces would land in different slots. Such ids are refused
// (CheckKeyspaceKeys) rather than encoded, so that every key stays the
// plain, readable prefix{id}.

// KeyspaceKey returns the key of id in the keyspace named prefix.
func KeyspaceKey(prefix, id string) string {
	return prefix + "{" + id + "}"
}

// CheckKeyspacePrefix rejects a prefix that would break the key rule: a
// brace in it would become the hash tag instead of the id.
func CheckKeyspacePrefix(prefix string) error {
	if strings.ContainsAny(prefix, "{}") {
		return fmt.Errorf("%w: keyspace prefix %q contains a brace, which would take over the hash tag", ErrInvalidValue, prefix)
	}
	return nil
}

// KeyspaceID returns the id of a key of the keyspace named prefix, and
// false for a key that is not one of its keys.
func KeyspaceID(prefix, key string) (string, bool) {
	if !strings.HasPrefix(key, prefix+"{") || !strings.HasSuffix(key, "}") || len(key) < len(prefix)+2 {
		return "", false
	}
	return key[len(prefix)+1 : len(key)-1], true
}

// KeyspaceMatch returns the SCAN MATCH pattern for the ids of the keyspace
// named prefix that match idPattern (a Redis glob; "*" for all): the prefix
// is escaped so that its own glob characters match only themselves.
func KeyspaceMatch(prefix, idPattern string) string {
	return globEscape(prefix) + `\{` + idPattern + `\}`
}

func globEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', ']', '\\', '{', '}':
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// CheckKeyspaceKeys rejects a command of the keyspace named prefix whose
// keys of that keyspace hold an id with an empty hash tag (see above).
func CheckKeyspaceKeys(prefix string, cmd *ports.Command) error {
	for _, pos := range cmd.Keys {
		if pos <= 0 || pos >= len(cmd.Args) {
			continue
		}
		key := cmd.Args[pos]
		if len(key) > len(prefix)+1 && key[len(prefix)+1] == '}' && strings.HasPrefix(key, prefix+"{") {
			return fmt.Errorf("%w: keyspace %q: the id %q would make the hash tag of %q empty, so its keys would not share a cluster slot; use an id that is not empty and does not start with '}'",
				ErrInvalidValue, prefix, key[len(prefix)+1:len(key)-1], key)
		}
	}
	return nil
}
