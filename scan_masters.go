package redpipe

import (
	"context"
	"iter"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// scanKeys is scanAll over SCAN, which has no key, so one node's cursor
// sees that node's keys alone: on a cluster it walks every master in turn
// (masterScopes), each from cursor 0 to its own end.
func scanKeys(ctx context.Context, s Scope, match string, page func(p *Pipeline, cursor uint64) *Future[ScanResult]) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		scopes, err := masterScopes(ctx, s, match)
		if err != nil {
			yield("", err)
			return
		}
		for _, ms := range scopes {
			for key, err := range scanAll(ctx, ms, 1, page, one) {
				if !yield(key, err) || err != nil {
					return
				}
			}
		}
	}
}

// masterScopes are the scopes a SCAN iteration of s walks: one per master
// when s is a *Client whose connection is a cluster's and whose backend
// names its masters (ports.MasterNodes), each a private client of one
// connection to that master; s alone otherwise — a *Tx's reads run on its
// one node, a match with a literal hash tag is that tag's node's, and
// scanAll refuses a *Pipeline itself.
func masterScopes(ctx context.Context, s Scope, match string) ([]Scope, error) {
	if isNilScope(s) || domain.LiteralHashTag(match) {
		return []Scope{s}, nil
	}
	p := s.Pipeline() // only to learn its connection; nothing is queued
	defer p.discard()
	c, ok := p.tree.conns.(*Client)
	if !ok || p.parent != nil {
		return []Scope{s}, nil
	}
	cn := c.lookup(p.conn)
	if cn == nil || !cn.clustered {
		return []Scope{s}, nil
	}
	mn, ok := cn.backend.(ports.MasterNodes)
	if !ok {
		return []Scope{s}, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	backends, err := mn.MasterBackends(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Scope, len(backends))
	for i, b := range backends {
		mc := newClient(map[string]*conn{DefaultConn: newConn(DefaultConn, b, connOptions{})})
		mc.obs = c.obs
		out[i] = mc
	}
	return out, nil
}
