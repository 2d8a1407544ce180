package goredis

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// These tests drive the guard and the outcome rules with go-redis commands
// in the states go-redis leaves them in (its error and value fields); the
// end-to-end behaviour against real servers is in resend_test.go.

// replyErr is an error reply as go-redis gives it: a type with a RedisError
// method (a new value per reply, like go-redis's *MovedError and friends).
type replyErr struct{ msg string }

func (e *replyErr) Error() string { return e.msg }
func (e *replyErr) RedisError()   {}

var _ redis.Error = (*replyErr)(nil)

func newGuards(whole bool, readOnly ...bool) *batch {
	cmds := make([]ports.Command, len(readOnly))
	for i, ro := range readOnly {
		cmds[i] = ports.Command{Args: []string{"CMD", "k"}, ReadOnly: ro}
	}
	b := newBatch(cmds, whole, false)
	for i := range b.guards {
		b.guards[i].cmd = redis.NewCmd(context.Background(), b.guards[i].args...)
	}
	b.first = &b.guards[0]
	return b
}

func send(t *testing.T, g *guard) bool {
	t.Helper()
	p, err := g.MarshalBinary()
	if err != nil {
		if !errors.Is(err, errResendRefused) {
			t.Fatalf("MarshalBinary: unexpected %v", err)
		}
		return false
	}
	if string(p) != g.name {
		t.Fatalf("MarshalBinary wrote %q, want %q", p, g.name)
	}
	return true
}

func TestGuardName(t *testing.T) {
	b := newGuards(false, false)
	cmd := b.guards[0].cmd
	if cmd.Name() != "cmd" || cmd.FullName() != "cmd" {
		t.Errorf("go-redis sees the name as %q / %q, want cmd", cmd.Name(), cmd.FullName())
	}
}

func TestGuardResendRules(t *testing.T) {
	moved1, moved2 := &replyErr{"MOVED 1 127.0.0.1:7000"}, &replyErr{"MOVED 1 127.0.0.1:7000"}
	cases := []struct {
		name     string
		readOnly bool
		err      error
		want     bool
	}{
		{"answered", false, nil, false},
		{"a nil reply", false, redis.Nil, false},
		{"an error that ran", false, &replyErr{"WRONGTYPE Operation against a key holding the wrong kind of value"}, false},
		{"connection lost", false, io.EOF, false},
		{"MOVED", false, moved1, true},
		{"ASK", false, &replyErr{"ASK 1 127.0.0.1:7000"}, true},
		{"TRYAGAIN", false, &replyErr{"TRYAGAIN Multiple keys request during rehashing of slot"}, true},
		{"CLUSTERDOWN", false, &replyErr{"CLUSTERDOWN The cluster is down"}, true},
		{"LOADING", false, &replyErr{"LOADING Redis is loading the dataset in memory"}, true},
		{"READONLY", false, &replyErr{"READONLY You can't write against a read only replica."}, true},
		{"MASTERDOWN", false, &replyErr{"MASTERDOWN Link with MASTER is down"}, true},
		{"NOREPLICAS (not trusted)", false, &replyErr{"NOREPLICAS Not enough good replicas to write."}, false},
		{"read-only after a lost connection", true, io.EOF, true},
	}
	for _, c := range cases {
		b := newGuards(false, c.readOnly)
		g := &b.guards[0]
		if !send(t, g) {
			t.Fatalf("%s: the first send was refused", c.name)
		}
		g.cmd.SetErr(c.err)
		if got := send(t, g); got != c.want {
			t.Errorf("%s: resend allowed = %v, want %v", c.name, got, c.want)
		}
	}

	// One refusal allows one resend: the same reply again means go-redis is
	// sending the command twice on it (a command in two node batches).
	b := newGuards(false, false)
	g := &b.guards[0]
	send(t, g)
	g.cmd.SetErr(moved1)
	if !send(t, g) || send(t, g) {
		t.Error("a second resend on the same MOVED reply was allowed")
	}
	g.cmd.SetErr(moved2) // the resend's own reply: a new MOVED
	if !send(t, g) {
		t.Error("a resend on a new MOVED reply was refused")
	}
}

func TestGuardWholeBatch(t *testing.T) {
	b := newGuards(true, false, false, true)
	for i := range b.guards {
		send(t, &b.guards[i])
	}
	b.guards[0].cmd.SetErr(&replyErr{"READONLY You can't write against a read only replica."})
	b.guards[1].cmd.SetVal(int64(7)) // answered
	b.guards[2].cmd.SetErr(io.EOF)   // read-only: may go again
	if send(t, &b.guards[0]) {
		t.Fatal("the first guard let through a resend that would run guards[1] twice")
	}
	if b.guards[0].permittedBy() != nil || b.guards[0].sends != 1 {
		t.Error("the refused resend was counted")
	}
	if r := b.guards[1].resend; r == nil || !r.refused || r.refusedWith != nil {
		t.Errorf("guards[1]: resend state %+v, want refused with its nil error", r)
	}

	b = newGuards(true, false, true)
	for i := range b.guards {
		send(t, &b.guards[i])
	}
	b.guards[0].cmd.SetErr(&replyErr{"LOADING Redis is loading the dataset in memory"})
	b.guards[1].cmd.SetErr(io.EOF)
	if !send(t, &b.guards[0]) || !send(t, &b.guards[1]) {
		t.Error("a resend of refused and read-only commands was refused")
	}
}

