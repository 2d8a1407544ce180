package redistest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Cluster is a Redis Cluster of 3 masters and 3 replicas on loopback. Which
// node replicates which is chosen by redis-cli and changes with failovers:
// ask Masters or ReplicaOf, never assume from the order of Nodes.
type Cluster struct {
	Nodes []*Server
	dir   string
}

const (
	clusterSize     = 6
	createLimit     = 30 * time.Second
	clusterReadyCap = 60 * time.Second
)

// StartCluster starts six cluster-enabled nodes, joins them with
// redis-cli --cluster create (one replica per master) and waits until the
// cluster is ready as WaitReady defines it. About 2.5 s on a 2-core machine.
func StartCluster(ctx context.Context) (*Cluster, error) {
	cli, err := lookBinary(CLIBinary())
	if err != nil {
		return nil, err
	}
	if _, err := lookBinary(ServerBinary()); err != nil {
		return nil, err
	}
	base, err := baseDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(base, "cluster-")
	if err != nil {
		return nil, fmt.Errorf("redistest: %w", err)
	}
	c := &Cluster{dir: dir, Nodes: make([]*Server, clusterSize)}

	errs := make([]error, clusterSize)
	var wg sync.WaitGroup
	for i := range clusterSize {
		wg.Go(func() { c.Nodes[i], errs[i] = StartServer(ctx, withCluster(dir)) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		c.Nodes = compact(c.Nodes)
		_ = c.Stop()
		return nil, err
	}
	if err := c.create(ctx, cli); err != nil {
		_ = c.Stop()
		return nil, err
	}
	if err := c.WaitReady(ctx); err != nil {
		_ = c.Stop()
		return nil, err
	}
	return c, nil
}

func compact(nodes []*Server) []*Server {
	var out []*Server
	for _, n := range nodes {
		if n != nil {
			out = append(out, n)
		}
	}
	return out
}

func (c *Cluster) create(ctx context.Context, cli string) error {
	ctx, cancel := context.WithTimeout(ctx, createLimit)
	defer cancel()
	args := append([]string{"--cluster", "create"}, c.Addrs()...)
	args = append(args, "--cluster-replicas", "1", "--cluster-yes")
	cmd := exec.CommandContext(ctx, cli, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	logPath := filepath.Join(c.dir, "create.log")
	_ = os.WriteFile(logPath, out, 0o644)
	if err != nil {
		return fmt.Errorf("redistest: redis-cli --cluster create: %w (output in %s)\n%s", err, logPath, lastLines(string(out), 15))
	}
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Addrs returns every node's host:port, live or not, in Nodes order.
func (c *Cluster) Addrs() []string {
	out := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		out[i] = n.Addr
	}
	return out
}

// Node returns the node listening on addr, or nil.
func (c *Cluster) Node(addr string) *Server {
	for _, n := range c.Nodes {
		if n.Addr == addr {
			return n
		}
	}
	return nil
}

// Stop stops every node, in parallel. Idempotent.
func (c *Cluster) Stop() error {
	errs := make([]error, len(c.Nodes))
	var wg sync.WaitGroup
	for i, n := range c.Nodes {
		wg.Go(func() { errs[i] = n.Stop() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// liveNodes are the nodes that can answer now (running, not frozen).
func (c *Cluster) liveNodes() []*Server {
	var out []*Server
	for _, n := range c.Nodes {
		if n.live() {
			out = append(out, n)
		}
	}
	return out
}
