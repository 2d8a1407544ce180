package redpipe

import "time"

// KeepTTL, as the expiration of Set, SetNX and SetXX, keeps the key's
// current time to live (SET ... KEEPTTL).
const KeepTTL = -1

// SetArgs are SET's options for SetArgs.
type SetArgs struct {
	// Mode is "NX" (only if the key does not exist) or "XX" (only if it
	// does); empty for neither. Later servers' conditions ("IFEQ", ...)
	// pass through, with MatchValue as their argument.
	Mode string
	// MatchValue is the argument of an IFEQ / IFNE Mode (Redis 8.4+).
	MatchValue any
	// TTL, when positive, sets EX (whole seconds) or PX.
	TTL time.Duration
	// ExpireAt, when not zero, sets EXAT (whole seconds) or PXAT.
	ExpireAt time.Time
	// Get returns the old value (SET ... GET); nil gives ErrNil.
	Get bool
	// KeepTTL keeps the key's time to live.
	KeepTTL bool
}

// LCSQuery is LCS's arguments: the two keys and what to return.
type LCSQuery struct {
	Key1 string
	Key2 string
	// Len returns only the length (LEN).
	Len bool
	// Idx returns the matching ranges (IDX), MinMatchLen and WithMatchLen
	// refining them.
	Idx          bool
	MinMatchLen  int
	WithMatchLen bool
}
