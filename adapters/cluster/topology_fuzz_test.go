package cluster

import (
	"errors"
	"fmt"
	"math"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// The topology targets read fuzz bytes twice: as an arbitrary reply tree
// (or text), which the parser must survive, giving a map whose every slot
// has a master address the input spelled out; and as a generated topology
// (shards, nodes, slot ranges, some of them malformed) rendered in the
// reply's wire shape, whose slot map is worked out independently here and
// must be exactly what the parser returns. Both readings are deterministic,
// so a crasher replays exactly.

const askedHost = "10.9.9.9"

// fuzzBytes hands out fuzz bytes one at a time; past the end it gives zeros.
type fuzzBytes struct{ data []byte }

func (b *fuzzBytes) byte() byte {
	if len(b.data) == 0 {
		return 0
	}
	c := b.data[0]
	b.data = b.data[1:]
	return c
}

func (b *fuzzBytes) pick(n int) int { return int(b.byte()) % n }

func (b *fuzzBytes) flag() bool { return b.byte()&1 == 1 }

var (
	topoHosts = []string{"10.0.0.1", "10.0.0.2", "::1", "fe80::1", "node-a.example", "", "?"}
	topoPorts = []int64{7000, 7001, 7002, 6379, 0, 65535, -1}
	topoSlots = []int64{0, 1, 100, 5460, 5461, 10922, 16383, 16384, -1, math.MaxInt32 + 1}
	topoWords = []string{"slots", "nodes", "id", "port", "ip", "endpoint", "hostname", "role", "master",
		"replica", "health", "online", "loading", "fail", "10.0.0.1", "::1", "?", "", "7000", "x"}
)

func (b *fuzzBytes) slot() int64 {
	if c := b.byte(); c < 0xe0 {
		return topoSlots[int(c)%len(topoSlots)]
	}
	return int64(b.byte())<<8 | int64(b.byte())
}

// tree reads an arbitrary bounded reply, its strings and integers mostly
// the ones the parsers look for.
func (b *fuzzBytes) tree(depth int) ports.Reply {
	c := b.byte()
	switch k := c % 8; {
	case k == 0:
		return ports.NilReply()
	case k == 1:
		return ports.BulkReply(topoWords[b.pick(len(topoWords))])
	case k == 2:
		return ports.IntReply(b.slot())
	case k == 3:
		return ports.IntReply(topoPorts[b.pick(len(topoPorts))])
	case k == 4:
		return ports.ErrorReply(ports.NewRedisError("ERR x"))
	case depth >= 5:
		return ports.StatusReply(topoWords[b.pick(len(topoWords))])
	}
	elems := make([]ports.Reply, b.pick(9))
	for i := range elems {
		elems[i] = b.tree(depth + 1)
	}
	kinds := []ports.Kind{ports.KindArray, ports.KindMap, ports.KindSet}
	return ports.Reply{Kind: kinds[b.pick(3)], Elems: elems}
}

// walk calls fn on every node of a tree.
func walk(r ports.Reply, fn func(ports.Reply)) {
	fn(r)
	for _, e := range r.Elems {
		walk(e, fn)
	}
}

// intRanges: every [lo, hi] that two adjacent integer elements of an
// aggregate could mean. A parser may serve only slots inside one of them.
func intRanges(r ports.Reply) [][2]int64 {
	var out [][2]int64
	walk(r, func(e ports.Reply) {
		for i := 0; i+1 < len(e.Elems); i++ {
			if e.Elems[i].Kind == ports.KindInt && e.Elems[i+1].Kind == ports.KindInt {
				out = append(out, [2]int64{e.Elems[i].Int, e.Elems[i+1].Int})
			}
		}
	})
	return out
}

// checkMasters: every served slot lies in a range the input gave, and has
// a master, "host:port", whose host is one of the input's strings (or
// askedHost) and whose port is one of its integers.
func checkMasters(t *testing.T, m *slotMap, ranges [][2]int64, hosts map[string]bool, ports map[string]bool) {
	t.Helper()
	for s, sh := range m.slots {
		if sh == nil {
			continue
		}
		if !slices.ContainsFunc(ranges, func(r [2]int64) bool { return r[0] <= int64(s) && int64(s) <= r[1] }) {
			t.Fatalf("slot %d is served, but the input gives no range holding it", s)
		}
		for i, addr := range append([]string{sh.master}, sh.replicas...) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil || !hosts[host] && host != askedHost || !ports[port] {
				t.Fatalf("slot %d: node %d's address %q is not one the input gave", s, i, addr)
			}
		}
	}
}

