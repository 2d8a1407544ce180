package keyspace

import (
	"context"

	"github.com/redpipe-go/redpipe"
)

// HyperLogLog is a keyspace of HyperLogLog counters:
//
//	visitors := keyspace.NewHyperLogLog("visitors")
//	visitors.With(ctx, p).PFAdd("2024-05-01", "alice", "bob")
type HyperLogLog struct {
	Keyspace
}

// NewHyperLogLog defines a keyspace of HyperLogLogs. opts choose its connection (On).
func NewHyperLogLog(prefix string, opts ...redpipe.Option) *HyperLogLog {
	return &HyperLogLog{Keyspace: newKeyspace(prefix, opts)}
}

// With binds the keyspace to a scope (see String.With).
func (k *HyperLogLog) With(ctx context.Context, s redpipe.Scope) HyperLogLogCmds {
	return HyperLogLogCmds{KeyCmds: k.bind(ctx, s)}
}

// HyperLogLogCmds are a HyperLogLog keyspace's commands, bound to a scope.
type HyperLogLogCmds struct {
	KeyCmds
}

// PFAdd adds elements: 1 if the estimate changed.
func (b HyperLogLogCmds) PFAdd(id string, elements ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.PFAdd(b.key(id), elements) })
}

// PFCount estimates the number of distinct elements added to ids together
// (several ids: one slot on a cluster).
func (b HyperLogLogCmds) PFCount(ids ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.PFCount(b.keys(ids)...) })
}

// PFMerge stores the union of ids' counters in destID's; "OK".
func (b HyperLogLogCmds) PFMerge(destID string, ids ...string) *redpipe.Future[string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.PFMerge(b.key(destID), b.keys(ids)...) })
}
