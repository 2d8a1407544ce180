package keyspace

import (
	"fmt"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// XREAD and XREADGROUP over the streams of several ids (one slot on a
// cluster). Their argument structs are the root's, with keyspace ids where
// go-redis has stream names. The commands are built here rather than by
// Pipeline.XRead, whose future holds the raw entries: decoding them
// through the field codecs in the command's own decoder makes a value no
// codec can read fail that command, and Exec, like every keyspace read.

// XRead gives, for each id of a.Streams (ids followed by one entry id
// each, or only ids when a.ID serves them all), its entries after that
// entry id, decoded; an id without new entries is left out. Count, MaxCount,
// MaxSize and Block are as Pipeline.XRead has them — Block 0, the zero
// value, blocks until an entry arrives, -1 does not block — and no entry
// at all is ErrNil.
func (b StreamCmds) XRead(a *redpipe.XReadArgs) *redpipe.Future[[]StreamEntries] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]StreamEntries] {
		if a == nil {
			return reject[[]StreamEntries](p, "XREAD", fmt.Errorf("%w: nil *XReadArgs", redpipe.ErrInvalidValue))
		}
		ids, after, err := b.streamsOf("XREAD", a.Streams, a.ID)
		if err != nil {
			return reject[[]StreamEntries](p, "XREAD", err)
		}
		cmd := domain.NewBuilder(true, nil, "XREAD")
		cmd.AppendStreamRead(a.Count, a.MaxCount, a.MaxSize, a.Block)
		cmd.Str("STREAMS").Str(b.keys(ids)...).Str(after...)
		return queueBuilt(p, b.decodeStreams("XREAD", ids), cmd.Described())
	})
}

// XReadGroup is XRead as consumer a.Consumer of group a.Group: a.Streams
// are ids followed by one entry id each, ">" for entries never delivered
// to the group, an entry id for the consumer's own pending history (whose
// deleted entries come without values). NoAck and Claim as
// Pipeline.XReadGroup has them.
func (b StreamCmds) XReadGroup(a *redpipe.XReadGroupArgs) *redpipe.Future[[]StreamEntries] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]StreamEntries] {
		if a == nil {
			return reject[[]StreamEntries](p, "XREADGROUP", fmt.Errorf("%w: nil *XReadGroupArgs", redpipe.ErrInvalidValue))
		}
		ids, after, err := b.streamsOf("XREADGROUP", a.Streams, "")
		if err != nil {
			return reject[[]StreamEntries](p, "XREADGROUP", err)
		}
		cmd := domain.NewBuilder(false, nil, "XREADGROUP", "GROUP", a.Group, a.Consumer)
		cmd.AppendStreamRead(a.Count, a.MaxCount, a.MaxSize, a.Block)
		if a.NoAck {
			cmd.Str("NOACK")
		}
		if a.Claim > 0 {
			cmd.Str("CLAIM", domain.Millis(a.Claim))
		}
		cmd.Str("STREAMS").Str(b.keys(ids)...).Str(after...)
		return queueBuilt(p, b.decodeStreams("XREADGROUP", ids), cmd.Described())
	})
}

// streamsOf splits Streams into the ids and the entry id after which each
// is read, as Pipeline.XRead reads go-redis's names and ids.
func (b StreamCmds) streamsOf(name string, streams []string, one string) (ids, after []string, err error) {
	switch {
	case len(streams) == 0:
		return nil, nil, fmt.Errorf("%s: %w: no stream", name, redpipe.ErrInvalidValue)
	case one != "":
		after = make([]string, len(streams))
		for i := range after {
			after[i] = one
		}
		return streams, after, nil
	case len(streams)%2 != 0:
		return nil, nil, fmt.Errorf("%s: %w: %d Streams: each id needs its entry id after the ids (or set ID)", name, redpipe.ErrInvalidValue, len(streams))
	}
	n := len(streams) / 2
	return streams[:n:n], streams[n:], nil
}

// decodeStreams decodes XREAD's and XREADGROUP's streams, in the order ids
// named them, each entry through the field codecs of its own id.
func (b StreamCmds) decodeStreams(name string, ids []string) func(ports.Reply) ([]StreamEntries, error) {
	keys := b.keys(ids) // ids may be reused by the caller before Exec
	return func(r ports.Reply) ([]StreamEntries, error) {
		streams, err := domain.XStreamSliceIn(keys)(r)
		if err != nil {
			return nil, err
		}
		out := make([]StreamEntries, len(streams))
		for i, st := range streams {
			id, err := b.idOf(name, st.Stream)
			if err != nil {
				return nil, err
			}
			entries, err := b.entries(id, st.Messages)
			if err != nil {
				return nil, err
			}
			out[i] = StreamEntries{ID: id, Entries: entries}
		}
		return out, nil
	}
}
