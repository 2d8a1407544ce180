package domain

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

func serverBulks(ss ...string) []ports.Reply {
	out := make([]ports.Reply, len(ss))
	for i, s := range ss {
		out[i] = ports.BulkReply(s)
	}
	return out
}

func TestParseClientInfoReadsEveryField(t *testing.T) {
	const line = "id=53 addr=127.0.0.1:48098 laddr=127.0.0.1:6399 fd=8 name=web age=12 idle=3 flags=xbtZ db=2 sub=1 psub=4 ssub=5 multi=-1 watch=6 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=7 rbs=16384 rbp=1024 obl=8 oll=9 omem=11 tot-mem=37658 tot-net-in=100 tot-net-out=200 tot-cmds=300 io-thread=1 events=r cmd=client|info user=default redir=-1 resp=3 lib-name=redpipe lib-ver=1.0 read-events=13 avg-pipeline-len-sum=14 avg-pipeline-len-cnt=15 new-field=x\n"
	got, err := ClientInfoReply(ports.BulkReply(line))
	if err != nil {
		t.Fatal(err)
	}
	want := &ClientInfo{
		ID: 53, Addr: "127.0.0.1:48098", LAddr: "127.0.0.1:6399", FD: 8, Name: "web",
		Age: 12 * time.Second, Idle: 3 * time.Second, Flags: ClientMulti | ClientBlocked | ClientTracking,
		DB: 2, Sub: 1, PSub: 4, SSub: 5, Multi: -1, Watch: 6, QueryBuf: 26, QueryBufFree: 20448,
		ArgvMem: 10, MultiMem: 7, BufferSize: 16384, BufferPeak: 1024, OutputBufferLength: 8,
		OutputListLength: 9, OutputMemory: 11, TotalMemory: 37658, TotalNetIn: 100, TotalNetOut: 200,
		TotalCmds: 300, IoThread: 1, Events: "r", LastCmd: "client|info", User: "default", Redir: -1,
		Resp: 3, LibName: "redpipe", LibVer: "1.0", ReadEvents: 13, AvgPipelineLenSum: 14, AvgPipelineLenCnt: 15,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if info, err := ParseClientInfo("id=1 flags=N name="); err != nil || info.Flags != 0 || info.Name != "" || info.ID != 1 {
		t.Errorf("flags=N and an empty name: %+v, %v", info, err)
	}
	if info, _ := ParseClientInfo("flags=O"); info.Flags != ClientSlave|ClientMonitor {
		t.Errorf("flags=O: %b", info.Flags)
	}
	for _, bad := range []string{"id=x", "db=1.5", "age", "read-events=-1"} {
		if _, err := ParseClientInfo(bad); !errors.Is(err, ErrUnexpectedReply) {
			t.Errorf("%q: err %v, want ErrUnexpectedReply", bad, err)
		}
	}
	if _, err := ClientInfoReply(ports.IntReply(1)); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("an integer: %v", err)
	}
}

func TestTimeAndInfoMap(t *testing.T) {
	got, err := Time(ports.ArrayReply(serverBulks("1700000000", "123456")))
	if err != nil || !got.Equal(time.Unix(1700000000, 123456000)) {
		t.Errorf("TIME: %v, %v", got, err)
	}
	if _, err := Time(ports.ArrayReply(serverBulks("1"))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("TIME of one element: %v", err)
	}
	const info = "preamble:dropped\r\n# Server\r\nredis_version:7.0.15\r\nexecutable:/usr/bin/redis-server\r\nodd line\r\n\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n# Modules\r\nmodule:name=search,ver=20800,api=1\r\n"
	m, err := InfoMap(ports.BulkReply(info))
	want := map[string]map[string]string{
		"Server":   {"redis_version": "7.0.15", "executable": "/usr/bin/redis-server"},
		"Keyspace": {"db0": "keys=1,expires=0,avg_ttl=0"},
		"Modules":  {"search": "ver=20800,api=1"},
	}
	if err != nil || !reflect.DeepEqual(m, want) {
		t.Errorf("INFO: %v, %v", m, err)
	}
	if m := ParseInfo(""); len(m) != 0 {
		t.Errorf("empty INFO: %v", m)
	}
}

