package redpipe

// SendsAtOnce reports whether the pipelines s gives send their commands at
// their own Exec, as a *Client's and a *Tx's do, rather than handing them
// to a parent, as a *Pipeline's nested ones do. Code that needs a reply
// before it decides what to queue next (an iterator walking pages) can
// only run on such a scope; a nil one gives no pipelines and is false.
func SendsAtOnce(s Scope) bool {
	switch v := s.(type) {
	case nil:
		return false
	case *Client:
		return v != nil
	case *Tx:
		return v != nil
	case *Pipeline:
		return false
	}
	// Another Scope (a wrapper) is asked for a pipeline, which is dropped
	// at once: nothing is queued on it, so nothing reaches a parent.
	p := s.Pipeline()
	defer p.discard()
	return p.parent == nil
}
