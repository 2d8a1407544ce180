package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Sentinel is a Redis Sentinel deployment on loopback: two data nodes, a
// master and its replica, watched by three sentinels with a quorum of 2.
// Which node is the master changes with Failover (and with any failover the
// sentinels start themselves): ask Master, never assume it from the order
// of Nodes.
type Sentinel struct {
	MasterName string    // the name the sentinels monitor the master under
	Nodes      []*Server // the data nodes; Nodes[0] is the first master
	Sentinels  []*Server // the sentinel processes
	dir        string

	op sync.Mutex // one Failover or revival at a time
}

const (
	sentinelMasterName = "redpipe"
	sentinelCount      = 3
	sentinelQuorum     = 2
	sentinelReadyCap   = 30 * time.Second
	failoverCap        = 30 * time.Second
)

// sentinelConf is what every sentinel starts with. The timeouts are short
// so that a test's failover takes seconds, not minutes (defaults: 30 s and
// 3 min).
func sentinelConf(name string, masterPort int) string {
	return fmt.Sprintf("sentinel monitor %[1]s 127.0.0.1 %[2]d %[3]d\n"+
		"sentinel down-after-milliseconds %[1]s 1000\n"+
		"sentinel failover-timeout %[1]s 5000\n", name, masterPort, sentinelQuorum)
}

// StartSentinel starts a master and a replica (opts apply to both, for
// example WithArgs("--appendonly", "yes")), then three sentinels monitoring
// the master, and waits until the deployment is ready as WaitReady defines
// it. About 2-3 s, most of it the sentinels discovering each other (they
// announce themselves every 2 s).
func StartSentinel(ctx context.Context, opts ...ServerOption) (*Sentinel, error) {
	if _, err := lookBinary(ServerBinary()); err != nil {
		return nil, err
	}
	base, err := baseDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(base, "sentinel-")
	if err != nil {
		return nil, fmt.Errorf("redistest: %w", err)
	}
	d := &Sentinel{MasterName: sentinelMasterName, dir: dir}

	// Either node can become the master: neither makes a new replica wait
	// 5 s for its full sync. The replica is set up with REPLICAOF, not on
	// its command line, so that a Restart never brings a node back as the
	// replica of whichever node it followed at the start.
	nodeOpts := append([]ServerOption{withParent(dir), WithArgs("--repl-diskless-sync-delay", "0")}, opts...)
	d.Nodes = make([]*Server, 2)
	if err := startAll(d.Nodes, func() (*Server, error) { return StartServer(ctx, nodeOpts...) }); err != nil {
		_ = d.Stop()
		return nil, err
	}
	if err := replicaOf(ctx, d.Nodes[1], d.Nodes[0].Addr); err != nil {
		_ = d.Stop()
		return nil, err
	}
	conf := sentinelConf(d.MasterName, d.Nodes[0].Port)
	d.Sentinels = make([]*Server, sentinelCount)
	if err := startAll(d.Sentinels, func() (*Server, error) {
		s, err := StartServer(ctx, withSentinel(dir, conf))
		if err == nil {
			err = tune(ctx, s)
		}
		return s, err
	}); err != nil {
		_ = d.Stop()
		return nil, err
	}
	if err := d.WaitReady(ctx); err != nil {
		_ = d.Stop()
		return nil, err
	}
	return d, nil
}

