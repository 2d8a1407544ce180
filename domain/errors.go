package domain

import "errors"

// These are re-exported by package redpipe under the same names; they live
// here so that decoders and adapters can return them without importing the root.
var (
	// ErrNil is a nil reply (a missing key). It is not a failure of the batch.
	ErrNil = errors.New("redpipe: nil reply")
	// ErrInvalidValue is a value that cannot be encoded as a Redis argument
	// (or that a codec rejects). It is detected when the command is queued;
	// the command is never sent.
	ErrInvalidValue = errors.New("redpipe: invalid value")
	// ErrCrossSlot is a command or transaction whose keys hash to different
	// cluster slots and that cannot be split. It is never sent.
	ErrCrossSlot = errors.New("redpipe: keys in different cluster slots")
	// ErrUnexpectedReply is a reply whose shape does not fit the Go type asked for.
	ErrUnexpectedReply = errors.New("redpipe: unexpected reply type")
)
