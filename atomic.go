package redpipe

import (
	"github.com/redpipe-go/redpipe/ports"
)

// Atomic makes a pipeline one MULTI ... EXEC transaction: its commands,
// those of the pipelines nested in it included, run all together or not at
// all, while the rest of the root's batch goes out beside them in the same
// round trip. It is go-redis's TxPipelined, composable: a function that
// must write atomically takes a Scope and opens p.Pipeline(redpipe.Atomic())
// on it, whoever its caller is.
//
// The transaction takes the place of its first command in its connection's
// batch. What WithTransaction promises holds for it: a command Redis
// rejects while queuing (or that redpipe refuses before sending) aborts the
// whole transaction, every future of it getting a *TxAbortedError; a
// command failing while EXEC runs fails alone. On a cluster connection,
// keys in several slots give ErrCrossSlot and nothing of the transaction is
// sent. An Atomic pipeline nested in another is part of the outer
// transaction (MULTI does not nest); on a WithTransaction connection,
// where every batch is one transaction already, Atomic changes nothing.
func Atomic() Option { return func(o *pipelineOptions) { o.atomic = true } }

// foldAtomic folds each batch's Atomic commands into one MULTI ... EXEC per
// Atomic group, and fails at once the groups that cannot be sent: one with
// a command refused before sending (given a *TxAbortedError), or with keys
// in several slots on a cluster connection (ErrCrossSlot).
func foldAtomic(batches []*batch, cmds []ports.Command, entries []entry, fail func(int, error)) []*batch {
	refused := map[*node]int{} // a group's first command refused before sending
	for i := range entries {
		if entries[i].err == nil {
			continue
		}
		if g := entries[i].owner.atomicGroup(); g != nil {
			if _, seen := refused[g]; !seen {
				refused[g] = i
			}
		}
	}
	live := batches[:0]
	for _, b := range batches {
		if !b.conn.tx { // a WithTransaction batch is one transaction already
			foldBatch(b, cmds, entries, refused, fail)
		}
		if len(b.cmds) > 0 {
			live = append(live, b)
		}
	}
	return live
}

func foldBatch(b *batch, cmds []ports.Command, entries []entry, refused map[*node]int, fail func(int, error)) {
	queuePos := func(k int) int {
		if b.index == nil {
			return k
		}
		return b.index[k]
	}
	var groups map[*node][]int // positions in the batch, per group
	var order []*node          // groups by their first command
	for k := range b.cmds {
		if g := entries[queuePos(k)].owner.atomicGroup(); g != nil {
			if groups == nil {
				groups = map[*node][]int{}
			}
			if groups[g] == nil {
				order = append(order, g)
			}
			groups[g] = append(groups[g], k)
		}
	}
	if groups == nil {
		return
	}
	// Groups that cannot be sent fail now and leave the batch.
	dropped := map[int]bool{}
	for _, g := range order {
		var err error
		if r, ok := refused[g]; ok {
			err = &TxAbortedError{Command: cmds[r].Name(), Cause: entries[r].err}
		} else if b.conn.clustered {
			gcmds := make([]ports.Command, len(groups[g]))
			for j, k := range groups[g] {
				gcmds[j] = b.cmds[k]
			}
			err = sameSlot(gcmds, "an Atomic pipeline")
		}
		if err != nil {
			for _, k := range groups[g] {
				fail(queuePos(k), err)
				dropped[k] = true
			}
			delete(groups, g)
		}
	}
	if len(dropped) > 0 {
		keep := make([]int, 0, len(b.cmds)-len(dropped))
		renum := make(map[int]int, len(b.cmds))
		for k := range b.cmds {
			if !dropped[k] {
				renum[k] = len(keep)
				keep = append(keep, queuePos(k))
			}
		}
		for g, ks := range groups {
			for j, k := range ks {
				groups[g][j] = renum[k]
			}
		}
		b.index = keep
		b.cmds = make([]ports.Command, len(keep))
		for k, i := range keep {
			b.cmds[k] = cmds[i]
		}
		b.out = make([]ports.Result, len(keep))
	}
	if len(groups) == 0 {
		return
	}
	f := &atomicFold{cmds: b.cmds, out: b.out, at: make([]int, len(b.cmds))}
	inGroup := make(map[int]*node, len(b.cmds))
	for g, ks := range groups {
		for _, k := range ks {
			inGroup[k] = g
		}
	}
	wire := make([]ports.Command, 0, len(b.cmds)+4*len(groups))
	for k := range b.cmds {
		g := inGroup[k]
		if g == nil {
			f.at[k] = len(wire)
			wire = append(wire, b.cmds[k])
			continue
		}
		f.at[k] = -1
		ks := groups[g]
		if ks[0] != k {
			continue // folded with its group's first command
		}
		gcmds := make([]ports.Command, len(ks))
		for j, m := range ks {
			gcmds[j] = b.cmds[m]
		}
		tx := newTxWire(gcmds)
		f.txs = append(f.txs, foldedTx{start: len(wire), members: ks, tx: tx})
		wire = append(wire, tx.wire...)
	}
	b.fold = f
	b.cmds, b.out = wire, make([]ports.Result, len(wire))
}

// unfold puts the batch back as planned, each command with its result:
// its own wire result, or its element of its transaction's EXEC reply.
func (f *atomicFold) unfold(b *batch) {
	for k, w := range f.at {
		if w >= 0 {
			f.out[k] = b.out[w]
		}
	}
	for _, t := range f.txs {
		res := make([]ports.Result, len(t.members))
		t.tx.results(b.out[t.start:t.start+len(t.tx.wire)], res)
		for j, k := range t.members {
			f.out[k] = res[j]
		}
	}
	b.cmds, b.out, b.fold = f.cmds, f.out, nil
}
