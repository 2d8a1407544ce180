package redpipe

import (
	"context"
	"iter"

	"github.com/redpipe-go/redpipe/domain"
)

// Iterators over SCAN, SSCAN, HSCAN and ZSCAN. They are named after
// go-redis's ScanIterator (what Scan(...).Iterator() gives there), so a
// go-redis user finds them under the name they know; here they are
// range-over-func sequences:
//
//	for key, err := range redpipe.ScanIterator(ctx, client, "user:*", 0) { ... }
//
// Each page is one Exec of its own on a pipeline of s, so s must be a
// scope whose pipelines send at once: a *Client, or a *Tx's reads. A
// *Pipeline's nested pipelines only send with their root, so one is
// refused with ErrInvalidPipeline before anything is queued. The first
// error (a failed page, a cancelled ctx) is yielded last; breaking out of
// the loop sends nothing more, and no goroutine is left behind. As with
// every SCAN, an element may come more than once.

// ScanIterator iterates over every key matching match (SCAN's MATCH, "" for
// all), count being SCAN's COUNT hint (0: the server's). On a cluster
// connection of a *Client it walks every master, one after another, each
// with its own cursor, when the backend can name them (ports.MasterNodes:
// the router, go-redis's ClusterClient, rueidis's cluster client); a
// match starting with a literal hash tag walks that tag's node alone (see
// Pipeline.Scan), as does a *Tx, whose reads run on its one node.
func ScanIterator(ctx context.Context, s Scope, match string, count int64) iter.Seq2[string, error] {
	return scanKeys(ctx, s, match, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.Scan(c, match, count) })
}

// ScanTypeIterator is ScanIterator over keys of keyType only ("string",
// "hash", ...; "" for any).
func ScanTypeIterator(ctx context.Context, s Scope, match string, count int64, keyType string) iter.Seq2[string, error] {
	return scanKeys(ctx, s, match, func(p *Pipeline, c uint64) *Future[ScanResult] {
		return p.ScanType(c, match, count, keyType)
	})
}

// SScanIterator iterates over the members of the set at key matching match.
func SScanIterator(ctx context.Context, s Scope, key, match string, count int64) iter.Seq2[string, error] {
	return scanAll(ctx, s, 1, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.SScan(key, c, match, count) }, one)
}

// HScanIterator iterates over the fields of the hash at key whose names
// match match, each with its value (go-redis's iterator gives them as
// alternate strings).
func HScanIterator(ctx context.Context, s Scope, key, match string, count int64) iter.Seq2[KeyValue, error] {
	return scanAll(ctx, s, 2, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.HScan(key, c, match, count) },
		func(g []string) (KeyValue, error) { return KeyValue{Key: g[0], Value: g[1]}, nil })
}

// ZScanIterator iterates over the members of the sorted set at key matching
// match, each with its score.
func ZScanIterator(ctx context.Context, s Scope, key, match string, count int64) iter.Seq2[Z, error] {
	return scanAll(ctx, s, 2, func(p *Pipeline, c uint64) *Future[ScanResult] { return p.ZScan(key, c, match, count) },
		func(g []string) (Z, error) {
			score, err := domain.ParseFloat(g[1])
			return Z{Member: g[0], Score: score}, err
		})
}
