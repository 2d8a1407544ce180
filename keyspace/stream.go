package keyspace

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Stream is a keyspace of streams whose entries' fields each have a codec,
// declared as a Hash's are: the codecs of fields, every other field the
// undeclared codec (nil rejects it). Values go in and come out as the Go
// type of the field's codec:
//
//	events := keyspace.NewStream("events", redpipe.Fields{"n": redpipe.Int}, redpipe.Text)
//	events.With(ctx, p).XAdd("orders", map[string]any{"n": 3, "what": "paid"})
//
// Its methods keep go-redis's names (XAdd, XRange, XReadGroup, ...) as
// every keyspace keeps its commands' names; they also keep XDel and XLen
// apart from the key commands' Del and the rest.
type Stream struct {
	Keyspace
	fields *Hash // an entry's fields are checked and coded as a hash's
}

// NewStream defines a keyspace of streams. undeclared is the codec of
// fields not in fields; nil rejects them (ErrInvalidValue). opts choose
// its connection (On).
func NewStream(prefix string, fields redpipe.Fields, undeclared redpipe.FieldCodec, opts ...redpipe.Option) *Stream {
	h := NewHash(prefix, fields, undeclared, opts...)
	return &Stream{Keyspace: h.Keyspace, fields: h}
}

// With binds the keyspace to a scope (see String.With).
func (k *Stream) With(ctx context.Context, s redpipe.Scope) StreamCmds {
	kc := k.bind(ctx, s)
	return StreamCmds{KeyCmds: kc, h: HashCmds{KeyCmds: kc, h: k.fields}}
}

// StreamCmds are a Stream keyspace's commands, bound to a scope.
type StreamCmds struct {
	KeyCmds
	h HashCmds // the field codecs and the errors naming keyspace, id and field
}

// StreamEntry is one entry of a Stream keyspace: its entry id and its
// fields in the order they were added, repeats kept (a stream is not a
// hash), each value decoded by its field's codec. Values is nil for an
// entry deleted while still pending, which Redis gives with no fields.
type StreamEntry struct {
	ID     string
	Values []HashField
}

// Get gives field's value, the last one when the field repeats, and
// whether the entry has the field.
func (e StreamEntry) Get(field string) (any, bool) {
	for i := len(e.Values) - 1; i >= 0; i-- {
		if e.Values[i].Field == field {
			return e.Values[i].Value, true
		}
	}
	return nil, false
}

// StreamEntries are the entries XRead or XReadGroup gave from the stream
// of one id.
type StreamEntries struct {
	ID      string
	Entries []StreamEntry
}

// entry decodes one stored entry of id's stream through the field codecs.
func (b StreamCmds) entry(id string, m redpipe.XMessage) (StreamEntry, error) {
	e := StreamEntry{ID: m.ID}
	if m.Values == nil {
		return e, nil
	}
	e.Values = make([]HashField, len(m.Values))
	for i, kv := range m.Values {
		v, err := b.h.decode(id, kv.Key, kv.Value)
		if err != nil {
			return StreamEntry{}, fmt.Errorf("entry %s: %w", m.ID, err)
		}
		e.Values[i] = HashField{Field: kv.Key, Value: v}
	}
	return e, nil
}