func TestOutcome(t *testing.T) {
	ctx := context.Background()
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	moved := &replyErr{"MOVED 1 127.0.0.1:7000"}

	type state struct {
		sends       int
		permittedBy error
		refused     bool
		refusedWith error
		err         error
		val         any
	}
	cases := []struct {
		name  string
		s     state
		reply ports.Reply
		check func(t *testing.T, err error)
	}{
		{name: "a reply", s: state{sends: 1, val: "v"}, reply: ports.BulkReply("v")},
		{name: "a nil reply", s: state{sends: 1, err: redis.Nil}, reply: ports.NilReply()},
		{name: "answered, then the batch failed", s: state{sends: 1, err: io.EOF, val: int64(3)}, reply: ports.IntReply(3)},
		{name: "answered, then our refusal was stamped", s: state{sends: 1, refused: true, err: errResendRefused, val: int64(4)}, reply: ports.IntReply(4)},
		{name: "lost with the connection, then refused", s: state{sends: 1, refused: true, refusedWith: io.EOF, err: errResendRefused}, check: func(t *testing.T, err error) {
			var te *ports.TransportError
			if !errors.As(err, &te) || !te.MaybeWritten || !errors.Is(te.Err, io.EOF) {
				t.Errorf("got %v, want a maybe-written transport error with io.EOF", err)
			}
		}},
		{name: "a Redis error, then refused", s: state{sends: 1, refused: true, refusedWith: &replyErr{"ERR boom"}, err: errResendRefused}, check: func(t *testing.T, err error) {
			if re, ok := err.(*ports.RedisError); !ok || re.Error() != "ERR boom" {
				t.Errorf("got %v, want the Redis error ERR boom", err)
			}
		}},
		{name: "never written", s: state{sends: 0, err: dialErr}, check: func(t *testing.T, err error) {
			var te *ports.TransportError
			if !errors.As(err, &te) || te.MaybeWritten || !errors.Is(err, syscall.ECONNREFUSED) {
				t.Errorf("got %v, want a not-written transport error", err)
			}
		}},
		{name: "written, reply lost", s: state{sends: 1, err: io.EOF}, check: func(t *testing.T, err error) {
			var te *ports.TransportError
			if !errors.As(err, &te) || !te.MaybeWritten {
				t.Errorf("got %v, want a maybe-written transport error", err)
			}
		}},
		{name: "resent on MOVED, resend never answered", s: state{sends: 2, permittedBy: moved, err: moved}, check: func(t *testing.T, err error) {
			var te *ports.TransportError
			if !errors.As(err, &te) || !te.MaybeWritten || !errors.Is(err, errResendUnread) {
				t.Errorf("got %v, want a maybe-written transport error", err)
			}
		}},
		{name: "MOVED after the last redirect", s: state{sends: 2, permittedBy: moved, err: &replyErr{"MOVED 1 127.0.0.1:7000"}}, check: func(t *testing.T, err error) {
			if re, ok := err.(*ports.RedisError); !ok || re.Kind() != ports.ErrMoved {
				t.Errorf("got %v, want the MOVED Redis error", err)
			}
		}},
	}
	for _, c := range cases {
		b := newGuards(false, false)
		g := &b.guards[0]
		g.sends = int32(c.s.sends)
		if c.s.permittedBy != nil || c.s.refused || c.s.refusedWith != nil {
			g.resend = &resendState{permittedBy: c.s.permittedBy, refused: c.s.refused, refusedWith: c.s.refusedWith}
		}
		g.cmd.SetVal(c.s.val)
		g.cmd.SetErr(c.s.err)
		res := g.outcome(ctx)
		if c.check != nil {
			t.Run(c.name, func(t *testing.T) { c.check(t, res.Err) })
			continue
		}
		if res.Err != nil || res.Reply.String() != c.reply.String() || res.Reply.Kind != c.reply.Kind {
			t.Errorf("%s: got %s %v, want %s", c.name, res.Reply, res.Err, c.reply)
		}
	}
}

func TestOutcomeContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := newGuards(false, false)
	g := &b.guards[0]
	g.sends = 1
	g.cmd.SetErr(context.Canceled)
	var te *ports.TransportError
	if err := g.outcome(ctx).Err; !errors.As(err, &te) || !te.MaybeWritten || te.Err != context.Canceled {
		t.Errorf("written, then ctx ended: got %v, want an outcome-unknown transport error of context.Canceled", err)
	}
	g.sends = 0
	if err := g.outcome(ctx).Err; err != context.Canceled {
		t.Errorf("never written, then ctx ended: got %v, want context.Canceled alone", err)
	}
	g.sends = 1
	// A deadline from go-redis's own DialTimeout while ctx is live is a
	// transport error, not ctx's.
	g.cmd.SetErr(context.DeadlineExceeded)
	if err := g.outcome(context.Background()).Err; !errors.As(err, &te) {
		t.Errorf("got %v, want a transport error", err)
	}
}

func TestSlotZeroAlias(t *testing.T) {
	if got, want := domain.Slot(slotZeroAlias), domain.Slot(""); got != want || want != 0 {
		t.Errorf("slot of %q = %d, slot of \"\" = %d; both must be 0", slotZeroAlias, got, want)
	}
	if p, _ := (emptyKey{}).MarshalBinary(); len(p) != 0 {
		t.Errorf("emptyKey is sent as %q", p)
	}
}

// Once its Exec is abandoned at ctx's end, nothing of the batch is
// written: neither a command go-redis has not sent yet (a read-only one
// included) nor a resend, so an abandoned write cannot land after the
// caller has gone on to its next commands.
func TestGuardAbandonedBatchWritesNothing(t *testing.T) {
	b := newGuards(false, false, true, false)
	if !send(t, &b.guards[0]) {
		t.Fatal("the first command's first send was refused before the abandon")
	}
	b.abandon()
	for i := range b.guards {
		if _, err := b.guards[i].MarshalBinary(); !errors.Is(err, errAbandoned) {
			t.Errorf("command %d after the abandon: MarshalBinary gave %v, want errAbandoned", i, err)
		}
	}
}
