package domain

import (
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

func TestCacheable(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"GET", "k"}, true},
		{[]string{"get", "k"}, true},
		{[]string{"HGETALL", "k"}, true},
		{[]string{"ZRANGE", "k", "0", "-1", "WITHSCORES"}, true},
		{[]string{"XRANGE", "k", "-", "+"}, true},
		{[]string{"EXPIRETIME", "k"}, true},
		{[]string{"SET", "k", "v"}, false},           // a write
		{[]string{"MGET", "a", "b"}, false},          // two keys
		{[]string{"SINTER", "a", "b"}, false},        // two keys
		{[]string{"OBJECT", "ENCODING", "k"}, false}, // key not first
		{[]string{"EVAL_RO", "return 1", "1", "k"}, false},
		{[]string{"TTL", "k"}, false},           // changes with time
		{[]string{"pttl", "k"}, false},          // changes with time
		{[]string{"SRANDMEMBER", "k"}, false},   // random
		{[]string{"HSCAN", "k", "0"}, false},    // a cursor's page
		{[]string{"XPENDING", "k", "g"}, false}, // idle times
		{[]string{"SORT_RO", "k", "BY", "w_*"}, false},
		{[]string{"TIME"}, false}, // keyless
		{[]string{"DBSIZE"}, false},
		{[]string{"XREAD", "STREAMS", "k", "0"}, false},
	} {
		keys, ro := Describe(c.args)
		cmd := ports.Command{Args: c.args, Keys: keys, ReadOnly: ro}
		if got := Cacheable(&cmd); got != c.want {
			t.Errorf("Cacheable(%q) = %v, want %v (keys %v, read-only %v)", c.args, got, c.want, keys, ro)
		}
	}
	// Positions given by hand rather than by Describe count the same way.
	if Cacheable(&ports.Command{Args: []string{"GET", "k"}, Keys: []int{1}}) {
		t.Error("a command not marked read-only is not cacheable")
	}
}

func TestCachedReadsIndependent(t *testing.T) {
	cmd := func(ttl time.Duration, args ...string) ports.Command {
		keys, ro := Describe(args)
		return ports.Command{Args: args, Keys: keys, ReadOnly: ro, CacheTTL: ttl}
	}
	const m = time.Minute
	for _, c := range []struct {
		name string
		cmds []ports.Command
		want bool
	}{
		{"reads only", []ports.Command{cmd(m, "GET", "a"), cmd(0, "GET", "a"), cmd(0, "HGETALL", "h")}, true},
		{"writes of other keys", []ports.Command{cmd(m, "GET", "a"), cmd(0, "INCR", "n"), cmd(0, "MSET", "b", "1", "c", "2")}, true},
		{"a write of the key after it", []ports.Command{cmd(m, "GET", "a"), cmd(0, "SET", "a", "v")}, false},
		{"a write of the key among several", []ports.Command{cmd(m, "GET", "a"), cmd(0, "MSET", "b", "1", "a", "2")}, false},
		{"a keyless write", []ports.Command{cmd(m, "GET", "a"), cmd(0, "FLUSHDB")}, false},
		{"a transaction of other keys", []ports.Command{cmd(m, "GET", "a"), cmd(0, "MULTI"), cmd(0, "INCR", "n"), cmd(0, "EXEC")}, true},
		{"a transaction writing the key", []ports.Command{cmd(0, "MULTI"), cmd(0, "DEL", "a"), cmd(0, "EXEC"), cmd(m, "GET", "a")}, false},
	} {
		if got := CachedReadsIndependent(c.cmds); got != c.want {
			t.Errorf("%s: CachedReadsIndependent = %v, want %v", c.name, got, c.want)
		}
	}
}
