package domain

import (
	"strings"

	"github.com/redpipe-go/redpipe/ports"
)

// ACLLogEntry is one ACL LOG entry: a command, key, channel or AUTH the
// ACL refused, as go-redis's ACLLogEntry.
type ACLLogEntry struct {
	Count      int64
	Reason     string // "auth", "command", "key", "channel"
	Context    string // "toplevel", "multi", "lua", "module"
	Object     string // the command, key or channel refused ("auth" for AUTH)
	Username   string
	AgeSeconds float64
	ClientInfo *ClientInfo // the client refused
	// EntryID, TimestampCreated and TimestampLastUpdated (Redis 7.2+; the
	// timestamps in milliseconds).
	EntryID              int64
	TimestampCreated     int64
	TimestampLastUpdated int64
}

// ACLLog decodes ACL LOG: one map per entry (RESP3), or one flat
// name/value array per entry (RESP2, where age-seconds is a bulk).
func ACLLog(r ports.Reply) ([]*ACLLogEntry, error) { return Slice(r, aclLogEntry) }

func aclLogEntry(r ports.Reply) (*ACLLogEntry, error) {
	kvs, err := fieldPairs(r, "an ACL log entry")
	if err != nil {
		return nil, err
	}
	e := &ACLLogEntry{}
	for i := 0; i < len(kvs); i += 2 {
		name, err := String(kvs[i])
		if err != nil {
			return nil, err
		}
		v := kvs[i+1]
		switch name {
		case "count":
			e.Count, err = Int64(v)
		case "reason":
			e.Reason, err = String(v)
		case "context":
			e.Context, err = String(v)
		case "object":
			e.Object, err = String(v)
		case "username":
			e.Username, err = String(v)
		case "age-seconds":
			e.AgeSeconds, err = Float64(v)
		case "client-info":
			var txt string
			if txt, err = String(v); err == nil {
				e.ClientInfo, err = ParseClientInfo(strings.TrimSpace(txt))
			}
		case "entry-id":
			e.EntryID, err = Int64(v)
		case "timestamp-created":
			e.TimestampCreated, err = Int64(v)
		case "timestamp-last-updated":
			e.TimestampLastUpdated, err = Int64(v)
		}
		if err != nil {
			return nil, err
		}
	}
	return e, nil
}
