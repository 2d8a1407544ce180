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

// Writes is what the commands of a batch write, as far as a cache needs to
// know: the keys of its writes, or every key once a write's keys are not
// known (a keyless write: FLUSHDB, a script without keys). MULTI, EXEC and
// DISCARD write nothing themselves: the commands between them count for
// what they write. The zero value is empty.
type Writes struct {
	keys map[string]struct{}
	all  bool
}

// Add counts cmd's writes, if it writes.
func (w *Writes) Add(cmd *ports.Command) {
	switch {
	case cmd.ReadOnly || w.all:
	case len(cmd.Keys) == 0:
		w.all = !IsTxControl(cmd.Name())
	default:
		if w.keys == nil {
			w.keys = make(map[string]struct{}, len(cmd.Keys))
		}
		for _, k := range cmd.Keys {
			if k > 0 && k < len(cmd.Args) {
				w.keys[cmd.Args[k]] = struct{}{}
			}
		}
	}
}

// Has reports whether key may have been written.
func (w *Writes) Has(key string) bool {
	if w.all {
		return true
	}
	_, ok := w.keys[key]
	return ok
}

// IsTxControl reports whether the command named name is MULTI, EXEC or
// DISCARD.
func IsTxControl(name string) bool {
	return strings.EqualFold(name, "MULTI") || strings.EqualFold(name, "EXEC") || strings.EqualFold(name, "DISCARD")
}

// CachedReadsIndependent reports whether the cached reads of a batch (its
// commands with a CacheTTL) may run at any moment relative to the others:
// none of the others writes the key of a cached read. A backend that
// caches may then send the reads its cache misses and the rest of the
// batch at once, in one round trip, rather than one after the other.
func CachedReadsIndependent(cmds []ports.Command) bool {
	var w Writes
	for i := range cmds {
		if cmds[i].CacheTTL <= 0 {
			w.Add(&cmds[i])
		}
	}
	for i := range cmds {
		if c := &cmds[i]; c.CacheTTL > 0 && len(c.Args) > 1 && w.Has(c.Args[1]) {
			return false
		}
	}
	return true
}
