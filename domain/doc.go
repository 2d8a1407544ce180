// Package domain is redpipe's driver-agnostic engine: it encodes Go values
// into command arguments, computes cluster key slots, and decodes replies
// (in the ports.Reply model) into Go types. It does no I/O.
//
// Application code uses package redpipe; adapters may use the pure helpers
// here (key slots, reply shapes) so that no rule is written twice.
package domain
