package redpipe

// HyperLogLog: PFAdd PFCount PFMerge.

import "github.com/redpipe-go/redpipe/domain"

// PFAdd queues PFADD key elements...: 1 if the estimate changed. The
// elements may also be given as one []string or []any.
func (p *Pipeline) PFAdd(key string, els ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "PFADD", key), els))
}

// PFCount queues PFCOUNT keys...: the estimated cardinality of their union.
func (p *Pipeline) PFCount(keys ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(true, nil, "PFCOUNT").Str(keys...).KeysFrom(1))
}

// PFMerge queues PFMERGE dest keys...
func (p *Pipeline) PFMerge(dest string, keys ...string) *Future[string] {
	return queueBuilt(p, domain.Status, domain.NewBuilder(false, nil, "PFMERGE", dest).Str(keys...).KeysFrom(1))
}
