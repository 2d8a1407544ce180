package cluster

import (
	"fmt"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// unit is what the router routes and retries as one: a command, a whole
// MULTI...EXEC transaction (its commands must stay back to back on one
// connection), or one slot's part of a split multi-key command.
//
// A batch has a unit per command, so the fields are ordered and sized to
// keep a unit at 104 bytes (from 136): the slab of a 1000-command batch is
// the largest thing the router allocates.
type unit struct {
	cmds []ports.Command
	idx  []int // caller positions of cmds; nil for a split part
	res  []ports.Result
	ask  string // the next attempt goes to this node, behind ASKING

	slot      int32
	redirects int32 // MOVED and ASK followed so far
	retries   int32 // resends after TRYAGAIN, CLUSTERDOWN, ... or an unwritten failure
	readOnly  bool
	tx        bool
	toMaster  bool // a replica failed it: later attempts go to the master
}

// keylessSlot is where commands without a key go: the master serving slot
// 0. A fixed node keeps keyless commands of one batch in their order and
// makes their effects (CLIENT SETNAME, SCRIPT LOAD, ...) predictable.
const keylessSlot = 0

// plan turns a batch into units. Commands refused before sending (keys in
// several slots that cannot be split, bad key positions) get their outcome
// in out at once; split commands are returned for merging afterwards.
//
// blocks are the batch's MULTI ... EXEC blocks (ports.Block), in order:
// each becomes one unit, sent whole to one node.
func plan(cmds []ports.Command, blocks []ports.Block, out []ports.Result) (units []*unit, splits []*split) {
	// One allocation for the units of single commands and transactions
	// (there are at most len(cmds) of them, so slab never moves) and one
	// for their caller positions: a batch of 1000 commands costs two
	// allocations here, not two thousand.
	slab := make([]unit, 0, len(cmds))
	pos := make([]int, len(cmds))
	for i := range pos {
		pos[i] = i
	}
	units = make([]*unit, 0, len(cmds))
	add := func(u unit) {
		slab = append(slab, u)
		units = append(units, &slab[len(slab)-1])
	}
	next := 0 // the first block not yet reached
	for i := 0; i < len(cmds); {
		c := &cmds[i]
		for next < len(blocks) && blocks[next].Start < i {
			next++ // overlapping or out of order: a caller bug, ignored
		}
		if next < len(blocks) && blocks[next].Start == i && blocks[next].End > i && blocks[next].End <= len(cmds) {
			end := blocks[next].End
			next++
			if slot, err := txSlot(cmds[i:end]); err != nil {
				for j := i; j < end; j++ {
					out[j] = ports.Result{Err: err}
				}
			} else {
				add(unit{cmds: cmds[i:end], idx: pos[i:end:end], slot: int32(slot), tx: true})
			}
			i = end
			continue
		}
		slot, other, err := commandSlot(c)
		switch {
		case err != nil:
			out[i] = ports.Result{Err: err}
		case other < 0:
			add(unit{cmds: cmds[i : i+1], idx: pos[i : i+1 : i+1], slot: int32(slot), readOnly: c.ReadOnly})
		case splittable(c.Name()) != mergeNone:
			s := newSplit(i, c)
			splits = append(splits, s)
			units = append(units, s.parts...)
		default:
			out[i] = ports.Result{Err: fmt.Errorf("%w: %s has keys in slots %d and %d, and only MGET, MSET, DEL, UNLINK, EXISTS and TOUCH are split by slot; nothing was sent",
				domain.ErrCrossSlot, c.Name(), slot, other)}
		}
		i++
	}
	return units, splits
}

// txSlot is the one slot every key of a transaction is in.
func txSlot(cmds []ports.Command) (int, error) {
	slot, keyed := keylessSlot, false
	for i := range cmds {
		s, other, err := commandSlot(&cmds[i])
		if err != nil {
			return 0, err
		}
		if len(cmds[i].Keys) == 0 {
			continue
		}
		if other < 0 && (!keyed || s == slot) {
			slot, keyed = s, true
			continue
		}
		if other < 0 {
			other, s = s, slot
		}
		return 0, fmt.Errorf("%w: a MULTI/EXEC transaction has keys in slots %d and %d (%s); a transaction runs on one node, so nothing of it was sent",
			domain.ErrCrossSlot, s, other, cmds[i].Name())
	}
	return slot, nil
}

// commandSlot returns the slot of c's first key and, when another key is in
// a different slot, that slot in other (-1 when all keys share a slot).
func commandSlot(c *ports.Command) (slot, other int, err error) {
	if len(c.Keys) == 0 {
		return keylessSlot, -1, nil
	}
	for _, p := range c.Keys {
		if p < 0 || p >= len(c.Args) {
			return 0, 0, fmt.Errorf("cluster: %s: key position %d is outside its %d arguments; nothing was sent", c.Name(), p, len(c.Args))
		}
	}
	slot, other = domain.Slot(c.Args[c.Keys[0]]), -1
	for _, p := range c.Keys[1:] {
		if s := domain.Slot(c.Args[p]); s != slot {
			return slot, s, nil
		}
	}
	return slot, -1, nil
}
