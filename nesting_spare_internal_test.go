package redpipe

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// The first nested pipelines live inside the tree; the ones after them
// are allocated. Created from several goroutines at once, each must still
// be a pipeline of its own: its commands queued, its nested Exec its own.
func TestNestedPipelinesBeyondTheTreesRoomAreTheirOwn(t *testing.T) {
	root := New().Pipeline()
	const n = 2*len(tree{}.nested) + 2
	pipes := make([]*Pipeline, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			p := root.Pipeline()
			p.Get(fmt.Sprintf("k%d", i))
			if err := p.Exec(t.Context()); err != nil {
				t.Errorf("nested Exec %d: %v", i, err)
			}
			pipes[i] = p
		})
	}
	wg.Wait()
	seen := map[*Pipeline]bool{}
	for i, p := range pipes {
		if seen[p] {
			t.Fatalf("pipeline %d handed out twice", i)
		}
		seen[p] = true
		if p.state != pipeHanded || p.parent != &root.node {
			t.Errorf("pipeline %d: state %v, parent %p, want handed to the root", i, p.state, p.parent)
		}
	}
	var keys []string
	for _, q := range root.tree.queued() {
		keys = append(keys, q.cmd.Args[1])
	}
	slices.Sort(keys)
	want := make([]string, n)
	for i := range n {
		want[i] = fmt.Sprintf("k%d", i)
	}
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("queued keys %v, want %v", keys, want)
	}
}
