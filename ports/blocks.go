package ports

import (
	"context"
	"strings"
)

// Block is one MULTI ... EXEC transaction inside a batch: cmds[Start] is
// MULTI and cmds[End-1] is EXEC (or DISCARD); the commands between them
// are the transaction's.
type Block struct{ Start, End int }

// BlockExecer is implemented by backends for which a MULTI ... EXEC block
// is not just more commands: one that routes each command by its key (a
// cluster, a ring of shards) would send MULTI and EXEC, which have no key,
// to a server of its own choosing and split the transaction. redpipe sends
// a batch holding transactions through ExecBlocks, naming the blocks it
// built, so the backend need not find them again; a batch without
// transactions still goes through Exec.
//
// A backend for one server, where a pipeline is one connection and a block
// runs whole by itself, does not need it.
type BlockExecer interface {
	// ExecBlocks is Exec for a batch whose blocks are given, in order and
	// not overlapping. Each block must run whole, in order, on the one
	// connection of the server that owns its keys, or — when no server
	// owns them all — not be sent at all, every command of it failing
	// with the reason.
	ExecBlocks(ctx context.Context, cmds []Command, blocks []Block, out []Result)
}

// FindBlocks returns the MULTI ... EXEC (or DISCARD) blocks of cmds, for a
// backend's Exec given a batch someone built by hand (Do("MULTI"), ...). A
// MULTI left open runs to the end of the batch.
func FindBlocks(cmds []Command) []Block {
	var blocks []Block
	for i := 0; i < len(cmds); i++ {
		if !strings.EqualFold(cmds[i].Name(), "MULTI") {
			continue
		}
		end := len(cmds)
		for j := i + 1; j < len(cmds); j++ {
			if n := cmds[j].Name(); strings.EqualFold(n, "EXEC") || strings.EqualFold(n, "DISCARD") {
				end = j + 1
				break
			}
		}
		blocks = append(blocks, Block{Start: i, End: end})
		i = end - 1
	}
	return blocks
}
