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
	out := make([]queuedCmd, len(t.entries))
	for i := range t.entries {
		out[i] = queuedCmd{cmd: t.cmds[i], err: t.entries[i].err}
	}
	return out
}
