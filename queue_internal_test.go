package redpipe

import "github.com/redpipe-go/redpipe/ports"

// queuedCmd is one queued command as the internal tests inspect it.
type queuedCmd struct {
	cmd ports.Command
	err error
}

// queued lists the commands queued in the tree so far, in order.
func (t *tree) queued() []queuedCmd {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.q == nil {
		return nil
	}
	out := make([]queuedCmd, len(t.q.entries))
	for i := range t.q.entries {
		out[i] = queuedCmd{cmd: t.q.cmds[i], err: t.q.entries[i].err}
	}
	return out
}