// wantMap is the expected slot map: each slot's master and replicas, or
// absent when no shard serves it.
type wantMap map[int]shard

func compareMaps(t *testing.T, input string, got *slotMap, want wantMap) {
	t.Helper()
	for s := range domain.SlotCount {
		g, w := got.slots[s], want[s]
		if g == nil && w.master == "" {
			continue
		}
		if g == nil || g.master != w.master || !slices.Equal(g.replicas, w.replicas) {
			t.Fatalf("slot %d: parsed %+v, want %+v\ninput: %s", s, g, w, input)
		}
	}
}

// wantErr compares the parser's error with the expected one: errNoSlots
// and errSlotlessMaster by identity, a bad range by its text.
func wantErr(t *testing.T, input string, err, want error) {
	t.Helper()
	switch {
	case want == nil && err == nil:
	case want == nil || err == nil:
		t.Fatalf("error %v, want %v\ninput: %s", err, want, input)
	case errors.Is(want, errNoSlots) || errors.Is(want, errSlotlessMaster):
		if !errors.Is(err, want) {
			t.Fatalf("error %v, want %v\ninput: %s", err, want, input)
		}
	case !strings.Contains(err.Error(), want.Error()):
		t.Fatalf("error %v, want %v\ninput: %s", err, want, input)
	}
}

var errBadRange = errors.New("bad slot range")

// field is one key/value of a map that may go out as a RESP3 map or a
// RESP2 flat array.
type field struct {
	key string
	val ports.Reply
}

func (b *fuzzBytes) record(fs []field) ports.Reply {
	// Any order: a parser must not depend on it.
	if len(fs) > 1 {
		r := b.pick(len(fs))
		fs = append(fs[r:], fs[:r]...)
	}
	var kvs []ports.Reply
	for _, f := range fs {
		kvs = append(kvs, ports.BulkReply(f.key), f.val)
	}
	if b.flag() {
		return ports.MapReply(kvs)
	}
	return ports.ArrayReply(kvs)
}

// shardsTopology generates a CLUSTER SHARDS reply and the slot map it
// describes.
func shardsTopology(b *fuzzBytes) (ports.Reply, wantMap, error) {
	want := wantMap{}
	var wantErr error
	assigned := false
	var shards []ports.Reply
	for range b.pick(5) {
		var nodes []ports.Reply
		var sh shard
		for range b.pick(4) {
			var fs []field
			present := b.byte()
			host := topoHosts[b.pick(len(topoHosts))]
			ip := topoHosts[b.pick(len(topoHosts))]
			port := topoPorts[b.pick(len(topoPorts))]
			role := []string{"master", "replica", "unknown"}[b.pick(3)]
			health := []string{"online", "loading", "fail"}[b.pick(3)]
			portAsText := b.pick(8) == 0
			fs = append(fs, field{"id", ports.BulkReply("n" + strconv.Itoa(len(nodes)))})
			if present&1 != 0 {
				fs = append(fs, field{"endpoint", ports.BulkReply(host)})
			}
			if present&2 != 0 {
				fs = append(fs, field{"ip", ports.BulkReply(ip)})
			}
			if present&4 != 0 {
				if portAsText {
					fs = append(fs, field{"port", ports.BulkReply(strconv.FormatInt(port, 10))})
				} else {
					fs = append(fs, field{"port", ports.IntReply(port)})
				}
			}
			if present&8 != 0 {
				fs = append(fs, field{"role", ports.BulkReply(role)})
			}
			if present&16 != 0 {
				fs = append(fs, field{"health", ports.BulkReply(health)})
			}
			fs = append(fs, field{"replication-offset", ports.IntReply(0)})
			nodes = append(nodes, b.record(fs))

			// A node is reachable at its endpoint, else its ip, when it
			// has an integer port that is not 0.
			h := ""
			if present&1 != 0 {
				h = host
			}
			if (h == "" || h == "?") && present&2 != 0 {
				h = ip
			} else if h == "" || h == "?" {
				h = ""
			}
			if h == "" || present&4 == 0 || portAsText || port == 0 {
				continue
			}
			addr := net.JoinHostPort(h, strconv.FormatInt(port, 10))
			switch {
			case present&8 == 0:
			case role == "master":
				sh.master = addr
			case role == "replica" && present&16 != 0 && health == "online":
				sh.replicas = append(sh.replicas, addr)
			}
		}
		var ranges []ports.Reply
		var pairs [][2]int64
		textBound := false
		for range b.pick(4) {
			lo, hi := b.slot(), b.slot()
			if b.pick(16) == 0 {
				// A bound as text, which no server sends: not a range.
				ranges = append(ranges, ports.BulkReply(strconv.FormatInt(lo, 10)), ports.IntReply(hi))
				textBound = true
			} else {
				ranges = append(ranges, ports.IntReply(lo), ports.IntReply(hi))
			}
			pairs = append(pairs, [2]int64{lo, hi})
		}
		if b.pick(8) == 0 {
			ranges = append(ranges, ports.IntReply(b.slot())) // a lone bound, which no server sends
		}
		fs := []field{{"nodes", ports.ArrayReply(nodes)}}
		if b.pick(8) != 0 {
			fs = append(fs, field{"slots", ports.ArrayReply(ranges)})
		} else {
			ranges = nil
		}
		shards = append(shards, b.record(fs))

		if wantErr != nil || sh.master == "" {
			continue
		}
		if len(ranges) == 0 {
			wantErr = errSlotlessMaster
			continue
		}
		if textBound {
			wantErr = errBadRange
			continue
		}
		for _, p := range pairs {
			if p[0] < 0 || p[1] >= domain.SlotCount || p[0] > p[1] {
				wantErr = errBadRange
				break
			}
			for s := p[0]; s <= p[1]; s++ {
				want[int(s)] = sh
				assigned = true
			}
		}
	}
	if wantErr == nil && !assigned {
		wantErr = errNoSlots
	}
	top := ports.ArrayReply(shards)
	if b.pick(4) == 0 {
		top.Kind = ports.KindSet
	}
	return top, want, wantErr
}

