// Package untilctx runs work that may ignore ctx — a driver call that
// waits on a hung server, a dial, a full pool — so that the caller still
// returns once ctx ends: the work runs on a goroutine of its own and is
// abandoned, never killed, when ctx ends first. It ends by itself when the
// driver returns (at the driver's own timeouts at the latest).
//
// It is the one copy of that policy, used by every layer that needs it.
// A layer whose backend below honours ctx (ports.HonoursContext) does not
// use it at all, so a batch through several layers pays for one goroutine
// and one wait, in the lowest layer that needs them, not one per layer.
//
// Work handed to it must not panic (a panic on a goroutine of its own ends
// the program) and, once abandoned, writes only what the caller no longer
// reads: give it buffers of its own (Exec does).
//
// It imports only ports and internal/fill.
package untilctx
