package ports

import "context"

// MasterFanout is an optional interface of a Clustered backend: it can
// send one command to every master of the cluster, each exactly once. The
// root uses it for the keyless commands whose meaning is the whole
// deployment (domain.WholeDeployment: DBSIZE, FLUSHDB, SCRIPT LOAD, ...),
// which sent to one node would answer for that node alone, and merges the
// replies (domain.MergeMasters).
type MasterFanout interface {
	// ExecOnMasters sends cmd to each master and returns one Result per
	// master, in any order, returning once ctx ends at the latest (a
	// master not answered by then gets ctx's error, outcome unknown).
	ExecOnMasters(ctx context.Context, cmd Command) []Result
}
