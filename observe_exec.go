package redpipe

import (
	"context"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// observation is one Exec as its Observer sees it. It exists only when the
// Client has an Observer: an Exec without one pays a nil check.
type observation struct {
	obs  Observer
	ctx  context.Context // ExecStart's
	exec ExecInfo
	ctxs []context.Context // BatchStart's, per batch
	// reports are where the backends say what they did with each batch,
	// in its send ctx.
	reports []ports.BatchReport
	panics  []*PanicError
}

// observeStart tells obs that the Exec starts sending batches, then that
// each batch does, and gives each batch the ctx to send with.
func observeStart(ctx context.Context, obs Observer, batches []*batch, entries []entry, labels map[*node]string) *observation {
	ob := &observation{obs: obs, ctx: ctx}
	e := &ob.exec
	e.Start = time.Now()
	e.Batches = make([]*BatchInfo, len(batches))
	infos := make([]BatchInfo, len(batches))
	for i, b := range batches {
		bi := &infos[i]
		bi.Conn, bi.Commands, bi.Transaction, bi.Labels = b.name, b.cmds, b.conn.tx, batchLabels(b, entries, labels)
		if sa, ok := b.conn.backend.(ports.ServerAddresser); ok {
			bi.Server = sa.ServerAddress()
		}
		e.Batches[i] = bi
		e.Labels = addLabels(e.Labels, bi.Labels)
	}
	if len(batches) == 1 {
		e.Commands = batches[0].cmds
	} else {
		for _, b := range batches {
			e.Commands = append(e.Commands, b.cmds...)
		}
	}
	ob.guard("Observer.ExecStart", func() {
		if c := obs.ExecStart(ctx, e); c != nil {
			ob.ctx = c
		}
	})
	ob.ctxs = make([]context.Context, len(batches))
	ob.reports = make([]ports.BatchReport, len(batches))
	for i, bi := range e.Batches {
		ob.ctxs[i] = ob.ctx
		bi.Start = time.Now()
		ob.guard("Observer.BatchStart", func() {
			if c := obs.BatchStart(ob.ctx, bi); c != nil {
				ob.ctxs[i] = c
			}
		})
	}
	return ob
}

// sendCtx is what batch i is sent with: BatchStart's ctx, carrying the
// batch's report.
func (ob *observation) sendCtx(i int) context.Context {
	return ports.ContextWithBatchReport(ob.ctxs[i], &ob.reports[i])
}

// batchesEnd tells the Observer how each batch ended, with the results as
// the backend gave them (before Atomic transactions are unfolded).
func (ob *observation) batchesEnd(batches []*batch) {
	now := time.Now()
	for i, b := range batches {
		bi := ob.exec.Batches[i]
		bi.Results, bi.Duration = b.out, now.Sub(bi.Start)
		bi.Redirects, bi.Retries, bi.CoalescedExecs = ob.reports[i].Counts()
		bi.Servers = ob.reports[i].Servers()
		bi.CacheHits = ob.reports[i].CacheHits()
		ob.guard("Observer.BatchEnd", func() { ob.obs.BatchEnd(ob.ctxs[i], bi) })
	}
}

// finish tells the Observer the Exec ended, and gives what Exec returns:
// errs and panics, with those of the Observer's own calls after them (the
// panic of ExecEnd itself is reported too, though ExecEnd saw Err without
// it).
func (ob *observation) finish(errs []*CommandError, panics []*PanicError) error {
	panics = append(panics, ob.panics...)
	var err error
	if len(errs) > 0 || len(panics) > 0 {
		err = &ExecError{Errors: errs, Panics: panics}
	}
	ob.exec.Err, ob.exec.Duration = err, time.Since(ob.exec.Start)
	ob.panics = nil
	ob.guard("Observer.ExecEnd", func() { ob.obs.ExecEnd(ob.ctx, &ob.exec) })
	if len(ob.panics) == 0 {
		return err
	}
	return &ExecError{Errors: errs, Panics: append(panics, ob.panics...)}
}

// guard runs one call into the Observer, which is the application's code:
// its panic is recorded, never let loose on a command.
func (ob *observation) guard(in string, call func()) {
	defer func() {
		if v := recover(); v != nil {
			ob.panics = append(ob.panics, newPanicError(in, v))
		}
	}()
	call()
}

// batchLabels counts the batch's commands by the label of the pipeline
// that queued each (the nearest labelled one up its tree). An Atomic fold
// counts the commands it holds, not its MULTI and EXEC.
func batchLabels(b *batch, entries []entry, labels map[*node]string) []LabelCount {
	n := len(b.cmds)
	if b.fold != nil {
		n = len(b.fold.cmds)
	}
	var out []LabelCount
	for k := 0; k < n; k++ {
		i := k
		if b.index != nil {
			i = b.index[k]
		}
		out = addLabel(out, entries[i].owner.labelOf(labels), 1)
	}
	return out
}

func addLabels(to, from []LabelCount) []LabelCount {
	for _, lc := range from {
		to = addLabel(to, lc.Label, lc.Commands)
	}
	return to
}

// addLabel adds n commands to label's count; an Exec has few labels, so a
// scan beats a map.
func addLabel(to []LabelCount, label string, n int) []LabelCount {
	for j := range to {
		if to[j].Label == label {
			to[j].Commands += n
			return to
		}
	}
	return append(to, LabelCount{Label: label, Commands: n})
}

// Observers given more than once are told in order.
type observers []Observer

var _ Observer = observers(nil)

func (os observers) ExecStart(ctx context.Context, e *ExecInfo) context.Context {
	for _, o := range os {
		if c := o.ExecStart(ctx, e); c != nil {
			ctx = c
		}
	}
	return ctx
}

func (os observers) BatchStart(ctx context.Context, b *BatchInfo) context.Context {
	for _, o := range os {
		if c := o.BatchStart(ctx, b); c != nil {
			ctx = c
		}
	}
	return ctx
}

func (os observers) BatchEnd(ctx context.Context, b *BatchInfo) {
	for _, o := range os {
		o.BatchEnd(ctx, b)
	}
}

func (os observers) ExecEnd(ctx context.Context, e *ExecInfo) {
	for _, o := range os {
		o.ExecEnd(ctx, e)
	}
}
