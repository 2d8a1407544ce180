package domain

import (
	"strings"

	"github.com/redpipe-go/redpipe/ports"
)

// uncacheableReads are read-only commands of one key whose reply a cache
// must not keep: it changes with no write to the key (a time left, an idle
// time, a random pick, a cursor's page), or it depends on other keys than
// the one a cache files it under (SORT_RO's BY and GET patterns).
var uncacheableReads = [...]string{
	"TTL", "PTTL", "HTTL", "HPTTL",
	"SRANDMEMBER", "HRANDFIELD", "ZRANDMEMBER",
	"SSCAN", "HSCAN", "ZSCAN",
	"XPENDING",
	"SORT_RO",
}

// Cacheable reports whether a client-side cache may answer cmd: a
// read-only command of one key, that key its first argument, that does not
// block and whose reply depends on that key's value alone. That is what a
// server-assisted cache can keep exact: the server tracks the key the
// command read and tells the client when it changes, and the client files
// the reply under that key (rueidis's cache takes the key at position 1).
// Commands of several keys (MGET, SINTER) are not cacheable: a change to
// one of the other keys would not reach the entry.
func Cacheable(cmd *ports.Command) bool {
	if !cmd.ReadOnly || len(cmd.Keys) != 1 || cmd.Keys[0] != 1 || len(cmd.Args) < 2 {
		return false
	}
	if Blocks(cmd.Args) {
		return false
	}
	for _, name := range uncacheableReads {
		if strings.EqualFold(cmd.Args[0], name) {
			return false
		}
	}
	return true
}
