package cluster

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

func wire(args ...string) ports.Command {
	keys, ro := domain.Describe(args)
	return ports.Command{Args: args, Keys: keys, ReadOnly: ro}
}

// Three keys in three different slots.
const ka, kb, kc = "x{a}", "x{b}", "x{c}"

func TestPlanKeepsOrderAndGroupsTransactions(t *testing.T) {
	cmds := []ports.Command{
		wire("GET", ka), wire("PING"), wire("MULTI"), wire("INCR", kb), wire("GET", kb), wire("EXEC"), wire("SET", kc, "v"),
	}
	out := make([]ports.Result, len(cmds))
	units, splits := plan(cmds, ports.FindBlocks(cmds), out)
	if len(splits) != 0 || len(units) != 4 {
		t.Fatalf("got %d units, %d splits; want 4 units, 0 splits", len(units), len(splits))
	}
	want := []struct {
		idx  []int
		slot int
		tx   bool
	}{{[]int{0}, domain.Slot(ka), false}, {[]int{1}, keylessSlot, false}, {[]int{2, 3, 4, 5}, domain.Slot(kb), true}, {[]int{6}, domain.Slot(kc), false}}
	for i, w := range want {
		u := units[i]
		if !reflect.DeepEqual(u.idx, w.idx) || int(u.slot) != w.slot || u.tx != w.tx {
			t.Errorf("unit %d: idx %v slot %d tx %v; want %v %d %v", i, u.idx, u.slot, u.tx, w.idx, w.slot, w.tx)
		}
	}
}

func TestPlanRefusesCrossSlotBeforeSending(t *testing.T) {
	cmds := []ports.Command{
		wire("SUNIONSTORE", ka, kb), wire("MULTI"), wire("SET", ka, "1"), wire("SET", kb, "2"), wire("EXEC"), wire("GET", kc),
		{Args: []string{"GET"}, Keys: []int{3}},
	}
	out := make([]ports.Result, len(cmds))
	units, _ := plan(cmds, ports.FindBlocks(cmds), out)
	for i := range 5 {
		if !errors.Is(out[i].Err, domain.ErrCrossSlot) {
			t.Errorf("command %d: %v, want ErrCrossSlot", i, out[i].Err)
		}
	}
	if out[6].Err == nil {
		t.Error("a key position outside the arguments was not refused")
	}
	if len(units) != 1 || units[0].idx[0] != 5 {
		t.Fatalf("only GET %s should be sent, got %d units", kc, len(units))
	}
}

