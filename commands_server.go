package redpipe

// Server and connection: Ping Echo Time DBSize Info InfoMap LastSave Save
// BgSave BgRewriteAOF FlushDB[Async] FlushAll[Async] ConfigGet ConfigSet
// ConfigResetStat ConfigRewrite ClientID ClientList ClientInfo ClientGetName
// ClientKill ClientKillByFilter ClientPause ClientUnpause ClientUnblock
// ClientUnblockWithError Command CommandCount CommandList CommandGetKeys
// CommandGetKeysAndFlags SlowLogGet SlowLogLen SlowLogReset Latency
// LatencyReset DebugObject MemoryUsage Wait WaitAOF SwapDB ReplicaOf SlaveOf
// ModuleLoadex — argument structs FilterBy and ModuleLoadexConfig beside
// them.
//
// Not here, because their effect is on the connection they run on, which a
// pipeline shares with other callers' commands (domain.ChangesConnection):
// SELECT, AUTH, HELLO, CLIENT SETNAME / SETINFO / TRACKING / REPLY /
// CACHING / NO-EVICT / NO-TOUCH / MAINT_NOTIFICATIONS, READONLY, READWRITE,
// RESET, QUIT, MONITOR; nor SHUTDOWN (no reply to pipeline) or SYNC.

import (
	"fmt"
	"slices"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Result types of the server commands; see package domain.
type (
	// ClientInfo is one client connection as CLIENT INFO describes it.
	ClientInfo = domain.ClientInfo
	// ClientFlags are a client's flags (ClientInfo.Flags).
	ClientFlags = domain.ClientFlags
	// SlowLog is one SLOWLOG GET entry.
	SlowLog = domain.SlowLog
	// Latency is one LATENCY LATEST event.
	Latency = domain.Latency
	// CommandInfo is one command of COMMAND.
	CommandInfo = domain.CommandInfo
	// KeyFlags is one key of COMMAND GETKEYSANDFLAGS and its flags.
	KeyFlags = domain.KeyFlags
)

// The client flags of ClientInfo.Flags, with go-redis's names and values.
const (
	ClientSlave               = domain.ClientSlave
	ClientMaster              = domain.ClientMaster
	ClientMonitor             = domain.ClientMonitor
	ClientMulti               = domain.ClientMulti
	ClientBlocked             = domain.ClientBlocked
	ClientDirtyCAS            = domain.ClientDirtyCAS
	ClientUnBlocked           = domain.ClientUnBlocked
	ClientCloseASAP           = domain.ClientCloseASAP
	ClientUnixSocket          = domain.ClientUnixSocket
	ClientReadOnly            = domain.ClientReadOnly
	ClientPubSub              = domain.ClientPubSub
	ClientTracking            = domain.ClientTracking
	ClientTrackingBrokenRedir = domain.ClientTrackingBrokenRedir
	ClientTrackingBCAST       = domain.ClientTrackingBCAST
	ClientCloseAfterCommand   = domain.ClientCloseAfterCommand
	ClientNoEvict             = domain.ClientNoEvict
	ClientNoTouch             = domain.ClientNoTouch
)

// ParseClientInfo reads one line of ClientList's text into the ClientInfo
// CLIENT INFO would give for that connection.
func ParseClientInfo(line string) (*ClientInfo, error) { return domain.ParseClientInfo(line) }

// queueNoKey queues a keyless command made of fixed words.
func queueNoKey[T any](p *Pipeline, decode func(ports.Reply) (T, error), readOnly bool, args ...string) *Future[T] {
	return queueBuilt(p, decode, domain.NewBuilder(readOnly, nil, args...))
}

// Ping queues PING: "PONG".
func (p *Pipeline) Ping() *Future[string] { return queueNoKey(p, domain.Status, false, "PING") }

// Echo queues ECHO message and gives message back.
func (p *Pipeline) Echo(message any) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, nil, "ECHO").Val(message))
}

// Time queues TIME: the server's clock, to the microsecond.
func (p *Pipeline) Time() *Future[time.Time] { return queueNoKey(p, domain.Time, false, "TIME") }

// DBSize queues DBSIZE: the number of keys in the selected database (on a
// cluster, of the one node a keyless command goes to).
func (p *Pipeline) DBSize() *Future[int64] { return queueNoKey(p, domain.Int64, true, "DBSIZE") }

// Info queues INFO [section ...] and gives its text.
func (p *Pipeline) Info(sections ...string) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, nil, "INFO").Str(sections...))
}

