package domain

import (
	"errors"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

func TestACLLogBothProtocols(t *testing.T) {
	const client = "id=64 addr=127.0.0.1:48200 laddr=127.0.0.1:6399 fd=8 name= age=0 idle=0 flags=N db=0 cmd=auth user=default redir=-1 resp=2\n"
	fields := func(age ports.Reply) []ports.Reply {
		return []ports.Reply{
			ports.BulkReply("count"), ports.IntReply(1), ports.BulkReply("reason"), ports.BulkReply("auth"),
			ports.BulkReply("context"), ports.BulkReply("toplevel"), ports.BulkReply("object"), ports.BulkReply("AUTH"),
			ports.BulkReply("username"), ports.BulkReply("u"), ports.BulkReply("age-seconds"), age,
			ports.BulkReply("client-info"), ports.BulkReply(client),
			ports.BulkReply("entry-id"), ports.IntReply(3), ports.BulkReply("timestamp-created"), ports.IntReply(1700000000000),
			ports.BulkReply("timestamp-last-updated"), ports.IntReply(1700000000001), ports.BulkReply("later"), ports.ArrayReply(nil),
		}
	}
	info, _ := ParseClientInfo(client)
	want := []*ACLLogEntry{{Count: 1, Reason: "auth", Context: "toplevel", Object: "AUTH", Username: "u", AgeSeconds: 0.007,
		ClientInfo: info, EntryID: 3, TimestampCreated: 1700000000000, TimestampLastUpdated: 1700000000001}}
	resp2, err2 := ACLLog(ports.ArrayReply([]ports.Reply{ports.ArrayReply(fields(ports.BulkReply("0.0070000000000000001")))}))
	resp3, err3 := ACLLog(ports.ArrayReply([]ports.Reply{ports.MapReply(fields(ports.DoubleReply(0.007)))}))
	if err2 != nil || err3 != nil || !reflect.DeepEqual(resp2, want) || !reflect.DeepEqual(resp3, want) {
		t.Errorf("ACL LOG: RESP2 %+v %v, RESP3 %+v %v", resp2[0], err2, resp3[0], err3)
	}
	if _, err := ACLLog(ports.ArrayReply([]ports.Reply{ports.ArrayReply(serverBulks("count"))})); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("odd fields: %v", err)
	}
	if _, err := ACLLog(ports.ArrayReply([]ports.Reply{ports.ArrayReply(serverBulks("count", "x"))})); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("count not a number: %v", err)
	}
}
