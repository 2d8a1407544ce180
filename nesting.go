package redpipe

// node is a pipeline's place in its tree: each queued command and callback
// names the node of the pipeline that queued it, so that at the root's Exec
// those of a nested pipeline that was never executed in time are dropped.
// It knows nothing else of a pipeline, so the queue and the executor do not
// depend on what a Pipeline is.
type node struct {
	parent *node     // nil for the root
	state  pipeState // guarded by tree.mu
	why    error     // why a dropped pipeline was dropped; guarded by tree.mu
	atomic bool      // Atomic(): its commands, nested ones included, are one transaction
}

// labelOf is the label n's commands count under: that of the nearest
// labelled pipeline at or above n (labels: the tree's, see tree.labels),
// "" when none is.
func (n *node) labelOf(labels map[*node]string) string {
	if labels == nil {
		return ""
	}
	for q := n; q != nil; q = q.parent {
		if l, ok := labels[q]; ok {
			return l
		}
	}
	return ""
}

// atomicGroup returns the outermost Atomic pipeline at or above n, whose
// commands form one transaction (MULTI cannot nest), or nil.
func (n *node) atomicGroup() *node {
	var g *node
	for q := n; q != nil; q = q.parent {
		if q.atomic {
			g = q
		}
	}
	return g
}

type pipeState uint8

const (
	pipeOpen    pipeState = iota // accepting commands
	pipeHanded                   // nested: executed, its commands belong to its parent
	pipeDropped                  // nested: executed too late, or never before its root did
	pipeSent                     // root: executed
)

// entry is what redpipe knows about one queued command besides the command.
type entry struct {
	conn  string
	owner *node
	sink  sink
	err   error // set when queued: the command is never sent
}

// callback is an OnExec function and the pipeline that registered it.
type callback struct {
	owner *node
	fn    func()
}

// undelivered returns nil when n's commands reach the root (n and every
// ancestor below the root executed in time), and otherwise why not.
// Called with tree.mu held.
func (n *node) undelivered() error {
	for q := n; q.parent != nil; q = q.parent {
		switch q.state {
		case pipeHanded:
		case pipeDropped:
			return q.why
		default:
			return errNeverExecuted
		}
	}
	return nil
}

// within reports whether n is anc or nested (at any depth) in anc.
func (n *node) within(anc *node) bool {
	for q := n; q != nil; q = q.parent {
		if q == anc {
			return true
		}
	}
	return false
}
