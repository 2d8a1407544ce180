package ports

import "context"

// MasterNodes is an optional interface of a Clustered backend: it can name
// the cluster's masters, each as a Backend of its own that sends whatever
// it is given to that master alone. The root uses it for what means the
// whole deployment rather than one node: the keyless commands of
// domain.WholeDeployment (DBSIZE, FLUSHDB, SCRIPT LOAD, ...), sent to every
// master at once with their replies merged (domain.MergeMasters), and the
// SCAN iterators, which walk each master's keys with that master's own
// cursor. The adapter only says where the masters are; how they are
// fanned out to, waited for and merged is the root's, once for every
// cluster backend.
type MasterNodes interface {
	// MasterBackends gives one Backend per master serving slots, as the
	// cluster stands now (asking it, when the backend must), returning by
	// ctx's end at the latest. An error means nothing was sent; it is what
	// each whole-deployment command then fails with.
	MasterBackends(ctx context.Context) ([]Backend, error)
}
