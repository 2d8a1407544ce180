package redpipe

// Scripting: Eval EvalSha EvalRO EvalShaRO ScriptExists ScriptFlush
// ScriptKill ScriptLoad, and RunScript (EVALSHA, then EVAL on NOSCRIPT) —
// Script and NewScript live in script.go, functions (FCALL, FUNCTION) in
// commands_function.go.

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

// scriptCmd queues NAME payload numkeys keys... args... (EVAL, EVALSHA,
// FCALL and their _RO forms), the keys marked for routing. The reply is
// decoded as Do decodes one. Lift leaves script replies as they are: a
// script's true is the integer 1 over RESP2 and a boolean over RESP3, and
// an integer 1 may be just 1, so a script returning a boolean gives int64
// or bool depending on the protocol.
func scriptCmd(p *Pipeline, readOnly bool, name, payload string, keys []string, args []any) *Future[any] {
	b := domain.NewBuilder(readOnly, nil, name, payload, strconv.Itoa(len(keys)))
	b.Str(keys...)
	b.KeysAt(domain.KeysFrom(3, 3+len(keys)))
	return queueBuilt(p, domain.Any, appendValues(b, args))
}

// Eval queues EVAL script numkeys keys... args...: the script's reply as
// Do gives one. Keys are routed like any command's keys (on a cluster
// they must share a slot). The args may also be given as one []string or
// []any. RunScript sends only the script's hash, and is what a script run
// often should use.
func (p *Pipeline) Eval(script string, keys []string, args ...any) *Future[any] {
	return scriptCmd(p, false, "EVAL", script, keys, args)
}

// EvalSha queues EVALSHA sha1 numkeys keys... args...: a script the server
// has cached (ScriptLoad); NOSCRIPT when it has not, unless NewScript made
// the script, when the batch resends it as EVAL as for RunScript.
func (p *Pipeline) EvalSha(sha1 string, keys []string, args ...any) *Future[any] {
	return scriptCmd(p, false, "EVALSHA", sha1, keys, args)
}

// EvalRO queues EVAL_RO (Redis 7.0+): Eval for a script that only reads,
// which may go to a replica; a write in it fails.
func (p *Pipeline) EvalRO(script string, keys []string, args ...any) *Future[any] {
	return scriptCmd(p, true, "EVAL_RO", script, keys, args)
}

// EvalShaRO queues EVALSHA_RO (Redis 7.0+), EvalSha for a read-only script.
func (p *Pipeline) EvalShaRO(sha1 string, keys []string, args ...any) *Future[any] {
	return scriptCmd(p, true, "EVALSHA_RO", sha1, keys, args)
}

// ScriptExists queues SCRIPT EXISTS hashes...: per hash, whether the
// script cache holds it. On a cluster it asks one node, the one the
// client sends keyless commands to.
func (p *Pipeline) ScriptExists(hashes ...string) *Future[[]bool] {
	return queueBuilt(p, domain.Bools, domain.NewBuilder(false, nil, "SCRIPT", "EXISTS").Str(hashes...))
}

// ScriptFlush queues SCRIPT FLUSH, which empties the server's script cache
// for every client of that server.
func (p *Pipeline) ScriptFlush() *Future[string] {
	return queueBuilt(p, domain.Status, domain.NewBuilder(false, nil, "SCRIPT", "FLUSH"))
}

// ScriptKill queues SCRIPT KILL: stops the script running now, if it has
// not written yet.
func (p *Pipeline) ScriptKill() *Future[string] {
	return queueBuilt(p, domain.Status, domain.NewBuilder(false, nil, "SCRIPT", "KILL"))
}

// ScriptLoad queues SCRIPT LOAD script and gives its SHA1, for EvalSha. On
// a cluster it loads the script on one node only, the one the client sends
// keyless commands to.
func (p *Pipeline) ScriptLoad(script string) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, nil, "SCRIPT", "LOAD", script))
}
