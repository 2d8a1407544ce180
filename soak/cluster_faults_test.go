package soak

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
)

// redisCluster is the 3-master/3-replica cluster, shared by the cluster
// configurations (roles change as the faults go).
type redisCluster struct {
	c *redistest.Cluster
	// hot is the worker whose slot is migrated; set per configuration.
	hot keys
}

func startCluster(ctx context.Context) (*redisCluster, error) {
	c, err := redistest.StartCluster(ctx)
	if err != nil {
		return nil, err
	}
	rc := &redisCluster{c: c}
	for _, n := range c.Nodes {
		if err := makeDurable(ctx, n.Addr); err != nil {
			return nil, errors.Join(err, c.Stop())
		}
	}
	return rc, nil
}

// makeDurable switches a running node to durable's settings. StartCluster
// takes no server arguments, and a restarted node starts with its original
// ones, so this is repeated after every restart. (A cluster's acknowledged
// writes survive a master's SIGKILL through its replica, not its AOF; see
// killMaster.)
func makeDurable(ctx context.Context, addr string) error {
	for i := 0; i+1 < len(durable); i += 2 {
		if _, err := do(ctx, addr, "CONFIG", "SET", strings.TrimPrefix(durable[i], "--"), durable[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func (rc *redisCluster) seeds() []string { return rc.c.Addrs() }

// The cluster schedule: after the warm-up, a master is SIGSTOPped for a
// while too short for a failover; then a master is SIGKILLed and its
// replica takes over (3-5 s with node-timeout 2000), the old master is
// restarted and rejoins as a replica; then another shard is failed over by
// hand (CLUSTER FAILOVER); then the hot worker's slot is migrated to
// another master key by key, so that its pipelines meet -ASK and -MOVED.
// Each step waits until the cluster is ready again before the next.
const (
	clusterWarmup  = 2 * time.Second
	clusterFreeze  = 1500 * time.Millisecond
	restartAfter   = time.Second // the victim stays dead this long after its replica took over
	stepGap        = time.Second // load on a healthy cluster between two faults
	migrationPause = 300 * time.Millisecond
)

func (rc *redisCluster) chaos(ctx context.Context, started time.Time) ([]Fault, error) {
	var done []Fault
	if err := sleepUntil(ctx, started.Add(clusterWarmup)); err != nil {
		return done, err
	}
	what, err := rc.freezeMaster(ctx, started)
	if what.Short != "" {
		done = append(done, what)
	}
	if err != nil {
		return done, err
	}
	time.Sleep(stepGap)
	promoted, what, err := rc.killMaster(ctx, started)
	if what.Short != "" {
		done = append(done, what)
	}
	if err != nil {
		return done, err
	}
	time.Sleep(stepGap)
	what, err = rc.manualFailover(ctx, started, promoted)
	if what.Short != "" {
		done = append(done, what)
	}
	if err != nil {
		return done, err
	}
	time.Sleep(stepGap)
	what, err = rc.migrateSlot(ctx, started)
	if what.Short != "" {
		done = append(done, what)
	}
	return done, err
}

// freezeMaster SIGSTOPs a master for less than the node timeout, so that
// the cluster does not fail it over: its clients' commands are written
// and wait, unanswered, until their deadlines; after SIGCONT the master
// runs what it had read meanwhile.
func (rc *redisCluster) freezeMaster(ctx context.Context, started time.Time) (Fault, error) {
	masters, err := rc.c.Masters(ctx)
	if err != nil {
		return Fault{}, err
	}
	victim := rc.c.Node(masters[len(masters)-1])
	if err := victim.Freeze(); err != nil {
		return Fault{}, err
	}
	frozen := time.Since(started)
	time.Sleep(clusterFreeze)
	if err := victim.Thaw(); err != nil {
		return Fault{}, err
	}
	thawed := time.Since(started)
	if err := rc.c.WaitReady(ctx); err != nil {
		return Fault{}, err
	}
	// A stall of this process can stretch the freeze past the node timeout;
	// then the cluster fails the master over, and the report must say so.
	outcome := "still master: no failover"
	if now, err := rc.c.Masters(ctx); err != nil {
		return Fault{}, err
	} else if !slices.Contains(now, victim.Addr) {
		outcome = "failed over by the cluster: the freeze outlasted the 2 s node timeout"
	}
	return Fault{Short: "master SIGSTOP " + clusterFreeze.String(),
		Detail: fmt.Sprintf("SIGSTOP of master %s at %s, SIGCONT at %s (%s), cluster ready at %s",
			victim.Addr, secs(frozen), secs(thawed), outcome, secs(time.Since(started)))}, nil
}

// killMaster SIGKILLs a master, waits for its replica's promotion, and
// restarts it. Redis replicates asynchronously, so a master killed at a
// random moment takes its last acknowledged writes with it — Redis's loss,
// not the client's. The kill is therefore made the way CLIENT PAUSE's
// documentation describes a controlled switch: writes are paused, the
// replica is waited on until it has the master's whole stream, then the
// master dies. Commands that arrive during the pause are held unexecuted
// and die with the master: their outcome is unknown to the client.
// It returns the promoted replica's address.
func (rc *redisCluster) killMaster(ctx context.Context, started time.Time) (string, Fault, error) {
	masters, err := rc.c.Masters(ctx)
	if err != nil {
		return "", Fault{}, err
	}
	victim := masters[0]
	replica, err := rc.c.ReplicaOf(ctx, victim)
	if err != nil {
		return "", Fault{}, err
	}
	if _, err := do(ctx, victim, "CLIENT", "PAUSE", "3000", "WRITE"); err != nil {
		return "", Fault{}, err
	}
	if err := waitCaughtUp(ctx, victim, replica); err != nil {
		_, _ = do(ctx, victim, "CLIENT", "UNPAUSE")
		return "", Fault{}, err
	}
	node := rc.c.Node(victim)
	if err := node.Kill(); err != nil {
		return "", Fault{}, err
	}
	killed := time.Since(started)
	if err := rc.c.WaitReady(ctx); err != nil {
		return "", Fault{Short: "master SIGKILL", Detail: fmt.Sprintf("SIGKILL of master %s at %s: its replica never took over", victim, secs(killed))}, err
	}
	promotedAt := time.Since(started)
	time.Sleep(restartAfter)
	restarted := time.Since(started)
	if err := node.Restart(ctx); err != nil {
		return replica, Fault{}, err
	}
	if err := makeDurable(ctx, victim); err != nil {
		return replica, Fault{}, err
	}
	if err := rc.c.WaitReady(ctx); err != nil {
		return replica, Fault{}, err
	}
	return replica, Fault{Short: "master SIGKILL, replica promoted, restart",
		Detail: fmt.Sprintf("SIGKILL of master %s at %s (writes paused until its replica had them), replica %s promoted and the cluster ready at %s, old master restarted at %s, back as a replica and the cluster ready at %s",
			victim, secs(killed), replica, secs(promotedAt), secs(restarted), secs(time.Since(started)))}, nil
}

// waitCaughtUp waits (at most 3 s) until replica has received master's
// whole replication stream. With writes paused the master's offset holds
// still.
func waitCaughtUp(ctx context.Context, master, replica string) error {
	end := time.Now().Add(3 * time.Second)
	for {
		m, err := infoInt(ctx, master, "replication", "master_repl_offset")
		if err != nil {
			return err
		}
		r, err := infoInt(ctx, replica, "replication", "slave_repl_offset")
		if err != nil {
			return err
		}
		if r >= m {
			return nil
		}
		if time.Now().After(end) {
			return fmt.Errorf("replica %s at offset %d never caught up with master %s at %d", replica, r, master, m)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// manualFailover makes the replica of a master other than avoid (whose
// shard just failed over: masters do not vote again within about twice the
// node timeout) take over with CLUSTER FAILOVER, which pauses the master's
// clients until the replica has every write, so nothing acknowledged is lost.
func (rc *redisCluster) manualFailover(ctx context.Context, started time.Time, avoid string) (Fault, error) {
	masters, err := rc.c.Masters(ctx)
	if err != nil {
		return Fault{}, err
	}
	i := slices.IndexFunc(masters, func(m string) bool { return m != avoid })
	if i < 0 {
		return Fault{}, errors.New("no master to fail over")
	}
	master := masters[i]
	replica, err := rc.c.ReplicaOf(ctx, master)
	if err != nil {
		return Fault{}, err
	}
	asked := time.Since(started)
	// CLUSTER FAILOVER can do nothing at all (the master not yet listing the
	// replica); ask again, a bounded number of times.
	for attempt := 1; attempt <= 3; attempt++ {
		if _, err := do(ctx, replica, "CLUSTER", "FAILOVER"); err != nil {
			return Fault{}, err
		}
		end := time.Now().Add(2 * time.Second)
		for time.Now().Before(end) {
			role, err := infoField(ctx, replica, "replication", "role")
			if err != nil {
				return Fault{}, err
			}
			if role == "master" {
				switched := time.Since(started)
				if err := rc.c.WaitReady(ctx); err != nil {
					return Fault{}, err
				}
				return Fault{Short: "CLUSTER FAILOVER",
					Detail: fmt.Sprintf("CLUSTER FAILOVER of master %s to its replica %s at %s (switched at %s, attempt %d, cluster ready at %s)",
						master, replica, secs(asked), secs(switched), attempt, secs(time.Since(started)))}, nil
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return Fault{}, fmt.Errorf("CLUSTER FAILOVER: replica %s of %s never became master", replica, master)
}

// migrateSlot moves the hot worker's slot to another master as redis-cli
// does, with pauses between the steps so that the load meets every state:
// IMPORTING/MIGRATING with the keys still on the source, one key moved and
// the others not (-ASK for it), all moved, then the slot handed over on
// every master (-MOVED for clients with the old map).
func (rc *redisCluster) migrateSlot(ctx context.Context, started time.Time) (Fault, error) {
	slot := domain.Slot(rc.hot.incr)
	view, err := rc.view(ctx)
	if err != nil {
		return Fault{}, err
	}
	from := view.owner(slot)
	if from == nil {
		return Fault{}, fmt.Errorf("slot %d has no owner", slot)
	}
	var to *nodeLine
	for i := range view {
		if view[i].master() && len(view[i].slots) > 0 && view[i].addr != from.addr {
			to = &view[i]
			break
		}
	}
	if to == nil {
		return Fault{}, errors.New("no other master to migrate to")
	}
	began := time.Since(started)
	s := strconv.Itoa(slot)
	abort := func(err error) (Fault, error) {
		// Leave no open slot behind: the heal's WaitReady would wait on it.
		_, _ = do(ctx, to.addr, "CLUSTER", "SETSLOT", s, "STABLE")
		_, _ = do(ctx, from.addr, "CLUSTER", "SETSLOT", s, "STABLE")
		return Fault{}, err
	}
	if _, err := do(ctx, to.addr, "CLUSTER", "SETSLOT", s, "IMPORTING", from.id); err != nil {
		return abort(err)
	}
	if _, err := do(ctx, from.addr, "CLUSTER", "SETSLOT", s, "MIGRATING", to.id); err != nil {
		return abort(err)
	}
	time.Sleep(migrationPause)
	host, port, _ := net.SplitHostPort(to.addr)
	moved := 0
	// One key in the first round, the rest after a pause; keys a write
	// creates meanwhile are created on the target (-ASK), so the source
	// empties. Bounded rounds all the same.
	for round, batch := 0, 1; round < 20; round, batch = round+1, 100 {
		v, err := do(ctx, from.addr, "CLUSTER", "GETKEYSINSLOT", s, strconv.Itoa(batch))
		if err != nil {
			return abort(err)
		}
		ks, _ := v.([]any)
		if len(ks) == 0 {
			break
		}
		args := []string{"MIGRATE", host, port, "", "0", "5000", "KEYS"}
		for _, k := range ks {
			args = append(args, fmt.Sprint(k))
		}
		if _, err := do(ctx, from.addr, args...); err != nil {
			return abort(err)
		}
		moved += len(ks)
		time.Sleep(migrationPause)
	}
	order := []string{to.addr, from.addr}
	for _, n := range view {
		if n.master() && len(n.slots) > 0 && !slices.Contains(order, n.addr) {
			order = append(order, n.addr)
		}
	}
	for _, a := range order {
		if _, err := do(ctx, a, "CLUSTER", "SETSLOT", s, "NODE", to.id); err != nil {
			return Fault{}, err
		}
	}
	if err := rc.c.WaitReady(ctx); err != nil {
		return Fault{}, err
	}
	return Fault{Short: "slot migration",
		Detail: fmt.Sprintf("slot %d (the keys of %s) migrated %s -> %s key by key (%d keys moved), %s to %s",
			slot, rc.hot.tag, from.addr, to.addr, moved, secs(began), secs(time.Since(started)))}, nil
}

func (rc *redisCluster) heal(ctx context.Context) error {
	for _, n := range rc.c.Nodes {
		if n.Frozen() {
			if err := n.Thaw(); err != nil {
				return err
			}
		}
		if !n.Running() {
			if err := n.Restart(ctx); err != nil {
				return err
			}
			if err := makeDurable(ctx, n.Addr); err != nil {
				return err
			}
		}
	}
	return rc.c.WaitReady(ctx)
}

// read GETs key from its master, following -MOVED itself: the truth must
// not depend on the router under test.
func (rc *redisCluster) read(ctx context.Context, key string) (int64, error) {
	masters, err := rc.c.Masters(ctx)
	if err != nil {
		return 0, err
	}
	addr := masters[0]
	for range 5 {
		v, err := redistest.Do(ctx, addr, "GET", key)
		var re redistest.ReplyError
		if errors.As(err, &re) && strings.HasPrefix(string(re), "MOVED ") {
			f := strings.Fields(string(re))
			addr = f[len(f)-1]
			continue
		}
		return counterValue(key, v, err)
	}
	return 0, fmt.Errorf("GET %s: too many redirections", key)
}

// nodeLine is one line of CLUSTER NODES.
type nodeLine struct {
	id, addr string
	flags    []string
	slots    [][2]int
}

func (n nodeLine) master() bool { return slices.Contains(n.flags, "master") }

type clusterView []nodeLine

func (rc *redisCluster) view(ctx context.Context) (clusterView, error) {
	masters, err := rc.c.Masters(ctx)
	if err != nil {
		return nil, err
	}
	v, err := do(ctx, masters[0], "CLUSTER", "NODES")
	if err != nil {
		return nil, err
	}
	text, _ := v.(string)
	var out clusterView
	for line := range strings.Lines(text) {
		f := strings.Fields(line)
		if len(f) < 8 {
			continue
		}
		addr, _, _ := strings.Cut(f[1], "@")
		n := nodeLine{id: f[0], addr: addr, flags: strings.Split(f[2], ",")}
		for _, r := range f[8:] {
			if strings.HasPrefix(r, "[") {
				continue // an open-slot marker, not ownership
			}
			lo, hi, isRange := strings.Cut(r, "-")
			if !isRange {
				hi = lo
			}
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("CLUSTER NODES: bad slot range %q", r)
			}
			n.slots = append(n.slots, [2]int{a, b})
		}
		out = append(out, n)
	}
	return out, nil
}

func (v clusterView) owner(slot int) *nodeLine {
	for i := range v {
		for _, r := range v[i].slots {
			if v[i].master() && slot >= r[0] && slot <= r[1] {
				return &v[i]
			}
		}
	}
	return nil
}

// do is redistest.Do bounded to 5 s, for the fault injector's own commands.
func do(ctx context.Context, addr string, args ...string) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return redistest.Do(ctx, addr, args...)
}

func infoField(ctx context.Context, addr, section, field string) (string, error) {
	v, err := do(ctx, addr, "INFO", section)
	if err != nil {
		return "", err
	}
	text, _ := v.(string)
	for line := range strings.Lines(text) {
		if val, ok := strings.CutPrefix(strings.TrimSpace(line), field+":"); ok {
			return val, nil
		}
	}
	return "", fmt.Errorf("%s: INFO %s has no %s", addr, section, field)
}

func infoInt(ctx context.Context, addr, section, field string) (int64, error) {
	s, err := infoField(ctx, addr, section, field)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(s, 10, 64)
}
