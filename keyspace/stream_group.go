package keyspace

import (
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Consumer groups of a Stream keyspace's streams. Where the root's
// argument struct has a Stream, it must be left empty: the id names the
// stream.

// XGroupCreate creates group on id's stream, having seen entries up to
// start ("$" for only new entries, "0" for all); "OK".
func (b StreamCmds) XGroupCreate(id, group, start string) *redpipe.Future[string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.XGroupCreate(b.key(id), group, start) })
}

// XGroupCreateMkStream is XGroupCreate making an empty stream if id has none.
func (b StreamCmds) XGroupCreateMkStream(id, group, start string) *redpipe.Future[string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[string] {
		return p.XGroupCreateMkStream(b.key(id), group, start)
	})
}

// XGroupSetID sets the last entry id group has seen; "OK".
func (b StreamCmds) XGroupSetID(id, group, start string) *redpipe.Future[string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.XGroupSetID(b.key(id), group, start) })
}

// XGroupDestroy destroys group: 1 destroyed, 0 no such group.
func (b StreamCmds) XGroupDestroy(id, group string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.XGroupDestroy(b.key(id), group) })
}

// XGroupCreateConsumer adds consumer to group: 1 created, 0 already there.
func (b StreamCmds) XGroupCreateConsumer(id, group, consumer string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		return p.XGroupCreateConsumer(b.key(id), group, consumer)
	})
}

// XGroupDelConsumer removes consumer from group and gives how many entries
// it still had pending (dropped from the group's pending list).
func (b StreamCmds) XGroupDelConsumer(id, group, consumer string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		return p.XGroupDelConsumer(b.key(id), group, consumer)
	})
}

// XAck acknowledges entries of group and gives how many were pending.
func (b StreamCmds) XAck(id, group string, entryIDs ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.XAck(b.key(id), group, entryIDs...) })
}

// XPending gives group's pending summary.
func (b StreamCmds) XPending(id, group string) *redpipe.Future[redpipe.XPending] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[redpipe.XPending] { return p.XPending(b.key(id), group) })
}

// XPendingExt gives the pending entries of group that a selects
// (a.Stream left empty).
func (b StreamCmds) XPendingExt(id string, a *redpipe.XPendingExtArgs) *redpipe.Future[[]redpipe.XPendingExt] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]redpipe.XPendingExt] {
		if a == nil {
			return p.XPendingExt(nil) // the root's refusal
		}
		if err := b.ownStream("XPendingExtArgs", id, a.Stream); err != nil {
			return reject[[]redpipe.XPendingExt](p, "XPENDING", err)
		}
		keyed := *a
		keyed.Stream = b.key(id)
		return p.XPendingExt(&keyed)
	})
}

// claimCmd is XCLAIM key group consumer min-idle ids..., or why a cannot be sent.
func (b StreamCmds) claimCmd(id string, a *redpipe.XClaimArgs) (*domain.Builder, error) {
	if a == nil {
		return nil, fmt.Errorf("%w: nil *XClaimArgs", redpipe.ErrInvalidValue)
	}
	if err := b.ownStream("XClaimArgs", id, a.Stream); err != nil {
		return nil, err
	}
	return domain.KeyCmd(false, "XCLAIM", b.key(id)).Str(a.Group, a.Consumer, domain.Millis(a.MinIdle)).Str(a.Messages...), nil
}

// XClaim gives a.Consumer the pending entries a.Messages idle at least
// a.MinIdle, and gives them decoded (an entry deleted meanwhile is left
// out and dropped from the pending list).
func (b StreamCmds) XClaim(id string, a *redpipe.XClaimArgs) *redpipe.Future[[]StreamEntry] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]StreamEntry] {
		cmd, err := b.claimCmd(id, a)
		if err != nil {
			return reject[[]StreamEntry](p, "XCLAIM", err)
		}
		return queueBuilt(p, b.decodeEntries(id), cmd)
	})
}

// XClaimJustID is XClaim giving the entry ids only, without counting a delivery.
func (b StreamCmds) XClaimJustID(id string, a *redpipe.XClaimArgs) *redpipe.Future[[]string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]string] {
		cmd, err := b.claimCmd(id, a)
		if err != nil {
			return reject[[]string](p, "XCLAIM", err)
		}
		return queueBuilt(p, domain.Strings, cmd.Str("JUSTID"))
	})
}

// StreamAutoClaim is XAutoClaim's reply: the entries claimed, decoded;
// the entry id to start the next call from ("0-0" once the whole pending
// list was scanned); and the pending entry ids found deleted.
type StreamAutoClaim struct {
	Entries    []StreamEntry
	Start      string
	DeletedIDs []string
}

func (b StreamCmds) autoClaimCmd(id string, a *redpipe.XAutoClaimArgs) (*domain.Builder, error) {
	if a == nil {
		return nil, fmt.Errorf("%w: nil *XAutoClaimArgs", redpipe.ErrInvalidValue)
	}
	if err := b.ownStream("XAutoClaimArgs", id, a.Stream); err != nil {
		return nil, err
	}
	cmd := domain.KeyCmd(false, "XAUTOCLAIM", b.key(id)).Str(a.Group, a.Consumer, domain.Millis(a.MinIdle), a.Start)
	if a.Count > 0 {
		cmd.Str("COUNT", strconv.FormatInt(a.Count, 10))
	}
	return cmd, nil
}

// XAutoClaim scans group's pending list from a.Start, giving a.Consumer up
// to a.Count entries idle at least a.MinIdle, decoded.
func (b StreamCmds) XAutoClaim(id string, a *redpipe.XAutoClaimArgs) *redpipe.Future[StreamAutoClaim] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[StreamAutoClaim] {
		cmd, err := b.autoClaimCmd(id, a)
		if err != nil {
			return reject[StreamAutoClaim](p, "XAUTOCLAIM", err)
		}
		return queueBuilt(p, func(r ports.Reply) (StreamAutoClaim, error) {
			res, err := domain.XAutoClaimReply(r)
			if err != nil {
				return StreamAutoClaim{}, err
			}
			entries, err := b.entries(id, res.Messages)
			if err != nil {
				return StreamAutoClaim{}, err
			}
			return StreamAutoClaim{Entries: entries, Start: res.Start, DeletedIDs: res.DeletedIDs}, nil
		}, cmd)
	})
}

// XAutoClaimJustID is XAutoClaim giving entry ids only.
func (b StreamCmds) XAutoClaimJustID(id string, a *redpipe.XAutoClaimArgs) *redpipe.Future[redpipe.XAutoClaimJustIDResult] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[redpipe.XAutoClaimJustIDResult] {
		cmd, err := b.autoClaimCmd(id, a)
		if err != nil {
			return reject[redpipe.XAutoClaimJustIDResult](p, "XAUTOCLAIM", err)
		}
		return queueBuilt(p, domain.XAutoClaimJustIDReply, cmd.Str("JUSTID"))
	})
}
