package domain

import (
	"errors"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

func TestWholeDeploymentCommands(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"DBSIZE"}, true}, {[]string{"flushdb", "ASYNC"}, true}, {[]string{"FLUSHALL"}, true},
		{[]string{"KEYS", "user:*"}, true}, {[]string{"KEYS", "{user1}:*"}, false},
		{[]string{"SCRIPT", "LOAD", "return 1"}, true}, {[]string{"script", "exists", "a"}, true}, {[]string{"SCRIPT", "FLUSH"}, true},
		{[]string{"SCRIPT", "KILL"}, false}, {[]string{"FUNCTION", "LOAD", "#!lua name=x"}, true},
		{[]string{"FUNCTION", "DELETE", "x"}, true}, {[]string{"FUNCTION", "RESTORE", "payload"}, true}, {[]string{"FUNCTION", "LIST"}, false},
		{[]string{"GET", "k"}, false}, {[]string{"PING"}, false}, {nil, false}, {[]string{"SCRIPT"}, false},
	} {
		if got := WholeDeployment(c.args); got != c.want {
			t.Errorf("WholeDeployment(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

func TestMergeMasters(t *testing.T) {
	ok := func(r ports.Reply) ports.Result { return ports.Result{Reply: r} }
	ints := func(ns ...int64) ports.Reply {
		es := make([]ports.Reply, len(ns))
		for i, n := range ns {
			es[i] = ports.IntReply(n)
		}
		return ports.ArrayReply(es)
	}
	boom := ports.NewRedisError("READONLY You can't write against a read only replica.")
	for _, c := range []struct {
		args    []string
		results []ports.Result
		want    ports.Result
	}{
		{[]string{"DBSIZE"}, []ports.Result{ok(ports.IntReply(3)), ok(ports.IntReply(0)), ok(ports.IntReply(4))}, ok(ports.IntReply(7))},
		{[]string{"FLUSHDB"}, []ports.Result{ok(ports.StatusReply("OK")), ok(ports.StatusReply("OK"))}, ok(ports.StatusReply("OK"))},
		{[]string{"FLUSHDB"}, []ports.Result{ok(ports.StatusReply("OK")), {Err: boom}}, ports.Result{Err: boom}},
		{[]string{"SCRIPT", "LOAD", "return 1"}, []ports.Result{ok(ports.BulkReply("e0e1")), ok(ports.BulkReply("e0e1"))}, ok(ports.BulkReply("e0e1"))},
		{[]string{"SCRIPT", "EXISTS", "a", "b", "c"}, []ports.Result{ok(ints(1, 1, 0)), ok(ints(1, 0, 0))}, ok(ints(1, 0, 0))},
		{[]string{"KEYS", "*"}, []ports.Result{ok(ports.ArrayReply([]ports.Reply{ports.BulkReply("a")})), ok(ports.ArrayReply(nil)), ok(ports.ArrayReply([]ports.Reply{ports.BulkReply("b"), ports.BulkReply("c")}))},
			ok(ports.ArrayReply([]ports.Reply{ports.BulkReply("a"), ports.BulkReply("b"), ports.BulkReply("c")}))},
		{[]string{"KEYS", "none*"}, []ports.Result{ok(ports.ArrayReply(nil)), ok(ports.ArrayReply(nil))}, ok(ports.ArrayReply([]ports.Reply{}))},
	} {
		if got := MergeMasters(c.args, c.results); !reflect.DeepEqual(got, c.want) {
			t.Errorf("MergeMasters(%q) = %+v, want %+v", c.args, got, c.want)
		}
	}
	if r := MergeMasters([]string{"SCRIPT", "LOAD", "x"}, []ports.Result{ok(ports.BulkReply("a")), ok(ports.BulkReply("b"))}); !errors.Is(r.Err, ErrUnexpectedReply) {
		t.Errorf("masters disagreeing: %+v, want ErrUnexpectedReply", r)
	}
	if r := MergeMasters([]string{"GET", "k"}, nil); !errors.Is(r.Err, ErrInvalidValue) {
		t.Errorf("not a whole-deployment command: %+v", r)
	}
	var te *ports.TransportError
	if r := MergeMasters([]string{"DBSIZE"}, nil); !errors.As(r.Err, &te) {
		t.Errorf("no master: %+v", r)
	}
}
