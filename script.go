package redpipe

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Script is a Lua script run by its SHA1 (EVALSHA), so that a batch carries
// only the hash, not the source. Make one with NewScript, once (a package
// variable), and run it with (*Pipeline).RunScript.
type Script struct {
	src string
	sha string
}

// scripts maps the SHA1 of every script made by NewScript to it: when the
// server answers NOSCRIPT to an EVALSHA of one of them (never loaded, or
// flushed, or a failover to a replica that never saw it), the executor
// finds the source here to send EVAL instead.
var (
	scripts      sync.Map // sha1 hex -> *Script
	scriptsInUse atomic.Bool
)

// NewScript returns the script of src, its SHA1 computed here, once. It
// registers the script process-wide, so that any EVALSHA of it (RunScript,
// or Cmd with Script.Args) that meets NOSCRIPT is answered with EVAL.
func NewScript(src string) *Script {
	sum := sha1.Sum([]byte(src))
	s := &Script{src: src, sha: hex.EncodeToString(sum[:])}
	if old, loaded := scripts.LoadOrStore(s.sha, s); loaded {
		s = old.(*Script)
	}
	scriptsInUse.Store(true)
	return s
}

// Hash returns the script's SHA1, in lower-case hex, as EVALSHA and SCRIPT
// EXISTS take it.
func (s *Script) Hash() string { return s.sha }

// Source returns the script's Lua source.
func (s *Script) Source() string { return s.src }

// Args returns the arguments of the script's EVALSHA, for the generic
// helper Cmd: redpipe.Cmd(p, decode, s.Args(keys, args...)...) runs the
// script with a typed decoder, NOSCRIPT handled as for RunScript.
func (s *Script) Args(keys []string, args ...any) []any {
	out := make([]any, 0, 3+len(keys)+len(args))
	out = append(out, "EVALSHA", s.sha, len(keys))
	for _, k := range keys {
		out = append(out, k)
	}
	return append(out, args...)
}

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
	b := newBuilder(false, nil, "EVALSHA", s.sha, strconv.Itoa(len(keys)))
	b.str(keys...)
	b.cmd.Keys = domain.KeysFrom(3, 3+len(keys))
	b.val(args...)
	return queueBuilt(p, domain.Any, b)
}

// registeredScript returns the script an EVALSHA (or EVALSHA_RO) command
// runs, when NewScript made it.
func registeredScript(c *ports.Command) (*Script, bool) {
	if len(c.Args) < 3 || !(strings.EqualFold(c.Args[0], "EVALSHA") || strings.EqualFold(c.Args[0], "EVALSHA_RO")) {
		return nil, false
	}
	s, ok := scripts.Load(strings.ToLower(c.Args[1]))
	if !ok {
		return nil, false
	}
	return s.(*Script), true
}

// asEval is c (an EVALSHA of s) as an EVAL: the same keys and arguments
// after the script, so it is routed the same way.
func asEval(c *ports.Command, s *Script) ports.Command {
	args := make([]string, len(c.Args))
	copy(args, c.Args)
	args[0], args[1] = "EVAL", s.src
	if strings.EqualFold(c.Args[0], "EVALSHA_RO") {
		args[0] = "EVAL_RO"
	}
	return ports.Command{Args: args, Keys: c.Keys, ReadOnly: c.ReadOnly}
}

func isNoScript(err error) bool {
	re, ok := err.(*ports.RedisError)
	return ok && re.Kind() == ports.ErrNoScript
}

// execScripts sends a batch that may hold EVALSHAs of registered scripts:
// on a cluster, one whose keys span slots is refused without sending it;
// after the batch, every EVALSHA answered NOSCRIPT is sent again as EVAL,
// all of them in one more Exec (which a cluster backend fans out to the
// nodes concerned).
func execScripts(ctx context.Context, b ports.Backend, clustered bool, cmds []ports.Command, out []ports.Result) {
	if clustered {
		if kept, idx := refuseCrossSlotScripts(cmds, out); idx != nil {
			if len(kept) > 0 {
				res := make([]ports.Result, len(kept))
				execScripts(ctx, b, false, kept, res)
				for j, i := range idx {
					out[i] = res[j]
				}
			}
			return
		}
	}
	b.Exec(ctx, cmds, out)
	var again []int
	for i := range out {
		if out[i].Err != nil && isNoScript(out[i].Err) {
			if _, ok := registeredScript(&cmds[i]); ok {
				again = append(again, i)
			}
		}
	}
	if len(again) == 0 {
		return
	}
	evals := make([]ports.Command, len(again))
	for j, i := range again {
		s, _ := registeredScript(&cmds[i])
		evals[j] = asEval(&cmds[i], s)
	}
	res := make([]ports.Result, len(evals))
	b.Exec(ctx, evals, res)
	for j, i := range again {
		out[i] = res[j]
	}
}

// refuseCrossSlotScripts fails each registered script's EVALSHA whose keys
// are in several slots and returns the other commands with their
// positions; idx is nil when none was refused.
func refuseCrossSlotScripts(cmds []ports.Command, out []ports.Result) (kept []ports.Command, idx []int) {
	crossSlot := func(c *ports.Command) error {
		if _, ok := registeredScript(c); !ok {
			return nil
		}
		return sameSlot([]ports.Command{*c}, "the script")
	}
	found := false
	for i := range cmds {
		if crossSlot(&cmds[i]) != nil {
			found = true
			break
		}
	}
	if !found {
		return nil, nil
	}
	idx = []int{}
	for i := range cmds {
		if err := crossSlot(&cmds[i]); err != nil {
			out[i] = ports.Result{Err: err}
			continue
		}
		kept = append(kept, cmds[i])
		idx = append(idx, i)
	}
	return kept, idx
}

// sameSlot checks that every key of cmds hashes to one cluster slot.
func sameSlot(cmds []ports.Command, what string) error {
	first, firstKey, keyed := 0, "", false
	for i := range cmds {
		c := &cmds[i]
		for _, p := range c.Keys {
			if p <= 0 || p >= len(c.Args) {
				continue
			}
			k := c.Args[p]
			s := domain.Slot(k)
			if !keyed {
				first, firstKey, keyed = s, k, true
				continue
			}
			if s != first {
				return fmt.Errorf("%w: %s has keys in slots %d (%q) and %d (%q) and must run on one node; nothing of it was sent",
					ErrCrossSlot, what, first, firstKey, s, k)
			}
		}
	}
	return nil
}
