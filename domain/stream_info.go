package domain

import (
	"fmt"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// XINFO's replies: maps over RESP3, flat field/value arrays over RESP2,
// with the same fields. Fields a server adds later are skipped, and fields
// an older server lacks keep their zero value (XINFO CONSUMERS' inactive
// and XINFO STREAM FULL's active-time arrived in Redis 7.2, the idmp-* and
// nacked-count fields in Redis 8.x).

// XInfoGroup is one group of XINFO GROUPS. EntriesRead and Lag are what
// Redis knows of them: Lag is -1 when Redis cannot tell (it sends nil, as
// after XDEL or XGROUP SETID to an arbitrary id), EntriesRead 0 when nil.
type XInfoGroup struct {
	Name            string
	Consumers       int64
	Pending         int64
	LastDeliveredID string
	EntriesRead     int64
	Lag             int64
}

// XInfoConsumer is one consumer of XINFO CONSUMERS: entries pending, the
// time since its last attempted read (Idle) and since its last successful
// one (Inactive, Redis 7.2+; 0 from older servers, -1 ms if never).
type XInfoConsumer struct {
	Name     string
	Pending  int64
	Idle     time.Duration
	Inactive time.Duration
}

// XInfoStream is XINFO STREAM's reply. FirstEntry and LastEntry are zero
// for an empty stream (Redis sends nil).
type XInfoStream struct {
	Length               int64
	RadixTreeKeys        int64
	RadixTreeNodes       int64
	Groups               int64
	LastGeneratedID      string
	MaxDeletedEntryID    string
	EntriesAdded         int64
	FirstEntry           XMessage
	LastEntry            XMessage
	RecordedFirstEntryID string

	IDMPDuration   int64
	IDMPMaxSize    int64
	PIDsTracked    int64
	IIDsTracked    int64
	IIDsAdded      int64
	IIDsDuplicates int64
}

// XInfoStreamFull is XINFO STREAM key FULL's reply: the entries (up to its
// COUNT) and every group with its pending entries and consumers.
type XInfoStreamFull struct {
	Length               int64
	RadixTreeKeys        int64
	RadixTreeNodes       int64
	LastGeneratedID      string
	MaxDeletedEntryID    string
	EntriesAdded         int64
	Entries              []XMessage
	Groups               []XInfoStreamGroup
	RecordedFirstEntryID string
	IDMPDuration         int64
	IDMPMaxSize          int64
	PIDsTracked          int64
	IIDsTracked          int64
	IIDsAdded            int64
	IIDsDuplicates       int64
}

// XInfoStreamGroup is one group of XINFO STREAM FULL. Lag is -1 when Redis
// cannot tell, as in XInfoGroup (go-redis gives 0 here, which reads as
// "caught up").
type XInfoStreamGroup struct {
	Name            string
	LastDeliveredID string
	EntriesRead     int64
	Lag             int64
	PelCount        int64
	NackedCount     uint64
	Pending         []XInfoStreamGroupPending
	Consumers       []XInfoStreamConsumer
}

// XInfoStreamGroupPending is one pending entry of a group: its holder,
// when it was last delivered, and how many times.
type XInfoStreamGroupPending struct {
	ID            string
	Consumer      string
	DeliveryTime  time.Time
	DeliveryCount int64
}

// XInfoStreamConsumer is one consumer of a group in XINFO STREAM FULL.
// ActiveTime is Redis 7.2+ (zero time from older servers).
type XInfoStreamConsumer struct {
	Name       string
	SeenTime   time.Time
	ActiveTime time.Time
	PelCount   int64
	Pending    []XInfoStreamConsumerPending
}

// XInfoStreamConsumerPending is one pending entry of a consumer.
type XInfoStreamConsumerPending struct {
	ID            string
	DeliveryTime  time.Time
	DeliveryCount int64
}

// eachField calls fn with every field and value of a RESP3 map or a RESP2
// flat array.
func eachField(r ports.Reply, want string, fn func(field string, v ports.Reply) error) error {
	es, err := elems(r, want)
	if err != nil {
		return err
	}
	if r.Kind == ports.KindSet || len(es)%2 != 0 {
		return fmt.Errorf("%w: %s of %d elements where %s was expected", ErrUnexpectedReply, r.Kind, len(es), want)
	}
	for i := 0; i < len(es); i += 2 {
		k, err := String(es[i])
		if err != nil {
			return err
		}
		if err := fn(k, es[i+1]); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

// int64OrNil decodes an integer that Redis may send as nil, into or.
func int64OrNil(r ports.Reply, or int64) (int64, error) {
	if r.IsNil() {
		return or, nil
	}
	return Int64(r)
}

func millis(r ports.Reply) (time.Duration, error) {
	n, err := Int64(r)
	return time.Duration(n) * time.Millisecond, err
}

func unixMillis(r ports.Reply) (time.Time, error) {
	n, err := Int64(r)
	return time.UnixMilli(n), err
}

// XInfoGroupSlice decodes XINFO GROUPS.
func XInfoGroupSlice(r ports.Reply) ([]XInfoGroup, error) {
	return Slice(r, func(e ports.Reply) (XInfoGroup, error) {
		var g XInfoGroup
		err := eachField(e, "a group", func(k string, v ports.Reply) (err error) {
			switch k {
			case "name":
				g.Name, err = String(v)
			case "consumers":
				g.Consumers, err = Int64(v)
			case "pending":
				g.Pending, err = Int64(v)
			case "last-delivered-id":
				g.LastDeliveredID, err = String(v)
			case "entries-read":
				g.EntriesRead, err = int64OrNil(v, 0)
			case "lag":
				g.Lag, err = int64OrNil(v, -1)
			}
			return err
		})
		return g, err
	})
}

// XInfoConsumerSlice decodes XINFO CONSUMERS.
func XInfoConsumerSlice(r ports.Reply) ([]XInfoConsumer, error) {
	return Slice(r, func(e ports.Reply) (XInfoConsumer, error) {
		var c XInfoConsumer
		err := eachField(e, "a consumer", func(k string, v ports.Reply) (err error) {
			switch k {
			case "name":
				c.Name, err = String(v)
			case "pending":
				c.Pending, err = Int64(v)
			case "idle":
				c.Idle, err = millis(v)
			case "inactive":
				c.Inactive, err = millis(v)
			}
			return err
		})
		return c, err
	})
}

// streamCounters decodes the fields XINFO STREAM and its FULL form share.
type streamCounters struct {
	length, radixKeys, radixNodes, added                       int64
	lastID, maxDeletedID, recordedFirstID                      string
	idmpDuration, idmpMaxSize, pids, iids, iidsAdded, iidsDups int64
}

func (s *streamCounters) field(k string, v ports.Reply) (known bool, err error) {
	var n *int64
	var str *string
	switch k {
	case "length":
		n = &s.length
	case "radix-tree-keys":
		n = &s.radixKeys
	case "radix-tree-nodes":
		n = &s.radixNodes
	case "entries-added":
		n = &s.added
	case "idmp-duration":
		n = &s.idmpDuration
	case "idmp-maxsize":
		n = &s.idmpMaxSize
	case "pids-tracked":
		n = &s.pids
	case "iids-tracked":
		n = &s.iids
	case "iids-added":
		n = &s.iidsAdded
	case "iids-duplicates":
		n = &s.iidsDups
	case "last-generated-id":
		str = &s.lastID
	case "max-deleted-entry-id":
		str = &s.maxDeletedID
	case "recorded-first-entry-id":
		str = &s.recordedFirstID
	default:
		return false, nil
	}
	if n != nil {
		*n, err = Int64(v)
	} else {
		*str, err = String(v)
	}
	return true, err
}

// XInfoStreamReply decodes XINFO STREAM key.
func XInfoStreamReply(r ports.Reply) (XInfoStream, error) {
	var s XInfoStream
	var c streamCounters
	err := eachField(r, "XINFO STREAM's fields", func(k string, v ports.Reply) error {
		if known, err := c.field(k, v); known {
			return err
		}
		var err error
		switch k {
		case "groups":
			s.Groups, err = Int64(v)
		case "first-entry":
			s.FirstEntry, err = entryOrNil(v)
		case "last-entry":
			s.LastEntry, err = entryOrNil(v)
		}
		return err
	})
	if err != nil {
		return XInfoStream{}, err
	}
	s.Length, s.RadixTreeKeys, s.RadixTreeNodes, s.EntriesAdded = c.length, c.radixKeys, c.radixNodes, c.added
	s.LastGeneratedID, s.MaxDeletedEntryID, s.RecordedFirstEntryID = c.lastID, c.maxDeletedID, c.recordedFirstID
	s.IDMPDuration, s.IDMPMaxSize, s.PIDsTracked = c.idmpDuration, c.idmpMaxSize, c.pids
	s.IIDsTracked, s.IIDsAdded, s.IIDsDuplicates = c.iids, c.iidsAdded, c.iidsDups
	return s, nil
}

func entryOrNil(r ports.Reply) (XMessage, error) {
	if r.IsNil() {
		return XMessage{}, nil
	}
	return XMessageReply(r)
}

// XInfoStreamFullReply decodes XINFO STREAM key FULL [COUNT n].
func XInfoStreamFullReply(r ports.Reply) (XInfoStreamFull, error) {
	var s XInfoStreamFull
	var c streamCounters
	err := eachField(r, "XINFO STREAM FULL's fields", func(k string, v ports.Reply) error {
		if known, err := c.field(k, v); known {
			return err
		}
		var err error
		switch k {
		case "entries":
			s.Entries, err = XMessageSlice(v)
		case "groups":
			s.Groups, err = Slice(v, xInfoStreamGroup)
		}
		return err
	})
	if err != nil {
		return XInfoStreamFull{}, err
	}
	s.Length, s.RadixTreeKeys, s.RadixTreeNodes, s.EntriesAdded = c.length, c.radixKeys, c.radixNodes, c.added
	s.LastGeneratedID, s.MaxDeletedEntryID, s.RecordedFirstEntryID = c.lastID, c.maxDeletedID, c.recordedFirstID
	s.IDMPDuration, s.IDMPMaxSize, s.PIDsTracked = c.idmpDuration, c.idmpMaxSize, c.pids
	s.IIDsTracked, s.IIDsAdded, s.IIDsDuplicates = c.iids, c.iidsAdded, c.iidsDups
	return s, nil
}

func xInfoStreamGroup(r ports.Reply) (XInfoStreamGroup, error) {
	var g XInfoStreamGroup
	err := eachField(r, "a group", func(k string, v ports.Reply) (err error) {
		switch k {
		case "name":
			g.Name, err = String(v)
		case "last-delivered-id":
			g.LastDeliveredID, err = String(v)
		case "entries-read":
			g.EntriesRead, err = int64OrNil(v, 0)
		case "lag":
			g.Lag, err = int64OrNil(v, -1)
		case "pel-count":
			g.PelCount, err = Int64(v)
		case "nacked-count":
			var n int64
			n, err = Int64(v)
			g.NackedCount = uint64(n)
		case "pending":
			g.Pending, err = Slice(v, xInfoGroupPending)
		case "consumers":
			g.Consumers, err = Slice(v, xInfoStreamConsumer)
		}
		return err
	})
	return g, err
}

func xInfoGroupPending(r ports.Reply) (XInfoStreamGroupPending, error) {
	es, err := fixed(r, 4, "[id, consumer, delivery time, deliveries]")
	if err != nil {
		return XInfoStreamGroupPending{}, err
	}
	var p XInfoStreamGroupPending
	if p.ID, err = String(es[0]); err != nil {
		return p, err
	}
	if p.Consumer, err = String(es[1]); err != nil {
		return p, err
	}
	if p.DeliveryTime, err = unixMillis(es[2]); err != nil {
		return p, err
	}
	p.DeliveryCount, err = Int64(es[3])
	return p, err
}

func xInfoStreamConsumer(r ports.Reply) (XInfoStreamConsumer, error) {
	var c XInfoStreamConsumer
	err := eachField(r, "a consumer", func(k string, v ports.Reply) (err error) {
		switch k {
		case "name":
			c.Name, err = String(v)
		case "seen-time":
			c.SeenTime, err = unixMillis(v)
		case "active-time":
			c.ActiveTime, err = unixMillis(v)
		case "pel-count":
			c.PelCount, err = Int64(v)
		case "pending":
			c.Pending, err = Slice(v, func(e ports.Reply) (XInfoStreamConsumerPending, error) {
				es, err := fixed(e, 3, "[id, delivery time, deliveries]")
				if err != nil {
					return XInfoStreamConsumerPending{}, err
				}
				var p XInfoStreamConsumerPending
				if p.ID, err = String(es[0]); err != nil {
					return p, err
				}
				if p.DeliveryTime, err = unixMillis(es[1]); err != nil {
					return p, err
				}
				p.DeliveryCount, err = Int64(es[2])
				return p, err
			})
		}
		return err
	})
	return c, err
}
