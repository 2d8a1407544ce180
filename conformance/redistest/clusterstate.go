package redistest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// WaitReady waits (at most 60 s, less if ctx says so) until every live node
// (running and not frozen) reports cluster_state:ok, all live nodes agree on
// which node owns which slots (all 16384 covered, none open), every live node
// sees every other live node as healthy, and every live replica's
// master_link_status is up, and no live node is seen as a master without
// slots (a replica whose role has not spread yet). Killed or frozen nodes are left out, and no slot
// may be owned by one of them, so after killing (or freezing) a master this
// waits for its replica to take over (3-5 s with node-timeout 2000).
func (c *Cluster) WaitReady(ctx context.Context) error {
	return poll(ctx, clusterReadyCap, "cluster not ready", c.readyOnce)
}

func (c *Cluster) readyOnce(ctx context.Context) error {
	live := c.liveNodes()
	if len(live) == 0 {
		return permanent(errors.New("no live node"))
	}
	liveAddrs := make([]string, len(live))
	for i, n := range live {
		liveAddrs[i] = n.Addr
	}
	var want string
	for _, n := range live {
		info, err := doString(ctx, n.Addr, "CLUSTER", "INFO")
		if err != nil {
			return err
		}
		if st := infoField(info, "cluster_state"); st != "ok" {
			return fmt.Errorf("%s: cluster_state:%s", n.Addr, st)
		}
		text, err := doString(ctx, n.Addr, "CLUSTER", "NODES")
		if err != nil {
			return err
		}
		view := parseClusterNodes(text)
		if err := view.check(liveAddrs); err != nil {
			return fmt.Errorf("%s: %w", n.Addr, err)
		}
		if sig := view.signature(); want == "" {
			want = sig
		} else if sig != want {
			return fmt.Errorf("%s disagrees on the slot map with %s", n.Addr, live[0].Addr)
		}
		repl, err := doString(ctx, n.Addr, "INFO", "replication")
		if err != nil {
			return err
		}
		if infoField(repl, "role") == "slave" {
			if st := infoField(repl, "master_link_status"); st != "up" {
				return fmt.Errorf("%s: replica master_link_status:%s", n.Addr, st)
			}
		}
	}
	return nil
}

// Masters returns the addresses of the current masters that serve slots,
// sorted. Each live node is asked about itself (its "myself" line in CLUSTER
// NODES), which is authoritative for its own role even while gossip about a
// failover is still spreading.
func (c *Cluster) Masters(ctx context.Context) ([]string, error) {
	selves, err := c.selfViews(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for addr, e := range selves {
		if e.has("master") && len(e.slots) > 0 {
			out = append(out, addr)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("redistest: no live master")
	}
	slices.Sort(out)
	return out, nil
}

// ReplicaOf returns the address of a live replica of the master at
// masterAddr (the lowest, if it has several).
func (c *Cluster) ReplicaOf(ctx context.Context, masterAddr string) (string, error) {
	selves, err := c.selfViews(ctx)
	if err != nil {
		return "", err
	}
	m, ok := selves[masterAddr]
	if !ok {
		return "", fmt.Errorf("redistest: %s is not a live node of this cluster", masterAddr)
	}
	var out []string
	for addr, e := range selves {
		if e.has("slave") && e.master == m.id {
			out = append(out, addr)
		}
	}
	if len(out) == 0 {
		return "", fmt.Errorf("redistest: %s has no live replica", masterAddr)
	}
	slices.Sort(out)
	return out[0], nil
}

// selfViews asks every live node, in parallel, for its own CLUSTER NODES line.
func (c *Cluster) selfViews(ctx context.Context) (map[string]nodeEntry, error) {
	live := c.liveNodes()
	entries := make([]nodeEntry, len(live))
	errs := make([]error, len(live))
	var wg sync.WaitGroup
	for i, n := range live {
		wg.Go(func() {
			text, err := doString(ctx, n.Addr, "CLUSTER", "NODES")
			if err != nil {
				errs[i] = err
				return
			}
			for _, e := range parseClusterNodes(text) {
				if e.has("myself") {
					entries[i] = e
					return
				}
			}
			errs[i] = fmt.Errorf("redistest: %s: no myself line in CLUSTER NODES", n.Addr)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make(map[string]nodeEntry, len(live))
	for i, n := range live {
		out[n.Addr] = entries[i]
	}
	return out, nil
}

// nodeEntry is one line of CLUSTER NODES:
// <id> <ip:port@cport[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slot>...
type nodeEntry struct {
	id, addr, master string
	flags            []string
	slots            []string // "0-5460", "5461"; open-slot markers "[..]" dropped
	open             bool     // has an importing/migrating slot
}

func (e nodeEntry) has(flag string) bool { return slices.Contains(e.flags, flag) }

type clusterView []nodeEntry

func parseClusterNodes(text string) clusterView {
	var v clusterView
	for line := range strings.Lines(text) {
		f := strings.Fields(line)
		if len(f) < 8 {
			continue
		}
		addr, _, _ := strings.Cut(f[1], "@")
		e := nodeEntry{id: f[0], addr: addr, flags: strings.Split(f[2], ","), master: f[3]}
		for _, s := range f[8:] {
			if strings.HasPrefix(s, "[") {
				e.open = true
				continue
			}
			e.slots = append(e.slots, s)
		}
		v = append(v, e)
	}
	return v
}

// check: all slots covered by live nodes, none open, every live node known
// and healthy.
func (v clusterView) check(liveAddrs []string) error {
	covered := 0
	for _, e := range v {
		if e.open {
			return fmt.Errorf("node %s has an open slot", e.addr)
		}
		// Right after a master is killed every survivor still says ok and
		// agrees; what is wrong is that a dead node owns slots.
		if len(e.slots) > 0 && !slices.Contains(liveAddrs, e.addr) {
			return fmt.Errorf("slots owned by %s, which is not live", e.addr)
		}
		for _, r := range e.slots {
			lo, hi, isRange := strings.Cut(r, "-")
			a, err1 := strconv.Atoi(lo)
			b := a
			var err2 error
			if isRange {
				b, err2 = strconv.Atoi(hi)
			}
			if err1 != nil || err2 != nil {
				return fmt.Errorf("bad slot range %q", r)
			}
			covered += b - a + 1
		}
	}
	if covered != 16384 {
		return fmt.Errorf("%d of 16384 slots assigned", covered)
	}
	for _, addr := range liveAddrs {
		i := slices.IndexFunc(v, func(e nodeEntry) bool { return e.addr == addr })
		if i < 0 {
			return fmt.Errorf("does not know %s", addr)
		}
		for _, bad := range []string{"fail", "fail?", "handshake", "noaddr"} {
			if v[i].has(bad) {
				return fmt.Errorf("sees %s as %s", addr, bad)
			}
		}
		// Right after a full sync, replicas are still listed as masters
		// without slots (Redis 7.0), and a master streams nothing to a
		// replica until its first REPLCONF ACK: a failover then would lose
		// acknowledged writes. Every live node is a slot owner or a replica.
		if v[i].has("master") && len(v[i].slots) == 0 {
			return fmt.Errorf("sees %s as a master without slots", addr)
		}
	}
	return nil
}

// signature is the slot map, comparable across nodes (like redis-cli's
// "all nodes agree about slots configuration").
func (v clusterView) signature() string {
	var parts []string
	for _, e := range v {
		if len(e.slots) > 0 {
			s := slices.Clone(e.slots)
			slices.Sort(s)
			parts = append(parts, e.id+":"+strings.Join(s, ","))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, "|")
}