func TestSlowLogsAndLatencies(t *testing.T) {
	entry := func(extra ...ports.Reply) ports.Reply {
		es := []ports.Reply{ports.IntReply(7), ports.IntReply(1700000000), ports.IntReply(1500), ports.ArrayReply(serverBulks("SET", "k", "v"))}
		return ports.ArrayReply(append(es, extra...))
	}
	got, err := SlowLogs(ports.ArrayReply([]ports.Reply{
		entry(),
		entry(ports.BulkReply("127.0.0.1:5000"), ports.BulkReply("")),
		entry(ports.BulkReply("127.0.0.1:5000"), ports.BulkReply("web"), ports.IntReply(40), ports.BulkReply("future")),
	}))
	base := SlowLog{ID: 7, Time: time.Unix(1700000000, 0), Duration: 1500 * time.Microsecond, Args: []string{"SET", "k", "v"}}
	withAddr := base
	withAddr.ClientAddr = "127.0.0.1:5000"
	full := withAddr
	full.ClientName, full.CommandArgc = "web", 40
	if err != nil || !reflect.DeepEqual(got, []SlowLog{base, withAddr, full}) {
		t.Errorf("SLOWLOG GET: %+v, %v", got, err)
	}
	if _, err := SlowLogs(ports.ArrayReply([]ports.Reply{ports.ArrayReply(serverBulks("1", "2", "3"))})); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("a short entry: %v", err)
	}
	lat, err := Latencies(ports.ArrayReply([]ports.Reply{ports.ArrayReply([]ports.Reply{
		ports.BulkReply("command"), ports.IntReply(1700000000), ports.IntReply(250), ports.IntReply(1000),
	})}))
	if err != nil || !reflect.DeepEqual(lat, []Latency{{Name: "command", Time: time.Unix(1700000000, 0), Latest: 250 * time.Millisecond, Max: time.Second}}) {
		t.Errorf("LATENCY LATEST: %+v, %v", lat, err)
	}
	if lat, err := Latencies(ports.ArrayReply(nil)); err != nil || len(lat) != 0 {
		t.Errorf("no events: %v, %v", lat, err)
	}
}

func TestCommandInfosAndKeyFlags(t *testing.T) {
	get := ports.ArrayReply([]ports.Reply{
		ports.BulkReply("get"), ports.IntReply(2), ports.SetReply([]ports.Reply{ports.StatusReply("readonly"), ports.StatusReply("fast")}),
		ports.IntReply(1), ports.IntReply(1), ports.IntReply(1),
		ports.SetReply([]ports.Reply{ports.StatusReply("@read"), ports.StatusReply("@string"), ports.StatusReply("@fast")}),
		ports.ArrayReply(nil), ports.ArrayReply(nil), ports.SetReply(nil),
	})
	ping := ports.ArrayReply([]ports.Reply{
		ports.BulkReply("ping"), ports.IntReply(-1), ports.ArrayReply([]ports.Reply{ports.StatusReply("fast")}),
		ports.IntReply(0), ports.IntReply(0), ports.IntReply(0),
		ports.ArrayReply([]ports.Reply{ports.StatusReply("@fast"), ports.StatusReply("@connection")}),
		ports.ArrayReply(serverBulks("request_policy:all_shards", "response_policy:all_succeeded")),
		ports.ArrayReply(nil), ports.ArrayReply(nil),
	})
	redis5 := ports.ArrayReply([]ports.Reply{
		ports.BulkReply("set"), ports.IntReply(-3), ports.ArrayReply([]ports.Reply{ports.StatusReply("write")}),
		ports.IntReply(1), ports.IntReply(1), ports.IntReply(1),
	})
	got, err := CommandInfos(ports.ArrayReply([]ports.Reply{get, ping, redis5}))
	want := map[string]*CommandInfo{
		"get": {Name: "get", Arity: 2, Flags: []string{"readonly", "fast"}, ACLFlags: []string{"@read", "@string", "@fast"},
			FirstKeyPos: 1, LastKeyPos: 1, StepCount: 1, ReadOnly: true, Tips: []string{}},
		"ping": {Name: "ping", Arity: -1, Flags: []string{"fast"}, ACLFlags: []string{"@fast", "@connection"},
			Tips: []string{"request_policy:all_shards", "response_policy:all_succeeded"}},
		"set": {Name: "set", Arity: -3, Flags: []string{"write"}, FirstKeyPos: 1, LastKeyPos: 1, StepCount: 1},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("COMMAND: %v", err)
		for k, v := range got {
			t.Errorf("%s: %+v", k, *v)
		}
	}
	kf, err := KeyFlagsSlice(ports.ArrayReply([]ports.Reply{
		ports.ArrayReply([]ports.Reply{ports.BulkReply("a"), ports.ArrayReply(serverBulks("RW", "access", "delete"))}),
		ports.ArrayReply([]ports.Reply{ports.BulkReply("b"), ports.SetReply(serverBulks("RW", "insert"))}),
	}))
	if err != nil || !reflect.DeepEqual(kf, []KeyFlags{{"a", []string{"RW", "access", "delete"}}, {"b", []string{"RW", "insert"}}}) {
		t.Errorf("COMMAND GETKEYSANDFLAGS: %+v, %v", kf, err)
	}
}
