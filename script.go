package redpipe

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

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
var scripts sync.Map // sha1 hex -> *Script

// NewScript returns the script of src, its SHA1 computed here, once. It
// registers the script process-wide, so that any EVALSHA of it (RunScript,
// or Cmd with Script.Args) that meets NOSCRIPT is answered with EVAL.
func NewScript(src string) *Script {
	sum := sha1.Sum([]byte(src))
	s := &Script{src: src, sha: hex.EncodeToString(sum[:])}
	if old, loaded := scripts.LoadOrStore(s.sha, s); loaded {
		s = old.(*Script)
	}
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

// registeredScript returns the script an EVALSHA (or EVALSHA_RO) command
// runs, when NewScript made it.
func registeredScript(c *ports.Command) (*Script, bool) {
	// The length test first: this runs for every command of every batch.
	if len(c.Args) < 3 || len(c.Args[0]) != len("EVALSHA") && len(c.Args[0]) != len("EVALSHA_RO") ||
		!(strings.EqualFold(c.Args[0], "EVALSHA") || strings.EqualFold(c.Args[0], "EVALSHA_RO")) {
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

// scriptSender is the send chain's link of a connection without
// WithTransaction: on a cluster, an EVALSHA of a registered script whose
// keys span slots is refused without sending it; after the batch, every
// such EVALSHA answered NOSCRIPT is sent again as EVAL, all of them in one
// more Exec (which a cluster backend fans out to the nodes concerned). It
// costs a batch that runs no script one look at each result's error.
type scriptSender struct {
	next      ports.Backend
	clustered bool
}

var (
	_ ports.Backend          = (*scriptSender)(nil)
	_ ports.ContextHonouring = (*scriptSender)(nil)
)

// HonoursContext: both of its Execs are Execs of next.
func (s *scriptSender) HonoursContext() bool { return ports.HonoursContext(s.next) }

func (s *scriptSender) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if s.clustered {
		if kept, idx := refuseCrossSlotScripts(cmds, out); idx != nil {
			if len(kept) > 0 {
				res := make([]ports.Result, len(kept))
				s.send(ctx, kept, res)
				for j, i := range idx {
					out[i] = res[j]
				}
			}
			return
		}
	}
	s.send(ctx, cmds, out)
}

func (s *scriptSender) send(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	s.next.Exec(ctx, cmds, out)
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
		sc, _ := registeredScript(&cmds[i])
		evals[j] = asEval(&cmds[i], sc)
	}
	res := make([]ports.Result, len(evals))
	s.next.Exec(ctx, evals, res)
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
