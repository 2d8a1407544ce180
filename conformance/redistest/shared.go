package redistest

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Shared servers live for the whole test binary: starting a cluster costs
// ~2.5 s (a Sentinel deployment about as much), too much per test. Main
// stops them.
var shared struct {
	serversMu sync.Mutex
	servers   map[int]*Server

	clusterMu sync.Mutex
	cluster   *Cluster

	sentinelMu sync.Mutex
	sentinel   *Sentinel
}

// SharedServer returns standalone server i (0, 1, ...), starting it on first
// use. Distinct i are distinct servers. A shared server that a test left
// killed or frozen is restarted or thawed before it is handed out again;
// its data is not reset.
func SharedServer(ctx context.Context, i int) (*Server, error) {
	if i < 0 {
		return nil, fmt.Errorf("redistest: SharedServer(%d): index must be >= 0", i)
	}
	shared.serversMu.Lock()
	defer shared.serversMu.Unlock()
	if s := shared.servers[i]; s != nil {
		return s, revive(ctx, s)
	}
	s, err := StartServer(ctx)
	if err != nil {
		return nil, err
	}
	if shared.servers == nil {
		shared.servers = make(map[int]*Server)
	}
	shared.servers[i] = s
	return s, nil
}

// SharedCluster returns the process's cluster, starting it on first use. If
// a test left nodes killed or frozen, they are restarted or thawed and the
// cluster is waited on until ready again; roles may have changed.
func SharedCluster(ctx context.Context) (*Cluster, error) {
	shared.clusterMu.Lock()
	defer shared.clusterMu.Unlock()
	if c := shared.cluster; c != nil {
		healthy := true
		var errs []error
		for _, n := range c.Nodes {
			if !n.live() {
				healthy = false
				errs = append(errs, revive(ctx, n))
			}
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		if !healthy {
			if err := c.WaitReady(ctx); err != nil {
				return nil, err
			}
		}
		return c, nil
	}
	c, err := StartCluster(ctx)
	if err != nil {
		return nil, err
	}
	shared.cluster = c
	return c, nil
}

// SharedSentinel returns the process's Sentinel deployment, starting it on
// first use. Its data nodes keep an append-only file fsynced at every
// write (--appendonly yes --appendfsync always), so that a node restarted
// after a test killed it comes back with every write it acknowledged. If a
// test left a process killed or frozen, it is restarted or thawed, a
// restarted node rejoins as the replica of the master the sentinels name,
// and the deployment is waited on until ready again; roles may have
// changed.
func SharedSentinel(ctx context.Context) (*Sentinel, error) {
	shared.sentinelMu.Lock()
	defer shared.sentinelMu.Unlock()
	if d := shared.sentinel; d != nil {
		return d, d.revive(ctx)
	}
	d, err := StartSentinel(ctx, WithArgs("--appendonly", "yes", "--appendfsync", "always"))
	if err != nil {
		return nil, err
	}
	shared.sentinel = d
	return d, nil
}

func revive(ctx context.Context, s *Server) error {
	if s.Frozen() {
		if err := s.Thaw(); err == nil {
			return nil
		}
	}
	if !s.Running() {
		return s.Restart(ctx)
	}
	return nil
}
