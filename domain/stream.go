package domain

import (
	"fmt"
	"slices"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Stream entries and the replies made of them (XRANGE, XREAD, XREADGROUP,
// XCLAIM, XAUTOCLAIM, XPENDING). Redis 7 sends the same shapes over RESP2
// and RESP3 except XREAD's and XREADGROUP's, which RESP3 makes a map
// {stream: entries}; a decoder here takes either, and takes a map wherever
// RESP2 sends a flat field/value array.

// XValues are a stream entry's fields and values in the order they were
// added, repeats included. A stream entry is not a hash: XADD s * a 1 a 2
// stores both pairs, and XRANGE gives them back in that order, so a map
// (go-redis's map[string]interface{}) would silently drop one of them and
// forget the order a producer wrote. The pairs keep the entry exactly as it
// is stored, with every value already a string; Get and Map give the
// lookups a map would.
type XValues []KeyValue

// Get gives the value of field, the last one when the field repeats (the
// one Map keeps, as go-redis's map does), and whether the field is there.
func (v XValues) Get(field string) (string, bool) {
	for i := len(v) - 1; i >= 0; i-- {
		if v[i].Key == field {
			return v[i].Value, true
		}
	}
	return "", false
}

// Map gives the fields as a map, the last value winning when a field repeats.
func (v XValues) Map() map[string]string {
	m := make(map[string]string, len(v))
	for _, kv := range v {
		m[kv.Key] = kv.Value
	}
	return m
}

// XMessage is one stream entry. Values is nil for an entry that was
// deleted while still pending (XREADGROUP reading a consumer's history,
// XCLAIM): Redis gives its id with no fields. MillisElapsedFromDelivery and
// DeliveredCount are set only for entries XREADGROUP ... CLAIM (Redis
// 8.4+) claimed, whose replies carry them.
type XMessage struct {
	ID                        string
	Values                    XValues
	MillisElapsedFromDelivery int64
	DeliveredCount            int64
}

// XStream is one stream of an XREAD or XREADGROUP reply, in the order the
// command named the streams.
type XStream struct {
	Stream   string
	Messages []XMessage
}

// XPending is XPENDING's summary of a group: how many entries are pending,
// the lowest and highest pending ids ("" when none is), and how many each
// consumer holds.
type XPending struct {
	Count     int64
	Lower     string
	Higher    string
	Consumers map[string]int64
}

// XPendingExt is one entry of XPENDING's extended form: who holds it, for
// how long since it was last delivered, and how many times it was.
type XPendingExt struct {
	ID         string
	Consumer   string
	Idle       time.Duration
	RetryCount int64
}

// XAutoClaimResult is XAUTOCLAIM's reply: the entries claimed, the id to
// start the next call from ("0-0" once the whole pending list was
// scanned), and the ids of pending entries found deleted from the stream
// (Redis 7+, which drops them from the pending list; nil from Redis 6).
type XAutoClaimResult struct {
	Messages   []XMessage
	Start      string
	DeletedIDs []string
}

// XAutoClaimJustIDResult is XAUTOCLAIM ... JUSTID's reply: XAutoClaimResult
// with ids instead of entries.
type XAutoClaimJustIDResult struct {
	IDs        []string
	Start      string
	DeletedIDs []string
}

// XMessageReply decodes one entry [id, [field, value, ...]], its fields
// flat or as a map, nil for a deleted entry, and [id, fields, idle, count]
// from XREADGROUP ... CLAIM.
func XMessageReply(r ports.Reply) (XMessage, error) {
	es, err := elems(r, "a stream entry")
	if err != nil {
		return XMessage{}, err
	}
	if r.Kind != ports.KindArray || (len(es) != 2 && len(es) != 4) {
		return XMessage{}, fmt.Errorf("%w: %s of %d elements where a stream entry [id, fields] was expected", ErrUnexpectedReply, r.Kind, len(es))
	}
	var m XMessage
	if m.ID, err = String(es[0]); err != nil {
		return XMessage{}, err
	}
	if !es[1].IsNil() {
		if m.Values, err = xValues(es[1]); err != nil {
			return XMessage{}, err
		}
	}
	if len(es) == 4 {
		if m.MillisElapsedFromDelivery, err = Int64(es[2]); err != nil {
			return XMessage{}, err
		}
		if m.DeliveredCount, err = Int64(es[3]); err != nil {
			return XMessage{}, err
		}
	}
	return m, nil
}

// xValues decodes an entry's fields; an entry has at least one, so an
// empty list is kept empty (not nil, which means deleted).
func xValues(r ports.Reply) (XValues, error) {
	kvs, err := KeyValueSlice(r)
	if err != nil {
		return nil, err
	}
	return XValues(kvs), nil
}

// XMessageSlice decodes an array of entries (XRANGE, XREVRANGE, XCLAIM).
// No entry is an empty slice, never nil.
func XMessageSlice(r ports.Reply) ([]XMessage, error) { return Slice(r, XMessageReply) }

// XStreamSlice decodes XREAD's and XREADGROUP's reply: RESP2's
// [[stream, entries], ...] or RESP3's {stream: entries}. Nothing to read
// (a BLOCK that timed out, or no new entry without BLOCK) is a nil reply,
// which gives ErrNil as BLPOP's timeout does.
func XStreamSlice(r ports.Reply) ([]XStream, error) {
	switch r.Kind {
	case ports.KindMap:
		if len(r.Elems)%2 != 0 {
			return nil, fmt.Errorf("%w: odd number of elements (%d) for a map of streams", ErrUnexpectedReply, len(r.Elems))
		}
		out := make([]XStream, len(r.Elems)/2)
		for i := range out {
			s, err := xStream(r.Elems[2*i], r.Elems[2*i+1])
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	case ports.KindArray:
		return Slice(r, func(e ports.Reply) (XStream, error) {
			es, err := fixed(e, 2, "[stream, entries]")
			if err != nil {
				return XStream{}, err
			}
			return xStream(es[0], es[1])
		})
	}
	return nil, unexpected(r, "streams and their entries")
}

// XStreamSliceIn is XStreamSlice giving the streams in the order the
// command named them. Redis answers in that order, but a driver may not
// keep the order of a RESP3 map (go-redis hands it over sorted by key), so
// the order is put back from the command's own names: the same streams
// in the same order through every driver and protocol.
func XStreamSliceIn(names []string) func(ports.Reply) ([]XStream, error) {
	return func(r ports.Reply) ([]XStream, error) {
		out, err := XStreamSlice(r)
		if err != nil || r.Kind != ports.KindMap || len(out) < 2 {
			return out, err
		}
		rank := func(s XStream) int {
			for i, n := range names {
				if n == s.Stream {
					return i
				}
			}
			return len(names)
		}
		slices.SortStableFunc(out, func(a, b XStream) int { return rank(a) - rank(b) })
		return out, nil
	}
}

func xStream(name, entries ports.Reply) (XStream, error) {
	s, err := String(name)
	if err != nil {
		return XStream{}, err
	}
	msgs, err := XMessageSlice(entries)
	return XStream{Stream: s, Messages: msgs}, err
}

// XPendingReply decodes XPENDING key group: [count, lower, higher,
// [[consumer, count], ...]], whose ids and consumer list are nil when
// nothing is pending (then Consumers is empty, never nil).
func XPendingReply(r ports.Reply) (XPending, error) {
	es, err := fixed(r, 4, "XPENDING's [count, lower, higher, consumers]")
	if err != nil {
		return XPending{}, err
	}
	var p XPending
	if p.Count, err = Int64(es[0]); err != nil {
		return XPending{}, err
	}
	if p.Lower, err = StringOrEmpty(es[1]); err != nil {
		return XPending{}, err
	}
	if p.Higher, err = StringOrEmpty(es[2]); err != nil {
		return XPending{}, err
	}
	p.Consumers = map[string]int64{}
	if es[3].IsNil() {
		return p, nil
	}
	consumers, err := elems(es[3], "XPENDING's consumers")
	if err != nil {
		return XPending{}, err
	}
	if es[3].Kind == ports.KindMap { // {consumer: count}, should a server send it so
		consumers = pairsOf(consumers)
	}
	for _, c := range consumers {
		kv, err := fixed(c, 2, "[consumer, count]")
		if err != nil {
			return XPending{}, err
		}
		name, err := String(kv[0])
		if err != nil {
			return XPending{}, err
		}
		if p.Consumers[name], err = Int64(kv[1]); err != nil {
			return XPending{}, err
		}
	}
	return p, nil
}

// pairsOf turns a map's flat keys and values into [k, v] arrays.
func pairsOf(flat []ports.Reply) []ports.Reply {
	out := make([]ports.Reply, 0, len(flat)/2)
	for i := 0; i+1 < len(flat); i += 2 {
		out = append(out, ports.ArrayReply(flat[i:i+2:i+2]))
	}
	return out
}

// XPendingExtSlice decodes XPENDING key group [IDLE ms] start end count
// [consumer]: [[id, consumer, idle-ms, deliveries], ...].
func XPendingExtSlice(r ports.Reply) ([]XPendingExt, error) {
	return Slice(r, func(e ports.Reply) (XPendingExt, error) {
		es, err := fixed(e, 4, "[id, consumer, idle, deliveries]")
		if err != nil {
			return XPendingExt{}, err
		}
		var x XPendingExt
		if x.ID, err = String(es[0]); err != nil {
			return XPendingExt{}, err
		}
		if x.Consumer, err = String(es[1]); err != nil {
			return XPendingExt{}, err
		}
		idle, err := Int64(es[2])
		if err != nil {
			return XPendingExt{}, err
		}
		x.Idle = time.Duration(idle) * time.Millisecond
		x.RetryCount, err = Int64(es[3])
		return x, err
	})
}

// xAutoClaimParts splits XAUTOCLAIM's [start, claimed, deleted] (Redis 7;
// Redis 6 has no deleted list) and decodes the start and the deleted ids.
func xAutoClaimParts(r ports.Reply) (start string, claimed ports.Reply, deleted []string, err error) {
	es, err := elems(r, "XAUTOCLAIM's [start, entries, deleted]")
	if err != nil {
		return "", ports.Reply{}, nil, err
	}
	if r.Kind != ports.KindArray || (len(es) != 2 && len(es) != 3) {
		return "", ports.Reply{}, nil, fmt.Errorf("%w: %s of %d elements where XAUTOCLAIM's [start, entries, deleted] was expected", ErrUnexpectedReply, r.Kind, len(es))
	}
	if start, err = String(es[0]); err != nil {
		return "", ports.Reply{}, nil, err
	}
	if len(es) == 3 {
		if deleted, err = Strings(es[2]); err != nil {
			return "", ports.Reply{}, nil, err
		}
	}
	return start, es[1], deleted, nil
}

// XAutoClaimReply decodes XAUTOCLAIM's reply.
func XAutoClaimReply(r ports.Reply) (XAutoClaimResult, error) {
	start, claimed, deleted, err := xAutoClaimParts(r)
	if err != nil {
		return XAutoClaimResult{}, err
	}
	msgs, err := XMessageSlice(claimed)
	if err != nil {
		return XAutoClaimResult{}, err
	}
	return XAutoClaimResult{Messages: msgs, Start: start, DeletedIDs: deleted}, nil
}

// XAutoClaimJustIDReply decodes XAUTOCLAIM ... JUSTID's reply.
func XAutoClaimJustIDReply(r ports.Reply) (XAutoClaimJustIDResult, error) {
	start, claimed, deleted, err := xAutoClaimParts(r)
	if err != nil {
		return XAutoClaimJustIDResult{}, err
	}
	ids, err := Strings(claimed)
	if err != nil {
		return XAutoClaimJustIDResult{}, err
	}
	return XAutoClaimJustIDResult{IDs: ids, Start: start, DeletedIDs: deleted}, nil
}
