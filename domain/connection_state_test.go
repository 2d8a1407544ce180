package domain

import "testing"

func TestChangesConnection(t *testing.T) {
	for _, name := range []string{"MULTI", "exec", "Watch", "SELECT", "CLIENT", "HELLO", "AUTH", "RESET", "READONLY", "ASKING", "QUIT", "SUBSCRIBE", "punsubscribe"} {
		if !ChangesConnection(name) {
			t.Errorf("ChangesConnection(%q) = false, want true", name)
		}
	}
	for _, name := range []string{"", "GET", "SET", "EVAL", "SCRIPT", "MGET", "HSET", "DEL", "PUBLISH", "EXPIRE"} {
		if ChangesConnection(name) {
			t.Errorf("ChangesConnection(%q) = true, want false", name)
		}
	}
}
