package difftest

import "strings"

// expected lists the differences that are understood and kept, by call
// ("Method#index", "Method#state" for the final keys) and, when only some
// configurations show it, the configuration's name prefix; the value is
// why the difference stays.
var expected = map[string]string{
	// redpipe's PubSubChannels("") and PubSubShardChannels("") ask for every
	// channel (no pattern sent, as for "*"); go-redis sends "" as a pattern,
	// which matches only a channel named "" (commands_pubsub.go).
	// go-redis replaces any NOSCRIPT reply by its own ErrNoScript, whose
	// text is Redis 7's ("... Please use EVAL."); redpipe keeps the
	// server's, which Valkey 8 shortened to "NOSCRIPT No matching script.".
	// On Redis both texts are the same and this never shows.
	"ScriptLoad#0":   "NOSCRIPT: go-redis's fixed ErrNoScript text vs the server's own (Valkey 8)",
	"ScriptLoad#10":  "NOSCRIPT: go-redis's fixed ErrNoScript text vs the server's own (Valkey 8)",
	"PubSubNumSub#4": `pattern "": every channel (redpipe) vs a pattern matching none (go-redis)`,
	"PubSubNumSub#8": `pattern "": every shard channel (redpipe) vs a pattern matching none (go-redis)`,
}

// expectedDiff reports whether what differs as expected on cfg.
func expectedDiff(cfg, what string) (string, bool) {
	if r, ok := expected[what]; ok {
		return r, true
	}
	for key, r := range expected {
		if at, call, ok := strings.Cut(key, " "); ok && call == what && strings.HasPrefix(cfg, at) {
			return r, true
		}
	}
	return "", false
}
