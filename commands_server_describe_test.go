package redpipe

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// queueEveryServerCommand queues one call of every server, connection, ACL
// and cluster introspection method.
func queueEveryServerCommand(p *Pipeline) {
	// server and connection
	p.Ping()
	p.Echo("hello")
	p.Time()
	p.DBSize()
	p.Info()
	p.Info("server", "clients")
	p.InfoMap("keyspace")
	p.LastSave()
	p.Save()
	p.BgSave()
	p.BgRewriteAOF()
	p.FlushDB()
	p.FlushDBAsync()
	p.FlushAll()
	p.FlushAllAsync()
	p.ConfigGet("maxmemory")
	p.ConfigSet("slowlog-max-len", "128")
	p.ConfigResetStat()
	p.ConfigRewrite()
	p.ClientID()
	p.ClientList()
	p.ClientInfo()
	p.ClientGetName()
	p.ClientKill("127.0.0.1:1234")
	p.ClientKillByFilter("ID", "12")
	p.ClientPause(time.Second)
	p.ClientUnpause()
	p.ClientUnblock(7)
	p.ClientUnblockWithError(7)
	p.Command()
	p.CommandCount()
	p.CommandList(nil)
	p.CommandList(&FilterBy{Pattern: "x*"})
	p.CommandGetKeys("MSET", "a", 1, "b", 2)
	p.CommandGetKeysAndFlags("LMOVE", "a", "b", "LEFT", "LEFT")
	p.SlowLogGet(10)
	p.SlowLogLen()
	p.SlowLogReset()
	p.Latency()
	p.LatencyReset()
	p.LatencyReset("command")
	p.DebugObject("k")
	p.MemoryUsage("k")
	p.MemoryUsage("k", 5)
	p.Wait(1, time.Second)
	p.WaitAOF(1, 0, time.Second)
	p.SwapDB(0, 1)
	p.ReplicaOf("NO", "ONE")
	p.SlaveOf("127.0.0.1", "6380")
	p.ModuleLoadex(&ModuleLoadexConfig{Path: "/m.so", Conf: map[string]any{"a": 1}, Args: []any{"x"}})
	// ACL
	p.ACLDryRun("u", "GET", "k")
	p.ACLLog(0)
	p.ACLLog(3)
	p.ACLLogReset()
	p.ACLGenPass(0)
	p.ACLGenPass(32)
	p.ACLSetUser("u", "on", ">pw", "~k*", "+get")
	p.ACLDelUser("u")
	p.ACLUsers()
	p.ACLWhoAmI()
	p.ACLList()
	p.ACLCat()
	p.ACLCatArgs(&ACLCatArgs{Category: "hyperloglog"})
	// cluster introspection
	p.ClusterMyShardID()
	p.ClusterMyID()
	p.ClusterSlots()
	p.ClusterShards()
	p.ClusterLinks()
	p.ClusterNodes()
	p.ClusterInfo()
	p.ClusterKeySlot("k")
	p.ClusterGetKeysInSlot(12, 10)
	p.ClusterCountFailureReports("id")
	p.ClusterCountKeysInSlot(12)
	p.ClusterSlaves("id")
	p.ClusterMeet("127.0.0.1", "7000")
	p.ClusterForget("id")
	p.ClusterReplicate("id")
	p.ClusterResetSoft()
	p.ClusterResetHard()
	p.ClusterSaveConfig()
	p.ClusterFailover()
	p.ClusterDelSlots(1, 2)
	p.ClusterDelSlotsRange(3, 5)
	p.ClusterAddSlots(1, 2)
	p.ClusterAddSlotsRange(3, 5)
}

// Every server, ACL and cluster command's key positions and read-only flag
// are the ones Describe gives for the same arguments (keyless all, but
// MEMORY USAGE's key; read-only only DBSIZE and MEMORY USAGE, as COMMAND
// INFO flags them).
func TestServerCommandsAgreeWithDescribe(t *testing.T) {
	p := New().Pipeline()
	queueEveryServerCommand(p)
	queued := p.tree.queued()
	if len(queued) < 86 {
		t.Fatalf("only %d commands queued", len(queued))
	}
	for _, e := range queued {
		if !checkDescribed(t, e) {
			continue
		}
		if domain.ChangesConnection(e.cmd.Name()) && e.cmd.Name() != "CLIENT" {
			t.Errorf("%q changes the connection's state and must not have a method", e.cmd.Args)
		}
	}
}