func inputHostsAndPorts(r ports.Reply) (hosts, portsSeen map[string]bool) {
	hosts, portsSeen = map[string]bool{}, map[string]bool{}
	walk(r, func(e ports.Reply) {
		switch e.Kind {
		case ports.KindBulk, ports.KindStatus:
			hosts[e.Str] = true
		case ports.KindInt:
			// str reads an integer where a string is expected as its text.
			hosts[strconv.FormatInt(e.Int, 10)] = true
			portsSeen[strconv.FormatInt(e.Int, 10)] = true
		}
	})
	return hosts, portsSeen
}

// FuzzParseShards: CLUSTER SHARDS replies, RESP2 and RESP3.
func FuzzParseShards(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x07\x02\x06\x02\x02\x06\x02\x06\x02\x01\x03"))
	f.Add([]byte("\x01\x03\xff\x05\x00\x00\x01\x07\x01\x01\x04\x02\x06\x02"))
	f.Add([]byte("\x02\x02\x1f\x01\x02\x00\x00\x00\x01\x01\x1f\x02\x03\x00\x01\x00\x00\x01\x02\x00\x06\x01\x01\x01\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		raw := (&fuzzBytes{data}).tree(0)
		if m, err := parseShards(raw); err == nil {
			hosts, ps := inputHostsAndPorts(raw)
			checkMasters(t, m, intRanges(raw), hosts, ps)
		}

		r, want, wantE := shardsTopology(&fuzzBytes{data})
		m, err := parseShards(r)
		wantErr(t, r.String(), err, wantE)
		if err == nil {
			compareMaps(t, r.String(), m, want)
		}
	})
}

// slotsTopology generates a CLUSTER SLOTS reply and the slot map it
// describes: each entry [lo, hi, master, replica ...], a node [host, port,
// id, metadata]; an empty or "?" host is the node asked.
func slotsTopology(b *fuzzBytes) (ports.Reply, wantMap, error) {
	want := wantMap{}
	var wantErr error
	assigned := false
	var entries []ports.Reply
	for range b.pick(5) {
		lo, hi := b.slot(), b.slot()
		e := []ports.Reply{ports.IntReply(lo), ports.IntReply(hi)}
		var sh shard
		nodeCount := b.pick(4)
		for j := range nodeCount {
			host := topoHosts[b.pick(len(topoHosts))]
			port := topoPorts[b.pick(len(topoPorts))]
			n := []ports.Reply{ports.BulkReply(host), ports.IntReply(port), ports.BulkReply("id" + strconv.Itoa(j))}
			if b.flag() {
				n = append(n, ports.MapReply([]ports.Reply{ports.BulkReply("hostname"), ports.BulkReply("h")}))
			}
			usable := b.pick(8) != 0
			if !usable {
				n = n[:1] // a node without its port, which no server sends
			}
			e = append(e, ports.ArrayReply(n))
			if !usable {
				continue
			}
			if host == "" || host == "?" {
				host = askedHost
			}
			addr := net.JoinHostPort(host, strconv.FormatInt(port, 10))
			if j == 0 {
				sh.master = addr
			} else if sh.master != "" {
				sh.replicas = append(sh.replicas, addr)
			}
		}
		if nodeCount == 0 && b.flag() {
			e = e[:1] // a truncated entry, skipped
		}
		entries = append(entries, ports.ArrayReply(e))
		if wantErr != nil || len(e) < 3 {
			continue
		}
		if lo < 0 || hi >= domain.SlotCount || lo > hi {
			wantErr = errBadRange
			continue
		}
		if sh.master == "" {
			continue // no master to route to, as for CLUSTER SHARDS
		}
		for s := lo; s <= hi; s++ {
			want[int(s)] = sh
			assigned = true
		}
	}
	if wantErr == nil && !assigned {
		wantErr = errNoSlots
	}
	return ports.ArrayReply(entries), want, wantErr
}

