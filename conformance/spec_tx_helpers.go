package conformance

import (
	"context"
	"fmt"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// TxBackend counts Exec calls like CountingBackend and keeps the optional
// interfaces of the backend it counts, which CountingBackend's embedding
// hides and Watch and WithTransaction need: ports.Pinner (each pinned
// connection it hands out is counted too) and ports.Clustered.
type TxBackend struct {
	*CountingBackend
	mu   sync.Mutex
	pins []*CountingBackend
}

var (
	_ ports.Pinner    = (*TxBackend)(nil)
	_ ports.Clustered = (*TxBackend)(nil)
)

// NewTxBackend counts b.
func NewTxBackend(b ports.Backend) *TxBackend {
	return &TxBackend{CountingBackend: &CountingBackend{Backend: b}}
}

func (t *TxBackend) Pin(ctx context.Context) (ports.Pinned, error) {
	pinner, ok := t.Backend.(ports.Pinner)
	if !ok {
		return nil, fmt.Errorf("conformance: %T does not implement ports.Pinner", t.Backend)
	}
	p, err := pinner.Pin(ctx)
	if err != nil {
		return nil, err
	}
	cp := &countedPin{CountingBackend: &CountingBackend{Backend: p}, p: p}
	t.mu.Lock()
	t.pins = append(t.pins, cp.CountingBackend)
	t.mu.Unlock()
	return cp, nil
}

func (t *TxBackend) Clustered() bool {
	cl, ok := t.Backend.(ports.Clustered)
	return ok && cl.Clustered()
}

// Pins is the number of connections pinned so far.
func (t *TxBackend) Pins() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.pins)
}

// PinnedBatches returns the command names of each Exec call on every
// pinned connection, pin after pin, each in call order.
func (t *TxBackend) PinnedBatches() [][]string {
	t.mu.Lock()
	pins := append([]*CountingBackend(nil), t.pins...)
	t.mu.Unlock()
	var out [][]string
	for _, p := range pins {
		out = append(out, p.Batches()...)
	}
	return out
}

type countedPin struct {
	*CountingBackend
	p ports.Pinned
}

func (c *countedPin) Release() { c.p.Release() }

// txClient returns a client whose DefaultConn is the main backend and
// Second the second server's, each with opts, counted by TxBackends that
// keep the backends' Pin and Clustered.
func (s *Suite) txClient(opts ...redpipe.ConnOption) (*redpipe.Client, *TxBackend, *TxBackend) {
	GinkgoHelper()
	main, other := NewTxBackend(s.Main), NewTxBackend(s.Other)
	c := redpipe.New()
	Expect(c.Connect(redpipe.DefaultConn, main, opts...)).To(Succeed())
	Expect(c.Connect(Second, other, opts...)).To(Succeed())
	return c, main, other
}

// otherSlotKey returns a key unique to the spec whose hash tag differs
// from Key's, so that it hashes to another cluster slot than Key's keys.
func (s *Suite) otherSlotKey(name string) string {
	GinkgoHelper()
	k := fmt.Sprintf("{%s-other}:%s", s.tag[1:len(s.tag)-1], name)
	Expect(domain.Slot(k)).NotTo(Equal(domain.Slot(s.Key(name))), "the two tags must hash to different slots")
	return k
}

// flushScripts empties the script cache of every server the main
// connection may use (every cluster node, or the main server).
func (s *Suite) flushScripts(ctx context.Context) {
	GinkgoHelper()
	addrs := []string{s.MainAddr}
	if s.ClusterNodes != nil {
		addrs = s.ClusterNodes.Addrs()
	}
	for _, a := range addrs {
		_, err := redistest.Do(ctx, a, "SCRIPT", "FLUSH")
		Expect(err).NotTo(HaveOccurred(), "SCRIPT FLUSH on %s", a)
	}
}