// The exact arguments of every server, ACL and cluster method, options
// included.
func TestServerCommandArguments(t *testing.T) {
	cases := []argCase{
		{func(p *Pipeline) { p.Ping() }, "PING"},
		{func(p *Pipeline) { p.Echo(1.5) }, "ECHO 1.5"},
		{func(p *Pipeline) { p.Time() }, "TIME"},
		{func(p *Pipeline) { p.DBSize() }, "DBSIZE"},
		{func(p *Pipeline) { p.Info() }, "INFO"},
		{func(p *Pipeline) { p.Info("server", "clients") }, "INFO server clients"},
		{func(p *Pipeline) { p.InfoMap("keyspace") }, "INFO keyspace"},
		{func(p *Pipeline) { p.LastSave() }, "LASTSAVE"},
		{func(p *Pipeline) { p.Save() }, "SAVE"},
		{func(p *Pipeline) { p.BgSave() }, "BGSAVE"},
		{func(p *Pipeline) { p.BgRewriteAOF() }, "BGREWRITEAOF"},
		{func(p *Pipeline) { p.FlushDB() }, "FLUSHDB"},
		{func(p *Pipeline) { p.FlushDBAsync() }, "FLUSHDB ASYNC"},
		{func(p *Pipeline) { p.FlushAll() }, "FLUSHALL"},
		{func(p *Pipeline) { p.FlushAllAsync() }, "FLUSHALL ASYNC"},
		{func(p *Pipeline) { p.ConfigGet("slowlog-*") }, "CONFIG GET slowlog-*"},
		{func(p *Pipeline) { p.ConfigSet("slowlog-max-len", "64") }, "CONFIG SET slowlog-max-len 64"},
		{func(p *Pipeline) { p.ConfigResetStat() }, "CONFIG RESETSTAT"},
		{func(p *Pipeline) { p.ConfigRewrite() }, "CONFIG REWRITE"},
		{func(p *Pipeline) { p.ClientID() }, "CLIENT ID"},
		{func(p *Pipeline) { p.ClientList() }, "CLIENT LIST"},
		{func(p *Pipeline) { p.ClientInfo() }, "CLIENT INFO"},
		{func(p *Pipeline) { p.ClientGetName() }, "CLIENT GETNAME"},
		{func(p *Pipeline) { p.ClientKill("10.0.0.1:6000") }, "CLIENT KILL 10.0.0.1:6000"},
		{func(p *Pipeline) { p.ClientKillByFilter("USER", "bob", "SKIPME", "no") }, "CLIENT KILL USER bob SKIPME no"},
		{func(p *Pipeline) { p.ClientPause(1500 * time.Millisecond) }, "CLIENT PAUSE 1500"},
		{func(p *Pipeline) { p.ClientPause(10 * time.Microsecond) }, "CLIENT PAUSE 1"},
		{func(p *Pipeline) { p.ClientUnpause() }, "CLIENT UNPAUSE"},
		{func(p *Pipeline) { p.ClientUnblock(42) }, "CLIENT UNBLOCK 42"},
		{func(p *Pipeline) { p.ClientUnblockWithError(42) }, "CLIENT UNBLOCK 42 ERROR"},
		{func(p *Pipeline) { p.Command() }, "COMMAND"},
		{func(p *Pipeline) { p.CommandCount() }, "COMMAND COUNT"},
		{func(p *Pipeline) { p.CommandList(nil) }, "COMMAND LIST"},
		{func(p *Pipeline) { p.CommandList(&FilterBy{}) }, "COMMAND LIST"},
		{func(p *Pipeline) { p.CommandList(&FilterBy{Module: "m", ACLCat: "c", Pattern: "p"}) }, "COMMAND LIST FILTERBY MODULE m"},
		{func(p *Pipeline) { p.CommandList(&FilterBy{ACLCat: "c", Pattern: "p"}) }, "COMMAND LIST FILTERBY ACLCAT c"},
		{func(p *Pipeline) { p.CommandList(&FilterBy{Pattern: "x*"}) }, "COMMAND LIST FILTERBY PATTERN x*"},
		{func(p *Pipeline) { p.CommandGetKeys("MSET", "a", 1, "b", true) }, "COMMAND GETKEYS MSET a 1 b 1"},
		{func(p *Pipeline) { p.CommandGetKeysAndFlags("LMOVE", "a", "b", "LEFT", "LEFT") }, "COMMAND GETKEYSANDFLAGS LMOVE a b LEFT LEFT"},
		{func(p *Pipeline) { p.SlowLogGet(-1) }, "SLOWLOG GET -1"},
		{func(p *Pipeline) { p.SlowLogLen() }, "SLOWLOG LEN"},
		{func(p *Pipeline) { p.SlowLogReset() }, "SLOWLOG RESET"},
		{func(p *Pipeline) { p.Latency() }, "LATENCY LATEST"},
		{func(p *Pipeline) { p.LatencyReset() }, "LATENCY RESET"},
		{func(p *Pipeline) { p.LatencyReset("command", "fork") }, "LATENCY RESET command fork"},
		{func(p *Pipeline) { p.DebugObject("k") }, "DEBUG OBJECT k"},
		{func(p *Pipeline) { p.MemoryUsage("k") }, "MEMORY USAGE k"},
		{func(p *Pipeline) { p.MemoryUsage("k", 0) }, "MEMORY USAGE k SAMPLES 0"},
		{func(p *Pipeline) { p.Wait(2, 1500*time.Millisecond) }, "WAIT 2 1500"},
		{func(p *Pipeline) { p.Wait(0, 0) }, "WAIT 0 0"},
		{func(p *Pipeline) { p.WaitAOF(1, 2, time.Second) }, "WAITAOF 1 2 1000"},
		{func(p *Pipeline) { p.SwapDB(0, 3) }, "SWAPDB 0 3"},
		{func(p *Pipeline) { p.ReplicaOf("NO", "ONE") }, "REPLICAOF NO ONE"},
		{func(p *Pipeline) { p.SlaveOf("10.0.0.1", "6380") }, "SLAVEOF 10.0.0.1 6380"},
		{func(p *Pipeline) { p.ModuleLoadex(&ModuleLoadexConfig{Path: "/m.so"}) }, "MODULE LOADEX /m.so"},
		{func(p *Pipeline) {
			p.ModuleLoadex(&ModuleLoadexConfig{Path: "/m.so", Conf: map[string]any{"b": 2, "a": "x"}, Args: []any{"p", 3}})
		}, "MODULE LOADEX /m.so CONFIG a x CONFIG b 2 ARGS p 3"},
		{func(p *Pipeline) { p.ACLDryRun("u", "SET", "k", 1) }, "ACL DRYRUN u SET k 1"},
		{func(p *Pipeline) { p.ACLLog(0) }, "ACL LOG"},
		{func(p *Pipeline) { p.ACLLog(-1) }, "ACL LOG"},
		{func(p *Pipeline) { p.ACLLog(5) }, "ACL LOG 5"},
		{func(p *Pipeline) { p.ACLLogReset() }, "ACL LOG RESET"},
		{func(p *Pipeline) { p.ACLGenPass(0) }, "ACL GENPASS"},
		{func(p *Pipeline) { p.ACLGenPass(64) }, "ACL GENPASS 64"},
		{func(p *Pipeline) { p.ACLSetUser("u") }, "ACL SETUSER u"},
		{func(p *Pipeline) { p.ACLSetUser("u", "on", ">pw", "+@all") }, "ACL SETUSER u on >pw +@all"},
		{func(p *Pipeline) { p.ACLDelUser("u") }, "ACL DELUSER u"},
		{func(p *Pipeline) { p.ACLUsers() }, "ACL USERS"},
		{func(p *Pipeline) { p.ACLWhoAmI() }, "ACL WHOAMI"},
		{func(p *Pipeline) { p.ACLList() }, "ACL LIST"},
		{func(p *Pipeline) { p.ACLCat() }, "ACL CAT"},
		{func(p *Pipeline) { p.ACLCatArgs(nil) }, "ACL CAT"},
		{func(p *Pipeline) { p.ACLCatArgs(&ACLCatArgs{}) }, "ACL CAT"},
		{func(p *Pipeline) { p.ACLCatArgs(&ACLCatArgs{Category: "geo"}) }, "ACL CAT geo"},
		{func(p *Pipeline) { p.ClusterMyShardID() }, "CLUSTER MYSHARDID"},
		{func(p *Pipeline) { p.ClusterMyID() }, "CLUSTER MYID"},
		{func(p *Pipeline) { p.ClusterSlots() }, "CLUSTER SLOTS"},
		{func(p *Pipeline) { p.ClusterShards() }, "CLUSTER SHARDS"},
		{func(p *Pipeline) { p.ClusterLinks() }, "CLUSTER LINKS"},
		{func(p *Pipeline) { p.ClusterNodes() }, "CLUSTER NODES"},
		{func(p *Pipeline) { p.ClusterInfo() }, "CLUSTER INFO"},
		{func(p *Pipeline) { p.ClusterKeySlot("{a}b") }, "CLUSTER KEYSLOT {a}b"},
		{func(p *Pipeline) { p.ClusterGetKeysInSlot(7, 100) }, "CLUSTER GETKEYSINSLOT 7 100"},
		{func(p *Pipeline) { p.ClusterCountFailureReports("n1") }, "CLUSTER COUNT-FAILURE-REPORTS n1"},
		{func(p *Pipeline) { p.ClusterCountKeysInSlot(7) }, "CLUSTER COUNTKEYSINSLOT 7"},
		{func(p *Pipeline) { p.ClusterSlaves("n1") }, "CLUSTER SLAVES n1"},
		{func(p *Pipeline) { p.ClusterMeet("10.0.0.1", "7000") }, "CLUSTER MEET 10.0.0.1 7000"},
		{func(p *Pipeline) { p.ClusterForget("n1") }, "CLUSTER FORGET n1"},
		{func(p *Pipeline) { p.ClusterReplicate("n1") }, "CLUSTER REPLICATE n1"},
		{func(p *Pipeline) { p.ClusterResetSoft() }, "CLUSTER RESET SOFT"},
		{func(p *Pipeline) { p.ClusterResetHard() }, "CLUSTER RESET HARD"},
		{func(p *Pipeline) { p.ClusterSaveConfig() }, "CLUSTER SAVECONFIG"},
		{func(p *Pipeline) { p.ClusterFailover() }, "CLUSTER FAILOVER"},
		{func(p *Pipeline) { p.ClusterDelSlots(1, 2) }, "CLUSTER DELSLOTS 1 2"},
		{func(p *Pipeline) { p.ClusterDelSlotsRange(3, 5) }, "CLUSTER DELSLOTS 3 4 5"},
		{func(p *Pipeline) { p.ClusterDelSlotsRange(9, 9) }, "CLUSTER DELSLOTS 9"},
		{func(p *Pipeline) { p.ClusterAddSlots(16383) }, "CLUSTER ADDSLOTS 16383"},
		{func(p *Pipeline) { p.ClusterAddSlotsRange(0, 2) }, "CLUSTER ADDSLOTS 0 1 2"},
		{func(p *Pipeline) { p.ClusterAddSlotsRange(16382, 16383) }, "CLUSTER ADDSLOTS 16382 16383"},
	}
	checkArguments(t, cases)
}

// Bad input fails that command at queue time, with nothing to send.
func TestServerCommandsRejectBadValues(t *testing.T) {
	p := New().Pipeline()
	p.Echo(nil)
	p.MemoryUsage("k", 1, 2)
	p.ModuleLoadex(nil)
	p.ModuleLoadex(&ModuleLoadexConfig{Path: "/m.so", Args: []any{struct{}{}}})
	p.CommandGetKeys("GET", map[string]int{"a": 1})
	p.ACLDryRun("u", "GET", nil)
	p.LatencyReset([]int{1})
	p.ClusterDelSlotsRange(5, 4)
	p.ClusterAddSlotsRange(1, 0)
	p.ClusterAddSlotsRange(0, math.MaxInt)
	p.ClusterDelSlotsRange(-1, 5)
	queued := p.tree.queued()
	if len(queued) != 11 {
		t.Fatalf("%d commands queued, want 11", len(queued))
	}
	for _, e := range queued {
		if !errors.Is(e.err, ErrInvalidValue) {
			t.Errorf("%q: err %v, want ErrInvalidValue", e.cmd.Args, e.err)
		}
	}
}
