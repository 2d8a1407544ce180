package main

import (
	"context"
	"fmt"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/keyspace"
)

// rateWindows names the window counters: a keyspace for its keys only,
// which share the slot of the user's other keys.
var rateWindows = keyspace.NewString("service:rate", redpipe.Int)

// rateScript counts a request in a fixed window: a script, because the
// window's EXPIRE must be set by the request that opens it and by no
// other, which a pipeline cannot decide without waiting for INCR's reply.
var rateScript = redpipe.NewScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then
	redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return n
`)

// CountRequest counts a request of id in the current window and returns
// how many id made in it, this one included.
func CountRequest(ctx context.Context, s redpipe.Scope, id string, window time.Duration) *redpipe.Future[int64] {
	p := s.Pipeline(redpipe.Label("ratelimit"))
	f := p.RunScript(rateScript, []string{rateWindows.Key(id)}, int64(window/time.Second))
	_ = p.Exec(ctx)
	return redpipe.Then(f, func(v any) (int64, error) {
		n, ok := v.(int64)
		if !ok {
			return 0, fmt.Errorf("rate limit script: got %T, want an integer", v)
		}
		return n, nil
	})
}

// LoadScripts loads the scripts into the server, so that no request pays
// the extra round trip of an EVALSHA answered NOSCRIPT.
func LoadScripts(ctx context.Context, s redpipe.Scope) error {
	p := s.Pipeline()
	p.ScriptLoad(rateScript.Source())
	return p.Exec(ctx)
}
