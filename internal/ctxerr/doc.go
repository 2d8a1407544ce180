// Package ctxerr decides when a driver's error is really the batch's ctx
// ending, so that the command gets ctx's error (by the rule of
// ports.ContextEnded) rather than a transport error: one copy of the rule
// for every adapter, whose drivers report a deadline as a context error,
// as a network timeout of the connection's deadline, or both.
//
// It imports only the standard library: nothing of any driver.
package ctxerr
