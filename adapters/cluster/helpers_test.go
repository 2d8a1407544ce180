package cluster_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/adapters/cluster"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// recorder counts what a router sends to each node: one entry per node
// Exec, holding every command's arguments. Topology loads (CLUSTER ...)
// are left out: they are the router's own business, not the batch's.
type recorder struct {
	mu    sync.Mutex
	execs map[string][][]string // node address -> each Exec's commands, joined by spaces
}

type countingNode struct {
	ports.Backend
	addr string
	rec  *recorder
}

func (n *countingNode) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) > 0 && !strings.EqualFold(cmds[0].Name(), "CLUSTER") {
		batch := make([]string, len(cmds))
		for i, c := range cmds {
			batch[i] = strings.Join(c.Args, " ")
		}
		n.rec.mu.Lock()
		n.rec.execs[n.addr] = append(n.rec.execs[n.addr], batch)
		n.rec.mu.Unlock()
	}
	n.Backend.Exec(ctx, cmds, out)
}

// Pin passes the node backend's pinned connections through, unrecorded.
func (n *countingNode) Pin(ctx context.Context) (ports.Pinned, error) {
	return n.Backend.(ports.Pinner).Pin(ctx)
}

// take returns what was recorded since the last take, and forgets it.
func (r *recorder) take() map[string][][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	got := r.execs
	r.execs = map[string][][]string{}
	return got
}

// newRouter makes a router over goredis node backends wrapped in a
// recorder, closed (router first, then clients) when the spec ends.
func newRouter(ctx context.Context, seeds []string, tweak func(*cluster.Options)) (*cluster.Router, *recorder) {
	rec := &recorder{execs: map[string][][]string{}}
	var mu sync.Mutex
	var clients []*redis.Client
	opts := cluster.Options{
		Addrs: seeds,
		NewNode: func(addr string) (ports.Backend, error) {
			c := redis.NewClient(&redis.Options{Addr: addr})
			mu.Lock()
			clients = append(clients, c)
			mu.Unlock()
			return &countingNode{Backend: goredis.NewBackend(c), addr: addr, rec: rec}, nil
		},
	}
	if tweak != nil {
		tweak(&opts)
	}
	r, err := cluster.New(ctx, opts)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() {
		Expect(r.Close()).To(Succeed())
		mu.Lock()
		defer mu.Unlock()
		for _, c := range clients {
			Expect(c.Close()).To(Succeed())
		}
	})
	rec.take() // nothing the specs send has happened yet
	return r, rec
}

// cmd builds a wire command the way redpipe does.
func cmd(args ...string) ports.Command {
	keys, ro := domain.Describe(args)
	return ports.Command{Args: args, Keys: keys, ReadOnly: ro}
}

// run sends cmds through b as one batch.
func run(ctx context.Context, b ports.Backend, cmds ...ports.Command) []ports.Result {
	out := make([]ports.Result, len(cmds))
	b.Exec(ctx, cmds, out)
	return out
}

func do(ctx context.Context, addr string, args ...string) any {
	GinkgoHelper()
	v, err := redistest.Do(ctx, addr, args...)
	Expect(err).NotTo(HaveOccurred(), "%s %v", addr, args)
	return v
}

// owners reads the slot map from CLUSTER NODES on a master.
func owners(ctx context.Context, c *redistest.Cluster) (slots [domain.SlotCount]string, ids map[string]string) {
	GinkgoHelper()
	masters, err := c.Masters(ctx)
	Expect(err).NotTo(HaveOccurred())
	text := do(ctx, masters[0], "CLUSTER", "NODES").(string)
	ids = map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		f := strings.Fields(line)
		if len(f) < 8 {
			continue
		}
		addr := f[1]
		if i := strings.IndexByte(addr, '@'); i >= 0 {
			addr = addr[:i]
		}
		ids[addr] = f[0]
		if !strings.Contains(f[2], "master") {
			continue
		}
		for _, r := range f[8:] {
			if strings.HasPrefix(r, "[") {
				continue // a migration marker, not ownership
			}
			lo, hi, found := strings.Cut(r, "-")
			if !found {
				hi = lo
			}
			a, _ := strconv.Atoi(lo)
			b, _ := strconv.Atoi(hi)
			for s := a; s <= b; s++ {
				slots[s] = addr
			}
		}
	}
	return slots, ids
}

// keyOn returns a key (prefix{tag}) whose slot belongs to master.
func keyOn(slots *[domain.SlotCount]string, master, prefix string) string {
	for i := range 100000 {
		k := fmt.Sprintf("%s{%s-%d-%d}", prefix, prefix, os.Getpid(), i)
		if slots[domain.Slot(k)] == master {
			return k
		}
	}
	Fail("no key found for " + master)
	return ""
}

// migration moves one slot between two masters the way redis-cli does,
// one step at a time so that specs can look at the half-way state.
type migration struct {
	c            *redistest.Cluster
	slot         string
	from, to     string
	fromID, toID string
	masters      []string
}

func startMigration(ctx context.Context, c *redistest.Cluster, slot int, from, to string) *migration {
	GinkgoHelper()
	_, ids := owners(ctx, c)
	masters, err := c.Masters(ctx)
	Expect(err).NotTo(HaveOccurred())
	m := &migration{c: c, slot: strconv.Itoa(slot), from: from, to: to, fromID: ids[from], toID: ids[to], masters: masters}
	Expect(do(ctx, to, "CLUSTER", "SETSLOT", m.slot, "IMPORTING", m.fromID)).To(Equal("OK"))
	Expect(do(ctx, from, "CLUSTER", "SETSLOT", m.slot, "MIGRATING", m.toID)).To(Equal("OK"))
	return m
}

func (m *migration) moveKeys(ctx context.Context, keys ...string) {
	GinkgoHelper()
	host, port, err := net.SplitHostPort(m.to)
	Expect(err).NotTo(HaveOccurred())
	Expect(do(ctx, m.from, append([]string{"MIGRATE", host, port, "", "0", "5000", "KEYS"}, keys...)...)).To(Equal("OK"))
}

// finish gives the slot to the target on every master (target first, as
// redis-cli does, so the target never answers MOVED back to the source).
func (m *migration) finish(ctx context.Context) {
	GinkgoHelper()
	order := []string{m.to, m.from}
	for _, a := range m.masters {
		if !slices.Contains(order, a) {
			order = append(order, a)
		}
	}
	for _, a := range order {
		Expect(do(ctx, a, "CLUSTER", "SETSLOT", m.slot, "NODE", m.toID)).To(Equal("OK"))
	}
}

// moveSlot migrates a whole slot with the given keys in one go.
func moveSlot(ctx context.Context, c *redistest.Cluster, slot int, from, to string, keys ...string) {
	GinkgoHelper()
	m := startMigration(ctx, c, slot, from, to)
	if len(keys) > 0 {
		m.moveKeys(ctx, keys...)
	}
	m.finish(ctx)
}

func vals(res []ports.Result) []any {
	out := make([]any, len(res))
	for i, r := range res {
		if r.Err != nil {
			out[i] = r.Err.Error()
			continue
		}
		if r.Reply.IsNil() {
			out[i] = nil
			continue
		}
		v, err := domain.Any(r.Reply)
		if err != nil {
			out[i] = err.Error()
			continue
		}
		out[i] = v
	}
	return out
}