// InfoMap queues INFO [section ...] and gives it by section name
// ("Server", "Keyspace", ...), each section's name:value lines as a map.
func (p *Pipeline) InfoMap(sections ...string) *Future[map[string]map[string]string] {
	return queueBuilt(p, domain.InfoMap, domain.NewBuilder(false, nil, "INFO").Str(sections...))
}

// LastSave queues LASTSAVE: the Unix time of the last successful save.
func (p *Pipeline) LastSave() *Future[int64] { return queueNoKey(p, domain.Int64, false, "LASTSAVE") }

// Save queues SAVE, a synchronous save that blocks the server: "OK".
func (p *Pipeline) Save() *Future[string] { return queueNoKey(p, domain.Status, false, "SAVE") }

// BgSave queues BGSAVE: "Background saving started".
func (p *Pipeline) BgSave() *Future[string] { return queueNoKey(p, domain.Status, false, "BGSAVE") }

// BgRewriteAOF queues BGREWRITEAOF.
func (p *Pipeline) BgRewriteAOF() *Future[string] {
	return queueNoKey(p, domain.Status, false, "BGREWRITEAOF")
}

// FlushDB queues FLUSHDB, which deletes every key of the selected database.
func (p *Pipeline) FlushDB() *Future[string] { return queueNoKey(p, domain.Status, false, "FLUSHDB") }

// FlushDBAsync queues FLUSHDB ASYNC.
func (p *Pipeline) FlushDBAsync() *Future[string] {
	return queueNoKey(p, domain.Status, false, "FLUSHDB", "ASYNC")
}

// FlushAll queues FLUSHALL, which deletes every key of every database.
func (p *Pipeline) FlushAll() *Future[string] { return queueNoKey(p, domain.Status, false, "FLUSHALL") }

// FlushAllAsync queues FLUSHALL ASYNC.
func (p *Pipeline) FlushAllAsync() *Future[string] {
	return queueNoKey(p, domain.Status, false, "FLUSHALL", "ASYNC")
}

// ConfigGet queues CONFIG GET parameter (a glob pattern allowed) and gives
// every matching parameter and its value.
func (p *Pipeline) ConfigGet(parameter string) *Future[map[string]string] {
	return queueNoKey(p, domain.StringMap, false, "CONFIG", "GET", parameter)
}

// ConfigSet queues CONFIG SET parameter value: "OK".
func (p *Pipeline) ConfigSet(parameter, value string) *Future[string] {
	return queueNoKey(p, domain.Status, false, "CONFIG", "SET", parameter, value)
}

// ConfigResetStat queues CONFIG RESETSTAT, which zeroes INFO's statistics.
func (p *Pipeline) ConfigResetStat() *Future[string] {
	return queueNoKey(p, domain.Status, false, "CONFIG", "RESETSTAT")
}

// ConfigRewrite queues CONFIG REWRITE, which writes the running
// configuration to the server's config file.
func (p *Pipeline) ConfigRewrite() *Future[string] {
	return queueNoKey(p, domain.Status, false, "CONFIG", "REWRITE")
}

// ClientID queues CLIENT ID: the id of the connection the batch runs on.
func (p *Pipeline) ClientID() *Future[int64] {
	return queueNoKey(p, domain.Int64, false, "CLIENT", "ID")
}

// ClientList queues CLIENT LIST: one line per connection, as ClientInfo
// describes (ParseClientInfo reads one).
func (p *Pipeline) ClientList() *Future[string] {
	return queueNoKey(p, domain.String, false, "CLIENT", "LIST")
}

// ClientInfo queues CLIENT INFO: the connection the batch runs on.
func (p *Pipeline) ClientInfo() *Future[*ClientInfo] {
	return queueNoKey(p, domain.ClientInfoReply, false, "CLIENT", "INFO")
}

// ClientGetName queues CLIENT GETNAME: ErrNil for a connection without a name.
func (p *Pipeline) ClientGetName() *Future[string] {
	return queueNoKey(p, domain.String, false, "CLIENT", "GETNAME")
}

// ClientKill queues CLIENT KILL ip:port (the old form): "OK".
func (p *Pipeline) ClientKill(ipPort string) *Future[string] {
	return queueNoKey(p, domain.Status, false, "CLIENT", "KILL", ipPort)
}

// ClientKillByFilter queues CLIENT KILL filter value ... (ID 12, USER u,
// SKIPME no, ...) and gives the number of connections closed.
func (p *Pipeline) ClientKillByFilter(keys ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "CLIENT", "KILL").Str(keys...))
}

