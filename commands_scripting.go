package redpipe

// Scripting: RunScript (EVALSHA, then EVAL on NOSCRIPT) — Script and NewScript
// live in script.go.

import (
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// RunScript queues the script with EVALSHA: keys (routed like any other
// command's keys, so on a cluster they must share a slot, or the future
// gets ErrCrossSlot and nothing is sent) and args (encoded like any
// command argument). The reply is decoded as Do decodes one. When the
// server does not know the script, every command of the batch answered
// NOSCRIPT is sent again with EVAL, in one more round trip (on a cluster,
// to the nodes that answered NOSCRIPT); the others are not resent. A Lua
// error fails only this future. Typed results: Then(f, ...) on the
// future, or Cmd with Script.Args.
func (p *Pipeline) RunScript(s *Script, keys []string, args ...any) *Future[any] {
	if s == nil {
		f := &Future[any]{decode: domain.Any}
		p.enqueue(ports.Command{Args: []string{"EVALSHA"}}, f, fmt.Errorf("%w: RunScript with a nil *Script", ErrInvalidValue))
		return f
	}
	b := domain.NewBuilder(false, nil, "EVALSHA", s.sha, strconv.Itoa(len(keys)))
	b.Str(keys...)
	b.KeysAt(domain.KeysFrom(3, 3+len(keys)))
	b.Val(args...)
	return queueBuilt(p, domain.Any, b)
}
