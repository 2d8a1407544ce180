package domain

import "strings"

// blockingNames are the commands that can make Redis hold the connection
// until a timeout or an event.
var blockingNames = [...]string{
	"BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMOVEM", "BLMPOP",
	"BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT", "WAITAOF",
}

// Blocks reports whether the command can block: one of blockingNames, or
// XREAD / XREADGROUP with a BLOCK option before STREAMS. A driver that
// multiplexes callers over shared connections (rueidis) must give such a
// command a connection of its own, or everyone queued behind it waits out
// its timeout.
func Blocks(args []string) bool {
	if len(args) == 0 {
		return false
	}
	name := args[0]
	// Every blocking command starts with B, W or X: one byte rules out
	// almost every command without comparing names (Blocks runs per command).
	if name == "" {
		return false
	}
	switch name[0] | 0x20 {
	case 'b', 'w', 'x':
	default:
		return false
	}
	for _, b := range blockingNames {
		if strings.EqualFold(name, b) {
			return true
		}
	}
	if !strings.EqualFold(name, "XREAD") && !strings.EqualFold(name, "XREADGROUP") {
		return false
	}
	// Walk the options as streamKeys does: XREADGROUP's group and consumer
	// (and a count's value) are names, so a group called "streams" must not
	// end the walk before its BLOCK, nor one called "block" start a wait.
	for i := 1; i < len(args); i++ {
		switch a := args[i]; {
		case strings.EqualFold(a, "STREAMS"):
			return false
		case strings.EqualFold(a, "BLOCK"):
			return true
		case strings.EqualFold(a, "GROUP"):
			i += 2
		case strings.EqualFold(a, "COUNT"), strings.EqualFold(a, "MAXCOUNT"),
			strings.EqualFold(a, "MAXSIZE"), strings.EqualFold(a, "CLAIM"):
			i++
		}
	}
	return false
}