func (b StreamCmds) entries(id string, ms []redpipe.XMessage) ([]StreamEntry, error) {
	out := make([]StreamEntry, len(ms))
	for i, m := range ms {
		var err error
		if out[i], err = b.entry(id, m); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// decodeEntries decodes XRANGE's, XREVRANGE's and XCLAIM's entries of id's stream.
func (b StreamCmds) decodeEntries(id string) func(ports.Reply) ([]StreamEntry, error) {
	return func(r ports.Reply) ([]StreamEntry, error) {
		ms, err := domain.XMessageSlice(r)
		if err != nil {
			return nil, err
		}
		return b.entries(id, ms)
	}
}

// encodeValues gives an entry's values as stored text: a map's fields
// sorted (a stream keeps the order it is given, so the same map makes the
// same entry on every call), []HashField's in their order.
func (b StreamCmds) encodeValues(id string, values any) (redpipe.XValues, error) {
	var fields []HashField
	switch v := values.(type) {
	case map[string]any:
		for _, f := range slices.Sorted(maps.Keys(v)) {
			fields = append(fields, HashField{Field: f, Value: v[f]})
		}
	case []HashField:
		fields = v
	default:
		return nil, fmt.Errorf("%s: %w: Values must be map[string]any or []keyspace.HashField, not %T", b.where(id), redpipe.ErrInvalidValue, values)
	}
	out := make(redpipe.XValues, len(fields))
	for i, f := range fields {
		s, err := b.h.encode(id, f.Field, f.Value)
		if err != nil {
			return nil, err
		}
		out[i] = redpipe.KeyValue{Key: f.Field, Value: s}
	}
	return out, nil
}

// ownStream refuses an argument struct naming a stream of its own: the id
// names it, and a Stream field set too would be ambiguous.
func (b StreamCmds) ownStream(name, id, stream string) error {
	if stream == "" {
		return nil
	}
	return fmt.Errorf("%s: %w: %s's Stream is %q: the keyspace id names the stream, leave Stream empty", b.where(id), redpipe.ErrInvalidValue, name, stream)
}

// XAdd appends an entry of values (in sorted field order) to id's stream,
// each value through its field's codec, and gives the entry id Redis chose.
// One value its codec rejects rejects the command, which is never sent.
func (b StreamCmds) XAdd(id string, values map[string]any) *redpipe.Future[string] {
	return b.XAddArgs(id, &redpipe.XAddArgs{Values: values})
}

// XAddArgs is XAdd with XADD's options (NoMkStream, MaxLen, MinID, Approx,
// Limit, ID, ...), checked as Pipeline.XAdd checks them. a.Stream must be
// empty (id names the stream) and a.Values a map[string]any (fields sent
// sorted) or a []HashField (sent in order, repeats kept).
func (b StreamCmds) XAddArgs(id string, a *redpipe.XAddArgs) *redpipe.Future[string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[string] {
		if a == nil {
			return reject[string](p, "XADD", fmt.Errorf("%s: %w: nil *XAddArgs", b.where(id), redpipe.ErrInvalidValue))
		}
		if err := b.ownStream("XAddArgs", id, a.Stream); err != nil {
			return reject[string](p, "XADD", err)
		}
		values, err := b.encodeValues(id, a.Values)
		if err != nil {
			return reject[string](p, "XADD", err)
		}
		keyed := *a
		keyed.Stream, keyed.Values = b.key(id), values
		return p.XAdd(&keyed)
	})
}

func (b StreamCmds) rangeCmd(id, name string, args ...string) *redpipe.Future[[]StreamEntry] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]StreamEntry] {
		return queueKey(p, b.decodeEntries(id), true, name, b.key(id), args...)
	})
}

// XRange gives the entries of id's stream from start to stop, both
// included ("-" and "+" for the ends, "(" before an id to exclude it),
// decoded. A value its codec cannot decode fails the whole reply.
func (b StreamCmds) XRange(id, start, stop string) *redpipe.Future[[]StreamEntry] {
	return b.rangeCmd(id, "XRANGE", start, stop)
}

// XRangeN is XRange of at most count entries.
func (b StreamCmds) XRangeN(id, start, stop string, count int64) *redpipe.Future[[]StreamEntry] {
	return b.rangeCmd(id, "XRANGE", start, stop, "COUNT", strconv.FormatInt(count, 10))
}

// XRevRange is XRange newest first, start being the high end ("+").
func (b StreamCmds) XRevRange(id, start, stop string) *redpipe.Future[[]StreamEntry] {
	return b.rangeCmd(id, "XREVRANGE", start, stop)
}

// XRevRangeN is XRevRange of at most count entries.
func (b StreamCmds) XRevRangeN(id, start, stop string, count int64) *redpipe.Future[[]StreamEntry] {
	return b.rangeCmd(id, "XREVRANGE", start, stop, "COUNT", strconv.FormatInt(count, 10))
}

// XLen gives the number of entries of id's stream (0 for none).
func (b StreamCmds) XLen(id string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.XLen(b.key(id)) })
}

// XDel deletes entries of id's stream and gives how many it deleted.
func (b StreamCmds) XDel(id string, entryIDs ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.XDel(b.key(id), entryIDs...) })
}

// XTrimMaxLen keeps the newest maxLen entries of id's stream and gives how
// many it removed.
func (b StreamCmds) XTrimMaxLen(id string, maxLen int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.XTrimMaxLen(b.key(id), maxLen) })
}

// XTrimMaxLenApprox is XTrimMaxLen removing whole nodes only, so keeping
// maybe more; limit as Pipeline.XTrimMaxLenApprox's.
func (b StreamCmds) XTrimMaxLenApprox(id string, maxLen, limit int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		return p.XTrimMaxLenApprox(b.key(id), maxLen, limit)
	})
}

// XTrimMinID removes the entries of id's stream below minID.
func (b StreamCmds) XTrimMinID(id string, minID string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.XTrimMinID(b.key(id), minID) })
}

// XTrimMinIDApprox is XTrimMinID removing whole nodes only.
func (b StreamCmds) XTrimMinIDApprox(id string, minID string, limit int64) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		return p.XTrimMinIDApprox(b.key(id), minID, limit)
	})
}
