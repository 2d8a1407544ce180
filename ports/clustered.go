package ports

// Clustered is implemented by backends that may serve a Redis Cluster,
// where keys are spread over hash slots and what must run together on one
// connection (a MULTI/EXEC transaction, WATCH and the commands after it, a
// script) needs all its keys in one slot. redpipe asks it, by type
// assertion, so that it can refuse such a unit with ErrCrossSlot before
// sending anything, rather than leave the node to answer CROSSSLOT after
// part of the batch has run. A backend that does not implement it is taken
// to be standalone: the server still refuses what spans slots.
type Clustered interface {
	// Clustered reports whether the backend routes commands by key slot.
	Clustered() bool
}
