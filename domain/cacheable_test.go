package domain

import (
	"testing"

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
