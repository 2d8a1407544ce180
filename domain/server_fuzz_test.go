package domain

import (
	"errors"
	"testing"

	"github.com/redpipe-go/redpipe/ports"
)

// serverDecoderCases are the decoders of server.go, client_info.go, acl.go
// and cluster_info.go.
var serverDecoderCases = []decoderCase{
	{name: "Time", fn: erase(Time)},
	{name: "InfoMap", fn: erase(InfoMap)},
	{name: "ClientInfoReply", fn: erase(ClientInfoReply)},
	{name: "SlowLogs", fn: erase(SlowLogs)},
	{name: "Latencies", fn: erase(Latencies)},
	{name: "CommandInfos", fn: erase(CommandInfos)},
	{name: "KeyFlagsSlice", fn: erase(KeyFlagsSlice)},
	{name: "ACLLog", fn: erase(ACLLog)},
	{name: "ClusterSlots", fn: erase(ClusterSlots)},
	{name: "ClusterShards", fn: erase(ClusterShards)},
	{name: "ClusterLinks", fn: erase(ClusterLinks)},
}

// FuzzServerDecoders holds the server, ACL and cluster decoders to what
// FuzzDecode holds the others to: no panic, and only the decoders' three
// kinds of error, a top-level error reply as it is and a top-level nil as ErrNil.
func FuzzServerDecoders(f *testing.F) {
	for _, r := range []ports.Reply{
		arr(b("1700000000"), b("5")),
		b("# Server\r\nredis_version:7.0.15\r\n# Modules\r\nmodule:name=x,ver=1\r\n"),
		b("id=1 addr=a:1 flags=xb age=3 db=0 cmd=client|info"),
		arr(arr(i64(1), i64(2), i64(3), arr(b("GET"), b("k")), b("a:1"), b(""), i64(2))),
		arr(arr(b("command"), i64(1), i64(2), i64(3))),
		arr(arr(b("get"), i64(2), arr(st("readonly")), i64(1), i64(1), i64(1), arr(), arr(), arr(), arr())),
		arr(arr(b("a"), arr(b("RW")))),
		arr(mp(b("count"), i64(1), b("age-seconds"), dbl(0.5), b("client-info"), b("id=2"))),
		arr(arr(i64(0), i64(5), arr(b("127.0.0.1"), i64(7000), b("id"), mp()))),
		arr(mp(b("slots"), arr(i64(0), i64(5)), b("nodes"), arr(mp(b("id"), b("x"), b("port"), i64(1))))),
		arr(arr(b("direction"), b("to"), b("create-time"), i64(1))),
	} {
		f.Add(treeBytes(r))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := replyFromBytes(data)
		carried := map[*ports.RedisError]bool{}
		redisErrors(r, carried)
		for _, d := range serverDecoderCases {
			v, err := d.fn(r)
			if err == nil {
				continue
			}
			var re *ports.RedisError
			switch {
			case errors.As(err, &re):
				if !carried[re] {
					t.Fatalf("%s(%s) = Redis error %q, which the reply does not carry", d.name, r, re)
				}
			case !errors.Is(err, ErrNil) && !errors.Is(err, ErrUnexpectedReply):
				t.Fatalf("%s(%s) error %v is neither ErrNil, ErrUnexpectedReply nor a Redis error", d.name, r, err)
			}
			switch r.Kind {
			case ports.KindError:
				if err != error(r.Err) {
					t.Fatalf("%s(error reply %s) = %v, %v; want the reply's own error", d.name, r, v, err)
				}
			case ports.KindNil:
				if err != ErrNil {
					t.Fatalf("%s(nil) = %v, %v; want ErrNil", d.name, v, err)
				}
			}
		}
	})
}
