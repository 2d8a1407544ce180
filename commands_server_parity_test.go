package redpipe

import (
	"reflect"
	"testing"

	"github.com/redis/go-redis/v9"
)

// serverMethods are go-redis's server, connection, ACL and cluster methods
// that redpipe has on Pipeline, under the same names.
var serverMethods = []string{
	"Ping", "Echo", "Time", "DBSize", "Info", "InfoMap", "LastSave", "Save", "BgSave", "BgRewriteAOF",
	"FlushDB", "FlushDBAsync", "FlushAll", "FlushAllAsync", "ConfigGet", "ConfigSet", "ConfigResetStat",
	"ConfigRewrite", "ClientID", "ClientList", "ClientInfo", "ClientGetName", "ClientKill",
	"ClientKillByFilter", "ClientPause", "ClientUnpause", "ClientUnblock", "ClientUnblockWithError",
	"Command", "CommandList", "CommandGetKeys", "CommandGetKeysAndFlags", "SlowLogGet", "SlowLogLen",
	"SlowLogReset", "Latency", "LatencyReset", "DebugObject", "MemoryUsage", "Wait", "WaitAOF", "SwapDB",
	"ReplicaOf", "SlaveOf", "ModuleLoadex",
	"ACLDryRun", "ACLLog", "ACLLogReset", "ACLGenPass", "ACLSetUser", "ACLDelUser", "ACLUsers",
	"ACLWhoAmI", "ACLList", "ACLCat", "ACLCatArgs",
	"ClusterMyShardID", "ClusterMyID", "ClusterSlots", "ClusterShards", "ClusterLinks", "ClusterNodes",
	"ClusterMeet", "ClusterForget", "ClusterReplicate", "ClusterResetSoft", "ClusterResetHard",
	"ClusterInfo", "ClusterKeySlot", "ClusterGetKeysInSlot", "ClusterCountFailureReports",
	"ClusterCountKeysInSlot", "ClusterDelSlots", "ClusterDelSlotsRange", "ClusterSaveConfig",
	"ClusterSlaves", "ClusterFailover", "ClusterAddSlots", "ClusterAddSlotsRange",
}

// notInPipeline are go-redis's server and connection methods redpipe
// leaves out, each with the reason.
var notInPipeline = map[string]string{
	"Select":                   "sets the connection's database for the commands after it",
	"Auth":                     "authenticates the connection it runs on",
	"AuthACL":                  "authenticates the connection it runs on",
	"Hello":                    "sets the connection's protocol, user and name",
	"ClientSetName":            "names the connection it runs on",
	"ClientSetInfo":            "sets the connection's library name or version",
	"ClientTracking":           "turns client-side caching on for the connection it runs on",
	"ClientTrackingOn":         "turns client-side caching on for the connection it runs on",
	"ClientTrackingOff":        "turns client-side caching off for the connection it runs on",
	"ClientMaintNotifications": "subscribes the connection it runs on to push notifications",
	"ReadOnly":                 "lets the connection it runs on read from a cluster replica",
	"ReadWrite":                "undoes READONLY on the connection it runs on",
	"Quit":                     "closes the connection (go-redis itself panics: not implemented)",
	"Shutdown":                 "stops the server: there is no reply to resolve a future with",
	"ShutdownSave":             "stops the server: there is no reply to resolve a future with",
	"ShutdownNoSave":           "stops the server: there is no reply to resolve a future with",
	"Monitor":                  "turns the connection into a stream of every command",
	"Sync":                     "turns the connection into a replication stream (go-redis panics: not implemented)",
	"HotKeysStart":             "a session bound to one connection (go-redis has it on *Client only)",
	"HotKeysStop":              "a session bound to one connection (go-redis has it on *Client only)",
	"HotKeysReset":             "a session bound to one connection (go-redis has it on *Client only)",
	"HotKeysGet":               "a session bound to one connection (go-redis has it on *Client only)",
}

// Every listed go-redis method exists on go-redis's *Client or *Conn (no
// typo, no name go-redis dropped) and on Pipeline, except the ones left out, which
// Pipeline must not have.
func TestServerMethodsFollowGoRedis(t *testing.T) {
	client, conn := reflect.TypeOf(&redis.Client{}), reflect.TypeOf(&redis.Conn{})
	inGoRedis := func(name string) bool {
		_, onClient := client.MethodByName(name)
		_, onConn := conn.MethodByName(name)
		return onClient || onConn
	}
	pipeline := reflect.TypeOf(&Pipeline{})
	for _, name := range serverMethods {
		if !inGoRedis(name) {
			t.Errorf("go-redis has no %s", name)
		}
		if _, ok := pipeline.MethodByName(name); !ok {
			t.Errorf("Pipeline has no %s", name)
		}
	}
	for name, why := range notInPipeline {
		if !inGoRedis(name) {
			t.Errorf("go-redis has no %s", name)
		}
		if _, ok := pipeline.MethodByName(name); ok {
			t.Errorf("Pipeline has %s, which %s", name, why)
		}
	}
	// The ACL and cluster interfaces are covered whole.
	for _, iface := range []reflect.Type{reflect.TypeFor[redis.ACLCmdable](), reflect.TypeFor[redis.ClusterCmdable]()} {
		for i := range iface.NumMethod() {
			name := iface.Method(i).Name
			if _, left := notInPipeline[name]; left {
				continue
			}
			if _, ok := pipeline.MethodByName(name); !ok {
				t.Errorf("Pipeline has no %s of go-redis's %s", name, iface.Name())
			}
		}
	}
}