// ClientPause queues CLIENT PAUSE milliseconds, which holds every client's
// commands for dur: true when done.
func (p *Pipeline) ClientPause(dur time.Duration) *Future[bool] {
	return queueNoKey(p, domain.OK, false, "CLIENT", "PAUSE", domain.Millis(dur))
}

// ClientUnpause queues CLIENT UNPAUSE: true when done.
func (p *Pipeline) ClientUnpause() *Future[bool] {
	return queueNoKey(p, domain.OK, false, "CLIENT", "UNPAUSE")
}

// ClientUnblock queues CLIENT UNBLOCK id: 1 if the client was blocked and
// is now unblocked (its command answered as if it timed out), else 0.
func (p *Pipeline) ClientUnblock(id int64) *Future[int64] {
	return queueNoKey(p, domain.Int64, false, "CLIENT", "UNBLOCK", itoa(id))
}

// ClientUnblockWithError queues CLIENT UNBLOCK id ERROR: the blocked
// command fails with UNBLOCKED.
func (p *Pipeline) ClientUnblockWithError(id int64) *Future[int64] {
	return queueNoKey(p, domain.Int64, false, "CLIENT", "UNBLOCK", itoa(id), "ERROR")
}

// Command queues COMMAND: every command the server has, by name.
func (p *Pipeline) Command() *Future[map[string]*CommandInfo] {
	return queueNoKey(p, domain.CommandInfos, false, "COMMAND")
}

// CommandCount queues COMMAND COUNT: how many commands the server has.
func (p *Pipeline) CommandCount() *Future[int64] {
	return queueNoKey(p, domain.Int64, false, "COMMAND", "COUNT")
}

// FilterBy filters CommandList: the first of Module, ACLCat and Pattern
// that is set is the filter, as in go-redis.
type FilterBy struct {
	Module  string
	ACLCat  string
	Pattern string
}

// CommandList queues COMMAND LIST [FILTERBY MODULE m | ACLCAT c | PATTERN p]
// (Redis 7.0+): the names of the commands, all of them for a nil filter.
func (p *Pipeline) CommandList(filter *FilterBy) *Future[[]string] {
	b := domain.NewBuilder(false, nil, "COMMAND", "LIST")
	if filter != nil {
		switch {
		case filter.Module != "":
			b.Str("FILTERBY", "MODULE", filter.Module)
		case filter.ACLCat != "":
			b.Str("FILTERBY", "ACLCAT", filter.ACLCat)
		case filter.Pattern != "":
			b.Str("FILTERBY", "PATTERN", filter.Pattern)
		}
	}
	return queueBuilt(p, domain.Strings, b)
}

// CommandGetKeys queues COMMAND GETKEYS command args...: the keys the
// server finds in that command.
func (p *Pipeline) CommandGetKeys(commands ...any) *Future[[]string] {
	return queueBuilt(p, domain.Strings, domain.NewBuilder(false, nil, "COMMAND", "GETKEYS").Val(commands...))
}

// CommandGetKeysAndFlags queues COMMAND GETKEYSANDFLAGS command args...
// (Redis 7.0+): each key and how the command uses it.
func (p *Pipeline) CommandGetKeysAndFlags(commands ...any) *Future[[]KeyFlags] {
	return queueBuilt(p, domain.KeyFlagsSlice, domain.NewBuilder(false, nil, "COMMAND", "GETKEYSANDFLAGS").Val(commands...))
}

// SlowLogGet queues SLOWLOG GET num, the num latest entries first (-1:
// all of them; 0 is passed on, and Redis 7 gives none).
func (p *Pipeline) SlowLogGet(num int64) *Future[[]SlowLog] {
	return queueNoKey(p, domain.SlowLogs, false, "SLOWLOG", "GET", itoa(num))
}

// SlowLogLen queues SLOWLOG LEN: the number of entries in the slow log.
func (p *Pipeline) SlowLogLen() *Future[int64] {
	return queueNoKey(p, domain.Int64, false, "SLOWLOG", "LEN")
}

// SlowLogReset queues SLOWLOG RESET, which empties the slow log: "OK".
func (p *Pipeline) SlowLogReset() *Future[string] {
	return queueNoKey(p, domain.Status, false, "SLOWLOG", "RESET")
}