func TestSplitAndMerge(t *testing.T) {
	c := wire("MGET", kb, ka, kb, kc, "y{a}")
	s := newSplit(0, &c)
	var got [][]string
	for _, u := range s.parts {
		got = append(got, u.cmds[0].Args)
	}
	want := [][]string{{"MGET", kb, kb}, {"MGET", ka, "y{a}"}, {"MGET", kc}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("parts %v, want %v", got, want)
	}
	b, n := ports.BulkReply, ports.NilReply()
	s.parts[0].res = []ports.Result{{Reply: ports.ArrayReply([]ports.Reply{b("B1"), b("B2")})}}
	s.parts[1].res = []ports.Result{{Reply: ports.ArrayReply([]ports.Reply{b("A"), n})}}
	s.parts[2].res = []ports.Result{{Reply: ports.ArrayReply([]ports.Reply{b("C")})}}
	r := s.merge()
	if r.Err != nil || !reflect.DeepEqual(r.Reply, ports.ArrayReply([]ports.Reply{b("B1"), b("A"), b("B2"), b("C"), n})) {
		t.Errorf("merged MGET %v %v", r.Reply, r.Err)
	}

	c = wire("MSET", ka, "1", kb, "2", "z{a}", "3")
	s = newSplit(0, &c)
	if a := s.parts[0].cmds[0]; !reflect.DeepEqual(a.Args, []string{"MSET", ka, "1", "z{a}", "3"}) || !reflect.DeepEqual(a.Keys, []int{1, 3}) {
		t.Errorf("MSET part %v keys %v", a.Args, a.Keys)
	}
	boom := ports.NewRedisError("OOM command not allowed")
	s.parts[0].res = []ports.Result{{Reply: ports.StatusReply("OK")}}
	s.parts[1].res = []ports.Result{{Err: boom}}
	if r := s.merge(); r.Err != boom {
		t.Errorf("MSET with a failed part: %v, want the part's error", r.Err)
	}

	c = wire("EXISTS", ka, kb, ka)
	s = newSplit(0, &c)
	s.parts[0].res = []ports.Result{{Reply: ports.IntReply(2)}}
	s.parts[1].res = []ports.Result{{Reply: ports.IntReply(1)}}
	if r := s.merge(); r.Err != nil || r.Reply.Int != 3 {
		t.Errorf("EXISTS merged %v %v, want 3", r.Reply, r.Err)
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		err      error
		readOnly bool
		want     action
	}{
		{nil, false, actDone},
		{ports.NewRedisError("MOVED 3999 127.0.0.1:1"), false, actMoved},
		{ports.NewRedisError("ASK 3999 127.0.0.1:1"), false, actAsk},
		{ports.NewRedisError("TRYAGAIN Multiple keys request during rehashing of slot"), false, actRetry},
		{ports.NewRedisError("CLUSTERDOWN The cluster is down"), false, actRetry},
		{ports.NewRedisError("ERR boom"), false, actDone},
		{&ports.TransportError{Err: errors.New("refused")}, false, actResend},
		{&ports.TransportError{Err: errors.New("eof"), MaybeWritten: true}, false, actDone},
		{&ports.TransportError{Err: errors.New("eof"), MaybeWritten: true}, true, actResend},
	}
	for _, c := range cases {
		if got := classify(ports.Result{Err: c.err}, c.readOnly).act; got != c.want {
			t.Errorf("classify(%v, readOnly %v) = %d, want %d", c.err, c.readOnly, got, c.want)
		}
	}
	tx := &unit{tx: true, res: []ports.Result{
		{Reply: ports.StatusReply("OK")}, {Err: ports.NewRedisError("MOVED 1 127.0.0.1:2")},
		{Err: ports.NewRedisError("EXECABORT Transaction discarded because of previous errors.")},
	}}
	if v := judge(tx); v.act != actMoved || v.addr != "127.0.0.1:2" {
		t.Errorf("aborted transaction with MOVED: %+v", v)
	}
	tx.res[2] = ports.Result{Reply: ports.ArrayReply(nil)}
	if v := judge(tx); v.act != actDone {
		t.Errorf("a transaction that ran must not be resent: %+v", v)
	}
}

func TestBackoffIsBounded(t *testing.T) {
	o, err := Options{Addrs: []string{"x"}, NewNode: func(string) (ports.Backend, error) { return nil, nil }}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	var got []time.Duration
	for n := 1; n <= 8; n++ {
		got = append(got, o.backoff(n))
	}
	want := []time.Duration{10, 20, 40, 80, 160, 320, 500, 500}
	for i := range want {
		if got[i] != want[i]*time.Millisecond {
			t.Fatalf("backoff %v, want %v ms", got, want)
		}
	}
	if _, err := (Options{}).withDefaults(); err == nil {
		t.Error("Options without seeds accepted")
	}
}

func TestParseNodes(t *testing.T) {
	text := "a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460 [5461->-b1]\n" +
		"b1 127.0.0.1:7001@17001 master - 0 0 2 connected 5461-16383\n" +
		"c1 127.0.0.1:7002@17002 slave a1 0 0 1 connected\n" +
		"d1 127.0.0.1:7003@17003 slave,fail b1 0 0 2 disconnected\n"
	m, err := parseNodes(text, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if s := m.slots[0]; s.master != "127.0.0.1:7000" || !reflect.DeepEqual(s.replicas, []string{"127.0.0.1:7002"}) {
		t.Errorf("slot 0: %+v", s)
	}
	if s := m.slots[5461]; s.master != "127.0.0.1:7001" || len(s.replicas) != 0 {
		t.Errorf("slot 5461: %+v (a failed replica must be left out)", s)
	}
}
