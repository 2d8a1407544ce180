package ports

// ContextHonouring is implemented by backends whose Exec returns promptly
// (within a few milliseconds) once ctx ends, every slot filled by the rule
// of ContextEnded, even when the server or the network does not answer,
// and that, once Exec has returned, read nothing more of cmds and write
// nothing more of out (the caller reuses both; work left running holds
// copies). A
// caller then calls Exec directly; for a backend without it (or answering
// false), redpipe runs Exec on a goroutine of its own and abandons it when
// ctx ends, so that a driver that ignores ctx cannot hold the caller past
// its deadline. A wrapper honours ctx exactly when what it wraps does.
type ContextHonouring interface {
	HonoursContext() bool
}

// HonoursContext reports whether b promises to return once ctx ends.
func HonoursContext(b Backend) bool {
	h, ok := b.(ContextHonouring)
	return ok && h.HonoursContext()
}