// startAll fills dst with servers started in parallel; on error the
// started ones are in dst (the others nil) for the caller to stop.
func startAll(dst []*Server, start func() (*Server, error)) error {
	errs := make([]error, len(dst))
	var wg sync.WaitGroup
	for i := range dst {
		wg.Go(func() { dst[i], errs[i] = start() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// tune shortens a sentinel's TILT period from 30 s to 3 s. A sentinel
// whose timer ran more than 2 s late (a 2-core machine running other tests
// can starve it that long) enters TILT and acts on nothing, a requested
// failover included, until the period has passed without another such
// delay. The setting lives only in the running process: a restarted
// sentinel is tuned again.
func tune(ctx context.Context, sentinel *Server) error {
	if _, err := doWithin(ctx, callTimeout, sentinel.Addr, "SENTINEL", "DEBUG", "tilt-period", "3000"); err != nil {
		return fmt.Errorf("redistest: SENTINEL DEBUG tilt-period on %s: %w", sentinel.Addr, err)
	}
	return nil
}

// replicaOf makes n a replica of the master at addr.
func replicaOf(ctx context.Context, n *Server, addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("redistest: %w", err)
	}
	if _, err := doWithin(ctx, callTimeout, n.Addr, "REPLICAOF", host, port); err != nil {
		return fmt.Errorf("redistest: REPLICAOF %s on %s: %w", addr, n.Addr, err)
	}
	return nil
}

// SentinelAddrs returns every sentinel's host:port, live or not, in
// Sentinels order: what a sentinel-aware client is given.
func (d *Sentinel) SentinelAddrs() []string {
	out := make([]string, len(d.Sentinels))
	for i, s := range d.Sentinels {
		out[i] = s.Addr
	}
	return out
}

// Node returns the data node listening on addr, or nil.
func (d *Sentinel) Node(addr string) *Server {
	for _, n := range d.Nodes {
		if n.Addr == addr {
			return n
		}
	}
	return nil
}

// Master returns the address of the current master as the sentinels report
// it (SENTINEL GET-MASTER-ADDR-BY-NAME), from the first live sentinel that
// answers — what a sentinel-aware client is told when it connects.
func (d *Sentinel) Master(ctx context.Context) (string, error) {
	var errs []error
	for _, s := range d.Sentinels {
		if !s.live() {
			continue
		}
		addr, err := d.masterFrom(ctx, s.Addr)
		if err == nil {
			return addr, nil
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return "", errors.New("redistest: no live sentinel")
	}
	return "", errors.Join(errs...)
}

func (d *Sentinel) masterFrom(ctx context.Context, sentinel string) (string, error) {
	v, err := doWithin(ctx, callTimeout, sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", d.MasterName)
	if err != nil {
		return "", err
	}
	a, _ := v.([]any)
	if len(a) != 2 {
		return "", fmt.Errorf("redistest: %s: SENTINEL GET-MASTER-ADDR-BY-NAME replied %#v", sentinel, v)
	}
	host, _ := a[0].(string)
	port, _ := a[1].(string)
	return net.JoinHostPort(host, port), nil
}

// Failover moves the master role to the replica with SENTINEL FAILOVER and
// returns once the switch is complete: every sentinel names the new master,
// the new master says role:master, and the old master has become its
// replica with the link up and no sync in progress.
//
// SENTINEL FAILOVER alone loses acknowledged writes under load: the
// sentinel promotes the replica without stopping the old master first, so
// the old master goes on acknowledging writes from clients still connected
// to it until they hear of the switch, and those vanish when it resyncs as
// a replica (measured here: 8 go-redis clients doing INCR lost 15085 of
// 58000 acknowledged increments). Failover therefore fences the old master
// before asking for the failover, as an operator does for a planned
// switchover: it refuses every write from then on (min-replicas-to-write
// above its replica count: NOREPLICAS, a command refused, never run), and
// Failover waits until the replica has processed everything the old master
// ran. Clients see errors for writes sent during the switch, never a lost
// write (the same measurement: 0 lost).
//
// As soon as the sentinels agree on the new master, Failover makes the old
// one its replica (REPLICAOF, then CLIENT KILL TYPE normal, what a sentinel
// sends), instead of leaving that to the sentinels: they do it only at
// their first look at it 8 s after the switch, which takes ~10 s.
func (d *Sentinel) Failover(ctx context.Context) error {
	d.op.Lock()
	defer d.op.Unlock()
	ctx, cancel := context.WithTimeout(ctx, failoverCap)
	defer cancel()
	if err := d.WaitReady(ctx); err != nil {
		return err
	}
	oldAddr, err := d.Master(ctx)
	if err != nil {
		return err
	}
	old := d.Node(oldAddr)
	i := slices.IndexFunc(d.Nodes, func(n *Server) bool { return n != old })
	if old == nil || i < 0 {
		return fmt.Errorf("redistest: sentinels name %s, not one of the deployment's two nodes", oldAddr)
	}
	target := d.Nodes[i]

	unfence, err := d.fence(ctx, old, target)
	if err != nil {
		return err
	}
	if err := d.sentinelFailover(ctx); err != nil {
		return errors.Join(err, unfence())
	}
	if err := poll(ctx, failoverCap, "sentinels did not switch to "+target.Addr, func(ctx context.Context) error {
		return d.switchedTo(ctx, target)
	}); err != nil {
		return errors.Join(err, unfence())
	}
	if err := replicaOf(ctx, old, target.Addr); err != nil {
		return errors.Join(err, unfence())
	}
	// A replica ignores min-replicas-to-write, but it is the node's own
	// setting again should it be promoted later.
	if err := unfence(); err != nil {
		return err
	}
	// Clients still on the old master learn at once that they must move,
	// instead of at their next write (READONLY).
	if _, err := doWithin(ctx, callTimeout, old.Addr, "CLIENT", "KILL", "TYPE", "normal"); err != nil {
		return fmt.Errorf("redistest: CLIENT KILL TYPE normal on %s: %w", old.Addr, err)
	}
	return d.WaitReady(ctx)
}

// fence makes m refuse writes and waits until its replica r has processed
// every write m ran. unfence restores m's settings; it is bounded on its own
// so that it still runs when ctx has ended.
func (d *Sentinel) fence(ctx context.Context, m, r *Server) (unfence func() error, err error) {
	v, err := doWithin(ctx, callTimeout, m.Addr, "CONFIG", "GET", "min-replicas-*")
	if err != nil {
		return nil, fmt.Errorf("redistest: fencing %s: %w", m.Addr, err)
	}
	orig := []string{"CONFIG", "SET"}
	if a, _ := v.([]any); len(a) == 4 {
		for _, e := range a {
			s, _ := e.(string)
			orig = append(orig, s)
		}
	} else {
		return nil, fmt.Errorf("redistest: fencing %s: CONFIG GET min-replicas-* replied %#v", m.Addr, v)
	}
	unfence = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		if _, err := Do(ctx, m.Addr, orig...); err != nil {
			return fmt.Errorf("redistest: unfencing %s: %w", m.Addr, err)
		}
		return nil
	}
	// More good replicas than it has: every write is refused. The lag bound
	// must be non-zero for the rule to apply at all.
	if _, err := doWithin(ctx, callTimeout, m.Addr, "CONFIG", "SET",
		"min-replicas-to-write", strconv.Itoa(len(d.Nodes)), "min-replicas-max-lag", "10"); err != nil {
		return nil, errors.Join(fmt.Errorf("redistest: fencing %s: %w", m.Addr, err), unfence())
	}
	// Everything m ran is in its replication stream by now: a command is
	// propagated as it runs.
	info, err := doString(ctx, m.Addr, "INFO", "replication")
	if err != nil {
		return nil, errors.Join(err, unfence())
	}
	want, err := strconv.ParseInt(infoField(info, "master_repl_offset"), 10, 64)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("redistest: %s master_repl_offset: %w", m.Addr, err), unfence())
	}
	err = poll(ctx, failoverCap, "replica "+r.Addr+" did not catch up with "+m.Addr, func(ctx context.Context) error {
		info, err := doString(ctx, r.Addr, "INFO", "replication")
		if err != nil {
			return err
		}
		got, err := strconv.ParseInt(infoField(info, "slave_repl_offset"), 10, 64)
		if err != nil {
			return fmt.Errorf("slave_repl_offset: %w", err)
		}
		if got < want {
			return fmt.Errorf("replica at offset %d, master at %d", got, want)
		}
		return nil
	})
	if err != nil {
		return nil, errors.Join(err, unfence())
	}
	return unfence, nil
}

// sentinelFailover asks a sentinel for the failover. A sentinel refuses
// (NOGOODSLAVE) while its last look at the replica is not fresh enough;
// that refusal changes nothing and is retried. Any other failure is not:
// asking again after a reply that never came could fail over twice.
func (d *Sentinel) sentinelFailover(ctx context.Context) error {
	var sentinel string
	for _, s := range d.Sentinels {
		if s.live() {
			sentinel = s.Addr
			break
		}
	}
	if sentinel == "" {
		return errors.New("redistest: no live sentinel")
	}
	return poll(ctx, failoverCap, "SENTINEL FAILOVER on "+sentinel, func(ctx context.Context) error {
		_, err := doWithin(ctx, callTimeout, sentinel, "SENTINEL", "FAILOVER", d.MasterName)
		var re ReplyError
		if err == nil || errors.As(err, &re) && strings.HasPrefix(string(re), "NOGOODSLAVE") {
			return err
		}
		return permanent(err)
	})
}

// switchedTo: every live sentinel names target and target says role:master.
func (d *Sentinel) switchedTo(ctx context.Context, target *Server) error {
	for _, s := range d.Sentinels {
		if !s.live() {
			continue
		}
		m, err := d.masterFrom(ctx, s.Addr)
		if err != nil {
			return err
		}
		if m != target.Addr {
			return fmt.Errorf("sentinel %s still names %s", s.Addr, m)
		}
	}
	info, err := doString(ctx, target.Addr, "INFO", "replication")
	if err != nil {
		return err
	}
	if role := infoField(info, "role"); role != "master" {
		return fmt.Errorf("%s says role:%s", target.Addr, role)
	}
	return nil
}

// Stop stops the sentinels, then the data nodes (so that no sentinel sees
// the master go and starts a failover). Idempotent.
func (d *Sentinel) Stop() error {
	return errors.Join(stopAllOf(d.Sentinels), stopAllOf(d.Nodes))
}

func stopAllOf(servers []*Server) error {
	errs := make([]error, len(servers))
	var wg sync.WaitGroup
	for i, s := range servers {
		if s != nil {
			wg.Go(func() { errs[i] = s.Stop() })
		}
	}
	wg.Wait()
	return errors.Join(errs...)
}
