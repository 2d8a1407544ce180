package cluster

import (
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// shard is a master and the replicas that serve its slots.
type shard struct {
	master   string
	replicas []string // online ones only: a replica still syncing would serve stale or no data
}

// slotMap says which shard serves each slot. It is never modified once
// published: a MOVED makes a copy (see Router.applyMoved), so readers need no lock.
type slotMap struct {
	slots [domain.SlotCount]*shard
}

// masters lists the address of every master serving a slot, each once.
func (m *slotMap) masters() []string {
	seen := map[*shard]bool{}
	var masters []string
	for _, s := range m.slots {
		if s != nil && !seen[s] {
			seen[s] = true
			if !slices.Contains(masters, s.master) {
				masters = append(masters, s.master)
			}
		}
	}
	return masters
}

// nodes lists every address in m, masters first, each once.
func (m *slotMap) nodes() []string {
	seen := map[string]bool{}
	var masters, replicas []string
	for _, s := range m.slots {
		if s == nil || seen[s.master] {
			continue
		}
		seen[s.master] = true
		masters = append(masters, s.master)
		for _, r := range s.replicas {
			if !seen[r] {
				seen[r] = true
				replicas = append(replicas, r)
			}
		}
	}
	return append(masters, replicas...)
}

var errNoSlots = errors.New("the reply assigns no slot")

// errSlotlessMaster marks a CLUSTER SHARDS reply with a master that serves
// no slot. Redis 7.0 reports each replica that way (as the master of a shard
// of its own) until shard ids propagate, a bug fixed in 7.2; the map would
// then have no replicas. 7.0's CLUSTER SLOTS is no better (its reply is
// cached and was seen listing no replica long after they joined), so the
// caller reads CLUSTER NODES, the gossip table itself, instead. A master
// really left empty (just added, not yet given slots) costs the same
// fallback and nothing else.
var errSlotlessMaster = errors.New("a master serves no slot")

// parseShards reads a CLUSTER SHARDS reply (Redis 7+). Shards are maps in
// RESP3 and flat key/value arrays in RESP2; fields reads both.
func parseShards(r ports.Reply) (*slotMap, error) {
	if r.Kind != ports.KindArray && r.Kind != ports.KindSet {
		return nil, fmt.Errorf("CLUSTER SHARDS: unexpected reply %s", r.Kind)
	}
	m := &slotMap{}
	assigned := false
	for _, sr := range r.Elems {
		f := fields(sr)
		var sh shard
		for _, nr := range f["nodes"].Elems {
			nf := fields(nr)
			addr := nodeAddr(nf)
			if addr == "" {
				continue
			}
			switch str(nf["role"]) {
			case "master":
				sh.master = addr
			case "replica":
				if str(nf["health"]) == "online" {
					sh.replicas = append(sh.replicas, addr)
				}
			}
		}
		ranges := f["slots"].Elems
		if sh.master != "" && len(ranges) == 0 {
			return nil, fmt.Errorf("CLUSTER SHARDS: %w (%s)", errSlotlessMaster, sh.master)
		}
		if sh.master == "" {
			continue // lost its master: nothing to route to until a replica is promoted
		}
		for i := 0; i+1 < len(ranges); i += 2 {
			lo, hi := int(ranges[i].Int), int(ranges[i+1].Int)
			if !isInt(ranges[i]) || !isInt(ranges[i+1]) || lo < 0 || hi >= domain.SlotCount || lo > hi {
				return nil, fmt.Errorf("CLUSTER SHARDS: bad slot range %s-%s", ranges[i], ranges[i+1])
			}
			for s := lo; s <= hi; s++ {
				m.slots[s] = &sh
				assigned = true
			}
		}
	}
	if !assigned {
		return nil, fmt.Errorf("CLUSTER SHARDS: %w", errNoSlots)
	}
	return m, nil
}

// parseSlots reads a CLUSTER SLOTS reply (before Redis 7). An empty host
// means "the node you asked", whose host is askedHost.
func parseSlots(r ports.Reply, askedHost string) (*slotMap, error) {
	if r.Kind != ports.KindArray {
		return nil, fmt.Errorf("CLUSTER SLOTS: unexpected reply %s", r.Kind)
	}
	m := &slotMap{}
	assigned := false
	for _, e := range r.Elems {
		if len(e.Elems) < 3 {
			continue
		}
		lo, hi := int(e.Elems[0].Int), int(e.Elems[1].Int)
		if !isInt(e.Elems[0]) || !isInt(e.Elems[1]) || lo < 0 || hi >= domain.SlotCount || lo > hi {
			return nil, fmt.Errorf("CLUSTER SLOTS: bad slot range %s-%s", e.Elems[0], e.Elems[1])
		}
		sh := &shard{}
		for j, n := range e.Elems[2:] {
			if len(n.Elems) < 2 || !isInt(n.Elems[1]) {
				continue
			}
			host := str(n.Elems[0])
			if host == "" || host == "?" {
				host = askedHost
			}
			addr := net.JoinHostPort(host, strconv.FormatInt(n.Elems[1].Int, 10))
			if j == 0 {
				sh.master = addr
			} else {
				sh.replicas = append(sh.replicas, addr)
			}
		}
		if sh.master == "" {
			continue // no usable master entry: nothing to route to, as in parseShards
		}
		for s := lo; s <= hi; s++ {
			m.slots[s] = sh
			assigned = true
		}
	}
	if !assigned {
		return nil, fmt.Errorf("CLUSTER SLOTS: %w", errNoSlots)
	}
	return m, nil
}

// parseNodes reads CLUSTER NODES text: one line per node, "id
// host:port@bus[,hostname] flags master-id ping pong epoch link slot...".
// Replicas that failed, are still in handshake or have no address are left
// out; slot ranges in brackets are migration markers, not ownership.
func parseNodes(text, askedHost string) (*slotMap, error) {
	type line struct {
		id, addr, master string
		replica          bool
		slots            []string
	}
	byID := map[string]*shard{}
	var lines []line
	for _, l := range strings.Split(text, "\n") {
		f := strings.Fields(l)
		if len(f) < 8 {
			continue
		}
		flags := strings.Split(f[2], ",")
		if slices.Contains(flags, "fail") || slices.Contains(flags, "handshake") || slices.Contains(flags, "noaddr") {
			continue
		}
		addr, _, _ := strings.Cut(f[1], "@")
		addr, _, _ = strings.Cut(addr, ",")
		host, port, err := net.SplitHostPort(addr)
		if err != nil || port == "0" {
			continue
		}
		if host == "" {
			host = askedHost
		}
		ln := line{id: f[0], addr: net.JoinHostPort(host, port), master: f[3], replica: slices.Contains(flags, "slave"), slots: f[8:]}
		if !ln.replica {
			byID[f[0]] = &shard{master: ln.addr}
		}
		lines = append(lines, ln)
	}
	m := &slotMap{}
	assigned := false
	for _, ln := range lines {
		if ln.replica {
			if sh := byID[ln.master]; sh != nil {
				sh.replicas = append(sh.replicas, ln.addr)
			}
			continue
		}
		for _, r := range ln.slots {
			if strings.HasPrefix(r, "[") {
				continue
			}
			los, his, isRange := strings.Cut(r, "-")
			if !isRange {
				his = los
			}
			lo, err1 := strconv.Atoi(los)
			hi, err2 := strconv.Atoi(his)
			if err1 != nil || err2 != nil || lo < 0 || hi >= domain.SlotCount || lo > hi {
				return nil, fmt.Errorf("CLUSTER NODES: bad slot range %q", r)
			}
			for s := lo; s <= hi; s++ {
				m.slots[s] = byID[ln.id]
				assigned = true
			}
		}
	}
	if !assigned {
		return nil, fmt.Errorf("CLUSTER NODES: %w", errNoSlots)
	}
	return m, nil
}

// fields turns a RESP3 map or a RESP2 key/value array into a Go map.
func fields(r ports.Reply) map[string]ports.Reply {
	f := make(map[string]ports.Reply, len(r.Elems)/2)
	for i := 0; i+1 < len(r.Elems); i += 2 {
		f[str(r.Elems[i])] = r.Elems[i+1]
	}
	return f
}

// isInt: slot bounds and ports are integers; anything else would read as
// 0 (Reply.Int of another kind) and name a slot or port the reply never gave.
func isInt(r ports.Reply) bool { return r.Kind == ports.KindInt }

func str(r ports.Reply) string {
	if r.Kind == ports.KindInt {
		return strconv.FormatInt(r.Int, 10)
	}
	return r.Str
}

// nodeAddr prefers the endpoint Redis advertises to clients (it honours
// cluster-announce-*), then the IP.
func nodeAddr(nf map[string]ports.Reply) string {
	host := str(nf["endpoint"])
	if host == "" || host == "?" {
		host = str(nf["ip"])
	}
	port := nf["port"]
	if host == "" || port.Kind != ports.KindInt || port.Int == 0 {
		return ""
	}
	return net.JoinHostPort(host, strconv.FormatInt(port.Int, 10))
}