// Latency queues LATENCY LATEST: the latest spike of each event the latency
// monitor recorded (none while latency-monitor-threshold is 0).
func (p *Pipeline) Latency() *Future[[]Latency] {
	return queueNoKey(p, domain.Latencies, false, "LATENCY", "LATEST")
}

// LatencyReset queues LATENCY RESET [event ...] and gives the number of
// events reset (go-redis gives it as status text; here it is the number).
func (p *Pipeline) LatencyReset(events ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "LATENCY", "RESET").Val(events...))
}

// DebugObject queues DEBUG OBJECT key: the server's internal view of the
// key, as one line of text. Redis describes DEBUG as keyless, so on a
// cluster it goes where keyless commands go.
func (p *Pipeline) DebugObject(key string) *Future[string] {
	return queueNoKey(p, domain.Status, false, "DEBUG", "OBJECT", key)
}

// MemoryUsage queues MEMORY USAGE key [SAMPLES count]: the bytes the key
// and its value take; ErrNil for a missing key. More than one samples
// count is refused with ErrInvalidValue, nothing sent.
func (p *Pipeline) MemoryUsage(key string, samples ...int) *Future[int64] {
	b := domain.NewBuilder(true, nil, "MEMORY", "USAGE", key)
	switch len(samples) {
	case 0:
	case 1:
		b.Str("SAMPLES", itoa(int64(samples[0])))
	default:
		b.Fail(fmt.Errorf("MEMORY USAGE: %w: one samples count, not %d", ErrInvalidValue, len(samples)))
	}
	return queueBuilt(p, domain.Int64, b.Described())
}

// Wait queues WAIT numreplicas timeout: the number of replicas that
// acknowledged the connection's writes before it, once numSlaves did or
// timeout (to the millisecond, 0 for ever) passed.
func (p *Pipeline) Wait(numSlaves int, timeout time.Duration) *Future[int64] {
	return queueNoKey(p, domain.Int64, false, "WAIT", itoa(int64(numSlaves)), itoa(int64(timeout/time.Millisecond)))
}

// WaitAOF queues WAITAOF numlocal numreplicas timeout (Redis 7.2+): how
// many local and replica AOFs fsynced the connection's writes.
func (p *Pipeline) WaitAOF(numLocal, numSlaves int, timeout time.Duration) *Future[[]int64] {
	return queueNoKey(p, domain.Int64s, false, "WAITAOF", itoa(int64(numLocal)), itoa(int64(numSlaves)), itoa(int64(timeout/time.Millisecond)))
}

// SwapDB queues SWAPDB index1 index2, which swaps two databases for every
// client (not only this connection, unlike SELECT): "OK".
func (p *Pipeline) SwapDB(index1, index2 int) *Future[string] {
	return queueNoKey(p, domain.Status, false, "SWAPDB", itoa(int64(index1)), itoa(int64(index2)))
}

// ReplicaOf queues REPLICAOF host port ("NO", "ONE" to become a master).
func (p *Pipeline) ReplicaOf(host, port string) *Future[string] {
	return queueNoKey(p, domain.Status, false, "REPLICAOF", host, port)
}

// SlaveOf queues SLAVEOF host port, the old name of REPLICAOF.
func (p *Pipeline) SlaveOf(host, port string) *Future[string] {
	return queueNoKey(p, domain.Status, false, "SLAVEOF", host, port)
}

// ModuleLoadexConfig is MODULE LOADEX's path, configuration and arguments.
type ModuleLoadexConfig struct {
	Path string
	Conf map[string]any
	Args []any
}

// ModuleLoadex queues MODULE LOADEX path [CONFIG name value ...] [ARGS
// arg ...], the CONFIG pairs in name order (go-redis sends them in map
// order) and ARGS once before the arguments, as Redis reads it (go-redis
// repeats it before each one, which the module would get as arguments).
// A nil conf is refused with ErrInvalidValue, nothing sent.
func (p *Pipeline) ModuleLoadex(conf *ModuleLoadexConfig) *Future[string] {
	if conf == nil {
		return refuse[string](p, "MODULE", "MODULE LOADEX needs a config")
	}
	b := domain.NewBuilder(false, nil, "MODULE", "LOADEX", conf.Path)
	names := make([]string, 0, len(conf.Conf))
	for name := range conf.Conf {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		b.Str("CONFIG", name).Val(conf.Conf[name])
	}
	if len(conf.Args) > 0 {
		b.Str("ARGS").Val(conf.Args...)
	}
	return queueBuilt(p, domain.Status, b)
}
