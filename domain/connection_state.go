package domain

import "strings"

// connectionState are the commands whose effect outlives their reply on
// the connection they ran on.
var connectionState = [...]string{
	"MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH", "SELECT", "CLIENT", "HELLO",
	"AUTH", "RESET", "READONLY", "READWRITE", "ASKING", "MONITOR", "QUIT",
	"SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE",
}

// ChangesConnection reports whether the command named name changes the
// state of the connection it runs on for the commands after it (a
// transaction, WATCH, the selected database, the protocol, pub/sub, ...):
// such a command must not share a pipeline with other callers' commands.
// Names are matched case-insensitively, without allocating.
func ChangesConnection(name string) bool {
	if name == "" {
		return false
	}
	// Every one of them starts with one of these letters: one byte rules
	// out most commands without comparing names.
	switch name[0] | 0x20 {
	case 'm', 'e', 'd', 'w', 'u', 's', 'c', 'h', 'a', 'r', 'q', 'p':
	default:
		return false
	}
	for _, n := range connectionState {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}
