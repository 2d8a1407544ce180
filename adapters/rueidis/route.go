package rueidis

import (
	"sort"

	"github.com/redpipe-go/redpipe/ports"
)

// routeKeyless gives keyless commands a slot when the batch's keys are in
// several slots: rueidis's DoMulti panics on a batch mixing keyless
// commands with keys of several slots (cluster.go _pickMulti). When the
// keys are in one slot, keyless commands are left to rueidis, which sends
// them with the others and, seeing MULTI and EXEC keyless, resends a
// redirected transaction as a whole (cluster.go doresultfn).
//
// Otherwise a keyless command rides with a neighbour: inside a MULTI ...
// EXEC (or DISCARD) block, with the block's first keyed command, so that
// the transaction stays on one node; elsewhere, with the keyed command
// before it, or the batch's first one. rueidis then does not see the
// transaction: were a command inside it redirected by MOVED, rueidis would
// resend that command alone, outside the aborted transaction. redpipe's own
// transactions never mix slots (the root refuses them with ErrCrossSlot).
func (bt *batch) routeKeyless(cmds []ports.Command, keyOf []int, blocks []ports.Block) {
	first, several := -1, false
	for j := range bt.built {
		if keyOf[j] == 0 {
			continue
		}
		if first < 0 {
			first = j
		} else if bt.built[j].Slot() != bt.built[first].Slot() {
			several = true
		}
	}
	if !several {
		return
	}
	anchor := make([]int, len(bt.built)) // the keyed command whose slot j takes, or -1
	for j := range anchor {
		anchor[j] = -1
	}
	if blocks == nil {
		blocks = ports.FindBlocks(cmds) // a batch built by hand
	}
	for _, b := range blocks {
		// The built commands of the block: bt.index is increasing.
		from, to := sort.SearchInts(bt.index, b.Start), sort.SearchInts(bt.index, b.End)
		for k := from; k < to; k++ {
			if keyOf[k] > 0 {
				for m := from; m < to; m++ {
					anchor[m] = k
				}
				break
			}
		}
	}
	last := first
	for j := range bt.built {
		switch {
		case keyOf[j] > 0:
			last = j
			continue
		case anchor[j] < 0:
			anchor[j] = last
		}
		k := anchor[j]
		bt.built[j] = bt.built[j].SetSlot(cmds[bt.index[k]].Args[keyOf[k]])
	}
}
