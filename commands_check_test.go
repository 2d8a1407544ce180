package redpipe

import (
	"strings"
	"testing"

	"github.com/redpipe-go/redpipe/domain"
)

// The checks every commands_<family>_describe_test.go makes, in one copy.

// argCase is one command queued and the arguments it must go out with.
type argCase struct {
	queue func(p *Pipeline)
	want  string
}

// checkArguments queues each case on a pipeline of its own and holds its
// first command to want, with no queue error.
func checkArguments(t *testing.T, cases []argCase) {
	t.Helper()
	for _, c := range cases {
		p := New().Pipeline()
		c.queue(p)
		q := p.tree.queued()
		if len(q) == 0 {
			t.Errorf("nothing queued, want %q", c.want)
			continue
		}
		if got := strings.Join(q[0].cmd.Args, " "); got != c.want || q[0].err != nil {
			t.Errorf("got %q (err %v), want %q", got, q[0].err, c.want)
		}
	}
}

// checkDescribed reports whether e was queued without error and holds its
// keys and read-only flag to domain.Describe.
func checkDescribed(t *testing.T, e queuedCmd) bool {
	t.Helper()
	if e.err != nil {
		t.Errorf("%q: queue error %v", e.cmd.Args, e.err)
		return false
	}
	if err := domain.CheckDescribed(e.cmd.Args, e.cmd.Keys, e.cmd.ReadOnly); err != nil {
		t.Error(err)
	}
	return true
}
