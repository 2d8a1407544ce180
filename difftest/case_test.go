package difftest

import (
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// tcase is one method's case: raw commands that arrange both servers
// ("@name" is the case's key name), then calls made both ways.
type tcase struct {
	name    string // the method, as go-redis and redpipe name it
	arrange [][]string
	calls   []call
	// needs names the commands the case sends that are newer than some
	// server ("HGETEX", "client|no-evict" as COMMAND INFO spells a
	// subcommand): on a server that lacks one, the case is skipped and
	// counted as such, never passed.
	needs []string
}

// call is one call made through go-redis against the oracle and queued on
// a redpipe pipeline against the subject.
type call struct {
	oracle func(r *redis.Client, k K) (any, error)
	queue  func(p *redpipe.Pipeline, k K) func() (any, error)
	// norm, when set, is applied to both canonical values before they are
	// compared (a value that depends on time, say).
	norm func(any) any
}

// fut reads a future after Exec, as a comparable pair.
func fut[T any](f *redpipe.Future[T]) func() (any, error) {
	return func() (any, error) { return f.Result() }
}

// c builds a call from its two halves.
func c(o func(r *redis.Client, k K) (any, error), q func(p *redpipe.Pipeline, k K) func() (any, error)) call {
	return call{oracle: o, queue: q}
}

// allCases gathers every family's cases.
func allCases() []tcase {
	var out []tcase
	for _, f := range families {
		out = append(out, f()...)
	}
	return out
}

// families are the case lists, one per file, registered by their files.
var families []func() []tcase

func family(f func() []tcase) bool { families = append(families, f); return true }

// args spells a raw command.
func args(a ...string) []string { return a }

// scanResult puts go-redis's two SCAN results in redpipe's shape.
func scanResult(keys []string, cursor uint64) any {
	return redpipe.ScanResult{Keys: keys, Cursor: cursor}
}

// toZ converts go-redis members (Member any) to redpipe's (Member string).
func toZ(zs []redis.Z) []redpipe.Z {
	out := make([]redpipe.Z, len(zs))
	for i, z := range zs {
		out[i] = redpipe.Z{Score: z.Score, Member: z.Member.(string)}
	}
	return out
}
