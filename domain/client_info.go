package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// ClientFlags are the flags of a client connection (CLIENT INFO's flags=),
// with go-redis's bit values so that code written against go-redis's
// ClientInfo reads them the same way.
type ClientFlags uint64

// The client flags; only those CLIENT INFO and CLIENT LIST show by a letter
// are ever set by ParseClientInfo.
const (
	ClientSlave               ClientFlags = 1 << 0  // a replica (S), also set for a monitor (O)
	ClientMaster              ClientFlags = 1 << 1  // the master of this replica (M)
	ClientMonitor             ClientFlags = 1 << 2  // a MONITOR client (O)
	ClientMulti               ClientFlags = 1 << 3  // in a MULTI (x)
	ClientBlocked             ClientFlags = 1 << 4  // in a blocking command (b)
	ClientDirtyCAS            ClientFlags = 1 << 5  // a WATCHed key changed: EXEC will fail (d)
	ClientUnBlocked           ClientFlags = 1 << 7  // unblocked (u)
	ClientCloseASAP           ClientFlags = 1 << 10 // to be closed as soon as possible (A)
	ClientUnixSocket          ClientFlags = 1 << 11 // connected by a Unix socket (U)
	ClientReadOnly            ClientFlags = 1 << 17 // cluster READONLY (r)
	ClientPubSub              ClientFlags = 1 << 18 // in pub/sub mode (P)
	ClientTracking            ClientFlags = 1 << 31 // client-side caching tracking on (t)
	ClientTrackingBrokenRedir ClientFlags = 1 << 32 // tracking redirect target gone (R)
	ClientTrackingBCAST       ClientFlags = 1 << 33 // tracking in BCAST mode (B)
	ClientCloseAfterCommand   ClientFlags = 1 << 40 // to be closed after this command (c)
	ClientNoEvict             ClientFlags = 1 << 43 // protected from client eviction (e)
	ClientNoTouch             ClientFlags = 1 << 45 // does not touch LRU/LFU (T)
)

// clientFlagLetters maps CLIENT INFO's flag letters to flags.
var clientFlagLetters = map[byte]ClientFlags{
	'S': ClientSlave, 'O': ClientSlave | ClientMonitor, 'M': ClientMaster, 'P': ClientPubSub,
	'x': ClientMulti, 'b': ClientBlocked, 't': ClientTracking, 'R': ClientTrackingBrokenRedir,
	'B': ClientTrackingBCAST, 'd': ClientDirtyCAS, 'c': ClientCloseAfterCommand,
	'u': ClientUnBlocked, 'A': ClientCloseASAP, 'U': ClientUnixSocket, 'r': ClientReadOnly,
	'e': ClientNoEvict, 'T': ClientNoTouch,
}

// ClientInfo is one client connection as CLIENT INFO (and each line of
// CLIENT LIST) describes it, field for field as go-redis's ClientInfo.
// Fields the server does not send (newer than it) stay zero.
type ClientInfo struct {
	ID                 int64         // id
	Addr               string        // addr: the client's address and port
	LAddr              string        // laddr: the server address it connected to
	FD                 int64         // fd
	Name               string        // name, as set by CLIENT SETNAME
	Age                time.Duration // age, in whole seconds
	Idle               time.Duration // idle, in whole seconds
	Flags              ClientFlags   // flags
	DB                 int           // db: the selected database
	Sub                int           // sub: channel subscriptions
	PSub               int           // psub: pattern subscriptions
	SSub               int           // ssub: shard channel subscriptions (7.0.3+)
	Multi              int           // multi: commands queued in MULTI, -1 outside one
	Watch              int           // watch: keys watched (7.4+)
	QueryBuf           int           // qbuf
	QueryBufFree       int           // qbuf-free
	ArgvMem            int           // argv-mem
	MultiMem           int           // multi-mem (7.0+)
	BufferSize         int           // rbs
	BufferPeak         int           // rbp
	OutputBufferLength int           // obl
	OutputListLength   int           // oll
	OutputMemory       int           // omem
	TotalMemory        int           // tot-mem
	TotalNetIn         int           // tot-net-in (8.0+)
	TotalNetOut        int           // tot-net-out (8.0+)
	TotalCmds          int           // tot-cmds (8.0+)
	IoThread           int           // io-thread (8.0+)
	Events             string        // events
	LastCmd            string        // cmd: the last command run, "container|sub" for subcommands
	User               string        // user
	Redir              int64         // redir: tracking redirection, -1 for none
	Resp               int           // resp: the protocol version (7.0+)
	LibName            string        // lib-name (7.2+)
	LibVer             string        // lib-ver (7.2+)
	ReadEvents         uint64        // read-events (8.8+)
	AvgPipelineLenSum  uint64        // avg-pipeline-len-sum (8.8+)
	AvgPipelineLenCnt  uint64        // avg-pipeline-len-cnt (8.8+)
}

