package rueidis

import (
	"strings"

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
func (bt *batch) routeKeyless(cmds []ports.Command, keyOf []int) {
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
	name := func(j int) string { return cmds[bt.index[j]].Args[0] }
	for j := 0; j < len(bt.built); j++ {
		if !strings.EqualFold(name(j), "MULTI") {
			continue
		}
		end := j
		for end+1 < len(bt.built) && !strings.EqualFold(name(end), "EXEC") && !strings.EqualFold(name(end), "DISCARD") {
			end++
		}
		for k := j; k <= end; k++ {
			if keyOf[k] > 0 {
				for m := j; m <= end; m++ {
					anchor[m] = k
				}
				break
			}
		}
		j = end
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