// FuzzParseSlots: CLUSTER SLOTS replies.
func FuzzParseSlots(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x02\x06\x03\x00\x00\x01\x01\x01\x00\x00"))
	f.Add([]byte("\x01\x01\x02\x05\x00\x00\x01\x06\x01\x01"))
	f.Add([]byte("\x03\x00\x06\x02\x00\x00\x00\x00\x01\x01\x00\x00\x04\x02\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		raw := (&fuzzBytes{data}).tree(0)
		if m, err := parseSlots(raw, askedHost); err == nil {
			hosts, ps := inputHostsAndPorts(raw)
			checkMasters(t, m, intRanges(raw), hosts, ps)
		}

		r, want, wantE := slotsTopology(&fuzzBytes{data})
		m, err := parseSlots(r, askedHost)
		wantErr(t, r.String(), err, wantE)
		if err == nil {
			compareMaps(t, r.String(), m, want)
		}
	})
}

// nodesTopology generates CLUSTER NODES text and the slot map it
// describes. Ids are unique, as Redis's are.
func nodesTopology(b *fuzzBytes) (string, wantMap, error) {
	type node struct {
		id, addr, master string
		usable, replica  bool
		slots            []string
	}
	count := b.pick(7)
	ids := make([]string, count)
	for i := range ids {
		ids[i] = fmt.Sprintf("%040x", i+1)
	}
	var nodes []node
	var lines []string
	sep := []string{" ", "  ", "\t"}[b.pick(3)]
	for i := range count {
		n := node{id: ids[i], usable: true}
		host := topoHosts[b.pick(len(topoHosts))]
		if host == "?" {
			host = "10.0.0.3"
		}
		port := topoPorts[b.pick(len(topoPorts))]
		hp := net.JoinHostPort(host, strconv.FormatInt(port, 10))
		var addr string
		switch b.pick(6) {
		case 0:
			addr = hp + "@1" + strconv.FormatInt(port, 10)
		case 1:
			addr = hp + "@17000,node-a.example"
		case 2:
			addr = hp // before Redis 4: no bus port
		case 3:
			addr = hp + "@17000,"
		case 4:
			addr = "noport@17000"
			n.usable = false
		case 5:
			addr = ":0@0"
			n.usable = false
		}
		if port == 0 {
			n.usable = false
		}
		if host == "" {
			host = askedHost
		}
		n.addr = net.JoinHostPort(host, strconv.FormatInt(port, 10))

		var flags []string
		fl := b.byte()
		for bit, name := range []string{"myself", "master", "slave", "fail", "fail?", "handshake", "noaddr", "nofailover"} {
			if fl&(1<<bit) != 0 {
				flags = append(flags, name)
			}
		}
		if slices.Contains(flags, "fail") || slices.Contains(flags, "handshake") || slices.Contains(flags, "noaddr") {
			n.usable = false
		}
		n.replica = slices.Contains(flags, "slave")
		if len(flags) == 0 {
			flags = []string{"noflags"}
		}
		n.master = "-"
		if c := b.pick(count + 2); c < count {
			n.master = ids[c]
		} else if c == count {
			n.master = fmt.Sprintf("%040x", 999)
		}
		for range b.pick(4) {
			lo, hi := b.slot(), b.slot()
			var tok string
			switch b.pick(6) {
			case 0, 1:
				tok = strconv.FormatInt(lo, 10) + "-" + strconv.FormatInt(hi, 10)
			case 2:
				tok = strconv.FormatInt(lo, 10)
			case 3:
				tok = "[" + strconv.FormatInt(lo, 10) + "->-" + ids[0] + "]"
			case 4:
				tok = "[" + strconv.FormatInt(lo, 10) + "-<-" + ids[0] + "]"
			case 5:
				tok = "x" + strconv.FormatInt(lo, 10)
			}
			n.slots = append(n.slots, tok)
		}
		link := []string{"connected", "disconnected"}[b.pick(2)]
		f := append([]string{n.id, addr, strings.Join(flags, ","), n.master, "0", "1700000000000", "1", link}, n.slots...)
		lines = append(lines, strings.Join(f, sep))
		if b.pick(8) == 0 {
			lines = append(lines, "a truncated line") // fewer than 8 fields: skipped
		}
		nodes = append(nodes, n)
	}
	end := []string{"\n", "\r\n"}[b.pick(2)]
	text := strings.Join(lines, end) + end

	want := wantMap{}
	shards := map[string]*shard{}
	for _, n := range nodes {
		if n.usable && !n.replica {
			shards[n.id] = &shard{master: n.addr}
		}
	}
	for _, n := range nodes {
		if n.usable && n.replica && shards[n.master] != nil {
			shards[n.master].replicas = append(shards[n.master].replicas, n.addr)
		}
	}
	assigned := false
	for _, n := range nodes {
		if !n.usable || n.replica {
			continue
		}
		for _, tok := range n.slots {
			if strings.HasPrefix(tok, "[") {
				continue
			}
			los, his, isRange := strings.Cut(tok, "-")
			if !isRange {
				his = los
			}
			lo, err1 := strconv.Atoi(los)
			hi, err2 := strconv.Atoi(his)
			if err1 != nil || err2 != nil || lo < 0 || hi >= domain.SlotCount || lo > hi {
				return text, nil, errBadRange
			}
			for s := lo; s <= hi; s++ {
				want[s] = *shards[n.id]
				assigned = true
			}
		}
	}
	if !assigned {
		return text, nil, errNoSlots
	}
	return text, want, nil
}

