package conformance

import (
	"context"
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// deployment is where a spec of deployment-wide commands (SCRIPT LOAD,
// FUNCTION LOAD/DELETE/RESTORE, DBSIZE, ...) runs. On a standalone or
// sentinel server it is the suite's Client, every Exec one counted round
// trip. On a cluster it is a Client connected to the main backend as it
// is: the suite's own Client counts calls through a wrapper that hides the
// backend's optional interfaces, ports.MasterNodes among them, and without
// it such commands would reach one master. There a fan-out's round trips
// (one per master) are not counted.
type deployment struct {
	s       *Suite
	Client  *redpipe.Client
	counted bool
}

// deployment skips the spec on a cluster whose backend cannot name its
// masters: what a deployment-wide command loads or deletes would then be
// missing where later commands go.
func (s *Suite) deployment() deployment {
	GinkgoHelper()
	if s.Topology() != Cluster {
		return deployment{s: s, Client: s.Client, counted: true}
	}
	if _, ok := s.Main.(ports.MasterNodes); !ok {
		Skip(fmt.Sprintf("%T does not implement ports.MasterNodes: on a cluster its deployment-wide commands reach one master", s.Main))
	}
	var opts []redpipe.ConnOption
	if s.Coalescing() {
		opts = append(opts, redpipe.WithCoalescing())
	}
	c := redpipe.New()
	Expect(c.Connect(redpipe.DefaultConn, s.Main, opts...)).To(Succeed())
	return deployment{s: s, Client: c}
}

// Exec executes p expecting success, in one round trip where counted.
func (d deployment) Exec(ctx context.Context, p *redpipe.Pipeline) {
	GinkgoHelper()
	if d.counted {
		d.s.ExecOnce(ctx, p)
		return
	}
	Expect(p.Exec(ctx)).To(Succeed())
}

// ExecFailing executes p, holding commands meant to fail, expecting an
// error, in one round trip where counted.
func (d deployment) ExecFailing(ctx context.Context, p *redpipe.Pipeline) {
	GinkgoHelper()
	if d.counted {
		d.s.ExecOnceFailing(ctx, p)
		return
	}
	Expect(p.Exec(ctx)).To(HaveOccurred())
}
