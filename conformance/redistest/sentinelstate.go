package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
)

// WaitReady waits (at most 30 s, less if ctx says so) until every process
// runs, no sentinel is in TILT mode, every sentinel names the same master,
// sees it up (flags exactly
// "master": not down, no failover in progress) and knows the other
// sentinels and one replica, the master says role:master with its replica
// online, and the replica says role:slave of that master, link up, no sync
// in progress. A process that is not running (killed or frozen) fails it at
// once: SharedSentinel revives such a deployment.
//
// The sentinels' own view of the replica is not waited for: they refresh it
// only every 10 s, and a SENTINEL FAILOVER it is too stale for is refused
// (and retried by Failover), never half done.
func (d *Sentinel) WaitReady(ctx context.Context) error {
	return poll(ctx, sentinelReadyCap, "sentinel deployment not ready", d.readyOnce)
}

func (d *Sentinel) readyOnce(ctx context.Context) error {
	for _, s := range slices.Concat(d.Sentinels, d.Nodes) {
		if !s.live() {
			return permanent(fmt.Errorf("%s is not running (or frozen)", s.Addr))
		}
	}
	var master string
	for _, s := range d.Sentinels {
		info, err := doString(ctx, s.Addr, "INFO", "sentinel")
		if err != nil {
			return err
		}
		if infoField(info, "sentinel_tilt") != "0" {
			return fmt.Errorf("sentinel %s is in TILT mode", s.Addr)
		}
		m, err := d.sentinelView(ctx, s.Addr)
		if err != nil {
			return err
		}
		addr := net.JoinHostPort(m["ip"], m["port"])
		if master == "" {
			master = addr
		} else if addr != master {
			return fmt.Errorf("sentinel %s names master %s, sentinel %s names %s", d.Sentinels[0].Addr, master, s.Addr, addr)
		}
		if m["flags"] != "master" {
			return fmt.Errorf("sentinel %s sees master %s as %s", s.Addr, addr, m["flags"])
		}
		if n := m["num-other-sentinels"]; n != strconv.Itoa(len(d.Sentinels)-1) {
			return fmt.Errorf("sentinel %s knows %s other sentinels", s.Addr, n)
		}
		if n := m["num-slaves"]; n != strconv.Itoa(len(d.Nodes)-1) {
			return fmt.Errorf("sentinel %s knows %s replicas", s.Addr, n)
		}
	}
	if d.Node(master) == nil {
		return permanent(fmt.Errorf("sentinels name %s, not one of the deployment's nodes", master))
	}
	for _, n := range d.Nodes {
		if err := d.nodeReady(ctx, n, master); err != nil {
			return err
		}
	}
	return nil
}

// nodeReady checks n's own report of its role against master.
func (d *Sentinel) nodeReady(ctx context.Context, n *Server, master string) error {
	info, err := doString(ctx, n.Addr, "INFO", "replication")
	if err != nil {
		return err
	}
	role := infoField(info, "role")
	if n.Addr == master {
		if role != "master" {
			return fmt.Errorf("master %s says role:%s", n.Addr, role)
		}
		for _, r := range d.Nodes {
			if r != n && !replicaOnline(info, r.Port) {
				return fmt.Errorf("master %s does not list replica %s online", n.Addr, r.Addr)
			}
		}
		return nil
	}
	_, port, _ := net.SplitHostPort(master)
	switch {
	case role != "slave":
		return fmt.Errorf("replica %s says role:%s", n.Addr, role)
	case infoField(info, "master_port") != port:
		return fmt.Errorf("replica %s follows port %s, not %s", n.Addr, infoField(info, "master_port"), master)
	case infoField(info, "master_link_status") != "up":
		return fmt.Errorf("replica %s: master_link_status:%s", n.Addr, infoField(info, "master_link_status"))
	case infoField(info, "master_sync_in_progress") != "0":
		return fmt.Errorf("replica %s is still syncing", n.Addr)
	}
	return nil
}

// replicaOnline: a master's INFO replication has a line
// "slaveN:ip=...,port=PORT,state=online,...".
func replicaOnline(info string, port int) bool {
	for line := range strings.Lines(info) {
		v, ok := strings.CutPrefix(line, "slave")
		if !ok || !strings.Contains(v, ":ip=") {
			continue
		}
		fields := strings.Split(strings.TrimRight(v, "\r\n"), ",")
		if slices.Contains(fields, "port="+strconv.Itoa(port)) && slices.Contains(fields, "state=online") {
			return true
		}
	}
	return false
}

// sentinelView is a sentinel's SENTINEL MASTER reply as field -> value.
func (d *Sentinel) sentinelView(ctx context.Context, sentinel string) (map[string]string, error) {
	v, err := doWithin(ctx, callTimeout, sentinel, "SENTINEL", "MASTER", d.MasterName)
	if err != nil {
		return nil, err
	}
	a, _ := v.([]any)
	if len(a)%2 != 0 {
		return nil, fmt.Errorf("redistest: %s: SENTINEL MASTER replied %#v", sentinel, v)
	}
	m := make(map[string]string, len(a)/2)
	for i := 0; i < len(a); i += 2 {
		k, _ := a[i].(string)
		val, _ := a[i+1].(string)
		m[k] = val
	}
	return m, nil
}

// revive restarts or thaws whatever a test left dead or frozen, puts a
// restarted node back as the replica of the master the sentinels name (a
// restarted node comes up as a master of its own: see StartSentinel), and
// waits until the deployment is ready. Roles may have changed: the
// sentinels fail the master over by themselves 1-2 s after it went.
func (d *Sentinel) revive(ctx context.Context) error {
	d.op.Lock()
	defer d.op.Unlock()
	healthy := true
	var errs []error
	for _, s := range slices.Concat(d.Sentinels, d.Nodes) {
		if !s.live() {
			healthy = false
			errs = append(errs, revive(ctx, s))
		}
	}
	if !healthy {
		for _, s := range d.Sentinels {
			errs = append(errs, tune(ctx, s)) // a restarted one lost it
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if healthy {
		return nil
	}
	var master *Server
	err := poll(ctx, sentinelReadyCap, "no master the sentinels agree on", func(ctx context.Context) error {
		m, err := d.agreedMaster(ctx)
		master = m
		return err
	})
	if err != nil {
		return err
	}
	for _, n := range d.Nodes {
		if n == master {
			continue
		}
		info, err := doString(ctx, n.Addr, "INFO", "replication")
		if err != nil {
			return err
		}
		if infoField(info, "role") == "master" {
			if err := replicaOf(ctx, n, master.Addr); err != nil {
				return err
			}
		}
	}
	return d.WaitReady(ctx)
}

// agreedMaster is the node every sentinel names, provided it says
// role:master itself.
func (d *Sentinel) agreedMaster(ctx context.Context) (*Server, error) {
	var addr string
	for _, s := range d.Sentinels {
		m, err := d.masterFrom(ctx, s.Addr)
		if err != nil {
			return nil, err
		}
		if addr == "" {
			addr = m
		} else if m != addr {
			return nil, fmt.Errorf("sentinels name %s and %s", addr, m)
		}
	}
	n := d.Node(addr)
	if n == nil {
		return nil, fmt.Errorf("sentinels name %s, not one of the deployment's nodes", addr)
	}
	info, err := doString(ctx, n.Addr, "INFO", "replication")
	if err != nil {
		return nil, err
	}
	if role := infoField(info, "role"); role != "master" {
		return nil, fmt.Errorf("%s, named master by the sentinels, says role:%s", n.Addr, role)
	}
	return n, nil
}