// slotTokens: every slot a whitespace-separated token of text names as a
// slot or a lo-hi range; no parse of CLUSTER NODES may serve any other.
func slotTokens(text string) map[int]bool {
	named := map[int]bool{}
	for _, tok := range strings.Fields(text) {
		los, his, isRange := strings.Cut(tok, "-")
		if !isRange {
			his = los
		}
		lo, err1 := strconv.Atoi(los)
		hi, err2 := strconv.Atoi(his)
		if err1 != nil || err2 != nil {
			continue
		}
		for s := max(lo, 0); s <= min(hi, domain.SlotCount-1); s++ {
			named[s] = true
		}
	}
	return named
}

// FuzzParseNodes: CLUSTER NODES text. The raw text is parsed as it is; the
// generated topology from the same bytes.
func FuzzParseNodes(f *testing.F) {
	f.Add([]byte{}, "a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460 [5461->-b1]\n"+
		"b1 127.0.0.1:7001@17001 master - 0 0 2 connected 5461-16383\n"+
		"c1 127.0.0.1:7002@17002 slave a1 0 0 1 connected\n"+
		"d1 127.0.0.1:7003@17003 slave,fail b1 0 0 2 disconnected\n")
	f.Add([]byte("\x03\x00\x00\x00\x02\x00\x00\x01\x06\x00\x01\x02\x00\x00\x00\x00\x04\x02\x04\x00\x03\x01"), "x :7000@17000,host master - 0 0 1 connected 0-16383\r\n")
	f.Add([]byte("\x02\x01\x05\x04\x01\x00\x02\x03\x09\x00\x00"), "x [::1]:7000@17000 master - 0 0 1 connected 16383 0-1 5-3\n")
	f.Add([]byte("\x01\x00\x02\x05\x03\x00\x00\x01\x00\x03\x01"), "x 10.0.0.1:0@0 master - 0 0 1 connected 0-16383\n")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		if m, err := parseNodes(text, askedHost); err == nil {
			named := slotTokens(text)
			for s, sh := range m.slots {
				if sh == nil {
					continue
				}
				if !named[s] {
					t.Fatalf("slot %d is served, but no token of the text names it\ntext: %q", s, text)
				}
				for _, addr := range append([]string{sh.master}, sh.replicas...) {
					host, port, err := net.SplitHostPort(addr)
					if err != nil || port == "0" || !strings.Contains(text, port) || host != askedHost && !strings.Contains(text, host) {
						t.Fatalf("slot %d: address %q is not one the text gave\ntext: %q", s, addr, text)
					}
				}
			}
		}

		gen, want, wantE := nodesTopology(&fuzzBytes{data})
		m, err := parseNodes(gen, askedHost)
		wantErr(t, gen, err, wantE)
		if err == nil {
			compareMaps(t, gen, m, want)
		}
	})
}
