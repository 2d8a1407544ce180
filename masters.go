package redpipe

import (
	"context"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

// mastersSender is the send chain's link of a cluster connection whose
// backend can name every master (ports.MasterNodes): a keyless command
// whose meaning is the whole deployment (domain.WholeDeployment: DBSIZE,
// FLUSHDB, FLUSHALL, KEYS, SCRIPT LOAD/EXISTS/FLUSH, FUNCTION
// LOAD/DELETE/FLUSH/RESTORE) goes to every master and gets the merged reply
// (domain.MergeMasters), instead of one node's.
//
// So that it sees what the batch wrote before it, and the batch's later
// commands see what it did, the batch is cut at each such command: the
// commands before it, then it, then the rest, one after another — a round
// trip per part for a batch holding one, none more for any other batch. A
// part not started once ctx has ended is never sent. Inside a MULTI block
// (ExecBlocks) nothing is cut: a transaction runs on one node.
type mastersSender struct {
	next    ports.Backend
	masters ports.MasterNodes
}

var (
	_ ports.Backend          = (*mastersSender)(nil)
	_ ports.BlockExecer      = (*mastersSender)(nil)
	_ ports.ContextHonouring = (*mastersSender)(nil)
)

// HonoursContext: each part is one Exec of next or one onEveryMaster,
// which returns at ctx's end (a fan-out mastersGrace later at most).
func (m *mastersSender) HonoursContext() bool { return ports.HonoursContext(m.next) }

func (m *mastersSender) ExecBlocks(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if be, ok := m.next.(ports.BlockExecer); ok {
		be.ExecBlocks(ctx, cmds, blocks, out)
		return
	}
	m.next.Exec(ctx, cmds, out)
}

func (m *mastersSender) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	start := 0
	for i := range cmds {
		if !wholeDeployment(&cmds[i]) {
			continue
		}
		if start < i {
			m.next.Exec(ctx, cmds[start:i], out[start:i])
		}
		if err := ctx.Err(); err != nil {
			fill.Ended(out[i:], err, false) // not handed to the backend
			return
		}
		out[i] = domain.MergeMasters(cmds[i].Args, onEveryMaster(ctx, m.masters, cmds[i]))
		start = i + 1
		if start < len(cmds) {
			if err := ctx.Err(); err != nil {
				fill.Ended(out[start:], err, false)
				return
			}
		}
	}
	if start == 0 {
		m.next.Exec(ctx, cmds, out) // the common batch: nothing to cut
		return
	}
	if start < len(cmds) {
		m.next.Exec(ctx, cmds[start:], out[start:])
	}
}

// wholeDeployment: a keyless command for every master. (KEYS with a
// pattern inside one hash tag has that pattern as its key, and goes to
// that tag's node like any keyed command.)
func wholeDeployment(c *ports.Command) bool {
	return len(c.Keys) == 0 && domain.WholeDeployment(c.Args)
}
