package ports

import "time"

// Command is one Redis command as it goes on the wire.
type Command struct {
	// Args holds the command name and its arguments, already encoded.
	// A Go string holds arbitrary bytes, so binary values are exact.
	Args []string
	// Keys lists the positions in Args that are keys, so that a cluster
	// router can route without asking the server (nil: a keyless command).
	// Slices of Keys may be shared between commands and must not be modified.
	Keys []int
	// ReadOnly marks a command that never writes: safe to resend after a
	// broken connection and to send to a replica.
	ReadOnly bool
	// CacheTTL, when positive, lets a backend that caches reads
	// (ReadCacher) answer the command from its client's cache, with a reply
	// no older than CacheTTL and dropped as soon as the server says the key
	// changed. The root sets it only on a command domain.Cacheable allows,
	// outside transactions, and never after a write to the same key in the
	// same batch; a backend without a cache sends the command as usual.
	CacheTTL time.Duration
}

// Name returns the command name as queued (Args[0]), or "" for an empty command.
func (c *Command) Name() string {
	if len(c.Args) == 0 {
		return ""
	}
	return c.Args[0]
}

// Key returns the i-th key of the command.
func (c *Command) Key(i int) string { return c.Args[c.Keys[i]] }

// FirstKey returns the first key of the first command in cmds that has
// one (a key position inside its Args): what a pinned connection on a
// cluster uses to pick its node.
func FirstKey(cmds []Command) (string, bool) {
	for i := range cmds {
		c := &cmds[i]
		if len(c.Keys) > 0 && c.Keys[0] > 0 && c.Keys[0] < len(c.Args) {
			return c.Args[c.Keys[0]], true
		}
	}
	return "", false
}