// ClientInfoReply decodes CLIENT INFO (a bulk in RESP2, a verbatim string
// in RESP3: the same text).
func ClientInfoReply(r ports.Reply) (*ClientInfo, error) {
	txt, err := String(r)
	if err != nil {
		return nil, err
	}
	return ParseClientInfo(txt)
}

// ParseClientInfo reads one CLIENT INFO / CLIENT LIST line of
// space-separated name=value fields. Unknown fields and flag letters are
// skipped (servers add them over time); a known field whose value is not
// a number is ErrUnexpectedReply.
func ParseClientInfo(txt string) (*ClientInfo, error) {
	info := &ClientInfo{}
	for _, field := range strings.Fields(txt) {
		name, val, ok := strings.Cut(field, "=")
		if !ok {
			return nil, fmt.Errorf("%w: client info field %q has no '='", ErrUnexpectedReply, field)
		}
		if err := info.set(name, val); err != nil {
			return nil, fmt.Errorf("%w: client info field %s=%q: %v", ErrUnexpectedReply, name, val, err)
		}
	}
	return info, nil
}

func (info *ClientInfo) set(name, val string) error {
	if s, ok := info.textField(name); ok {
		*s = val
		return nil
	}
	if n, ok := info.intField(name); ok {
		v, err := strconv.Atoi(val)
		*n = v
		return err
	}
	var err error
	switch name {
	case "id":
		info.ID, err = strconv.ParseInt(val, 10, 64)
	case "fd":
		info.FD, err = strconv.ParseInt(val, 10, 64)
	case "redir":
		info.Redir, err = strconv.ParseInt(val, 10, 64)
	case "age", "idle":
		var secs int64
		secs, err = strconv.ParseInt(val, 10, 64)
		d := time.Duration(secs) * time.Second
		if name == "age" {
			info.Age = d
		} else {
			info.Idle = d
		}
	case "flags":
		for i := 0; i < len(val); i++ {
			info.Flags |= clientFlagLetters[val[i]] // 'N' (none) and unknown letters add nothing
		}
	case "read-events":
		info.ReadEvents, err = strconv.ParseUint(val, 10, 64)
	case "avg-pipeline-len-sum":
		info.AvgPipelineLenSum, err = strconv.ParseUint(val, 10, 64)
	case "avg-pipeline-len-cnt":
		info.AvgPipelineLenCnt, err = strconv.ParseUint(val, 10, 64)
	}
	return err
}

func (info *ClientInfo) textField(name string) (*string, bool) {
	switch name {
	case "addr":
		return &info.Addr, true
	case "laddr":
		return &info.LAddr, true
	case "name":
		return &info.Name, true
	case "events":
		return &info.Events, true
	case "cmd":
		return &info.LastCmd, true
	case "user":
		return &info.User, true
	case "lib-name":
		return &info.LibName, true
	case "lib-ver":
		return &info.LibVer, true
	}
	return nil, false
}

func (info *ClientInfo) intField(name string) (*int, bool) {
	switch name {
	case "db":
		return &info.DB, true
	case "sub":
		return &info.Sub, true
	case "psub":
		return &info.PSub, true
	case "ssub":
		return &info.SSub, true
	case "multi":
		return &info.Multi, true
	case "watch":
		return &info.Watch, true
	case "qbuf":
		return &info.QueryBuf, true
	case "qbuf-free":
		return &info.QueryBufFree, true
	case "argv-mem":
		return &info.ArgvMem, true
	case "multi-mem":
		return &info.MultiMem, true
	case "rbs":
		return &info.BufferSize, true
	case "rbp":
		return &info.BufferPeak, true
	case "obl":
		return &info.OutputBufferLength, true
	case "oll":
		return &info.OutputListLength, true
	case "omem":
		return &info.OutputMemory, true
	case "tot-mem":
		return &info.TotalMemory, true
	case "tot-net-in":
		return &info.TotalNetIn, true
	case "tot-net-out":
		return &info.TotalNetOut, true
	case "tot-cmds":
		return &info.TotalCmds, true
	case "io-thread":
		return &info.IoThread, true
	case "resp":
		return &info.Resp, true
	}
	return nil, false
}
