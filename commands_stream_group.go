package redpipe

// Stream consumer groups and XINFO (the stream family's index is in
// commands_stream.go): XGroupCreate XGroupCreateMkStream XGroupSetID
// XGroupDestroy XGroupCreateConsumer XGroupDelConsumer XReadGroup XAck
// XNack XPending XPendingExt XClaim XClaimJustID XAutoClaim
// XAutoClaimWithDeleted XAutoClaimJustID XInfoGroups XInfoStream
// XInfoStreamFull XInfoConsumers — argument structs XReadGroupArgs,
// XNackArgs, XPendingExtArgs, XAutoClaimArgs, XClaimArgs beside them.

import (
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// xgroup builds XGROUP sub stream args...: the stream is a key at 2.
func xgroup(sub, stream string, args ...string) *domain.Builder {
	return domain.NewBuilder(false, nil, "XGROUP", sub, stream).Str(args...).Described()
}

// XGroupCreate queues XGROUP CREATE stream group start: "OK". start is the
// last id the group has seen ("$" for only new entries, "0" for all).
func (p *Pipeline) XGroupCreate(stream, group, start string) *Future[string] {
	return queueBuilt(p, domain.Status, xgroup("CREATE", stream, group, start))
}

// XGroupCreateMkStream queues XGROUP CREATE stream group start MKSTREAM,
// which creates an empty stream if there is none.
func (p *Pipeline) XGroupCreateMkStream(stream, group, start string) *Future[string] {
	return queueBuilt(p, domain.Status, xgroup("CREATE", stream, group, start, "MKSTREAM"))
}

// XGroupSetID queues XGROUP SETID stream group start.
func (p *Pipeline) XGroupSetID(stream, group, start string) *Future[string] {
	return queueBuilt(p, domain.Status, xgroup("SETID", stream, group, start))
}

// XGroupDestroy queues XGROUP DESTROY stream group: 1 destroyed, 0 no such group.
func (p *Pipeline) XGroupDestroy(stream, group string) *Future[int64] {
	return queueBuilt(p, domain.Int64, xgroup("DESTROY", stream, group))
}

// XGroupCreateConsumer queues XGROUP CREATECONSUMER stream group consumer:
// 1 created, 0 already there.
func (p *Pipeline) XGroupCreateConsumer(stream, group, consumer string) *Future[int64] {
	return queueBuilt(p, domain.Int64, xgroup("CREATECONSUMER", stream, group, consumer))
}

// XGroupDelConsumer queues XGROUP DELCONSUMER stream group consumer and
// gives how many entries the consumer still had pending (they are dropped
// from the group's pending list).
func (p *Pipeline) XGroupDelConsumer(stream, group, consumer string) *Future[int64] {
	return queueBuilt(p, domain.Int64, xgroup("DELCONSUMER", stream, group, consumer))
}

// XReadGroupArgs are XREADGROUP's arguments, as go-redis has them:
// Streams are names then ids (">" for entries never delivered to the
// group, an id for the consumer's own pending history). Count, MaxCount,
// MaxSize and Block as XReadArgs' — Block 0, the zero value, blocks until
// an entry arrives; -1 does not block. NoAck delivers without adding to
// the pending list. Claim (Redis 8.4+) first claims entries pending longer
// than it; their XMessage carries MillisElapsedFromDelivery and
// DeliveredCount.
type XReadGroupArgs struct {
	Group    string
	Consumer string
	Streams  []string
	Count    int64
	MaxCount int64
	MaxSize  int64
	Block    time.Duration
	NoAck    bool
	Claim    time.Duration
}

// XReadGroup queues XREADGROUP GROUP group consumer ... STREAMS ...:
// nothing to deliver is ErrNil, as for XRead. It writes (the group's
// pending list), so it is never resent after a broken connection.
func (p *Pipeline) XReadGroup(a *XReadGroupArgs) *Future[[]XStream] {
	if a == nil {
		return refuse[[]XStream](p, "XREADGROUP", "nil *XReadGroupArgs")
	}
	b := domain.NewBuilder(false, nil, "XREADGROUP", "GROUP", a.Group, a.Consumer)
	b.AppendStreamRead(a.Count, a.MaxCount, a.MaxSize, a.Block)
	if a.NoAck {
		b.Str("NOACK")
	}
	if a.Claim > 0 {
		b.Str("CLAIM", domain.Millis(a.Claim))
	}
	b.Str("STREAMS").Str(a.Streams...)
	if len(a.Streams) == 0 || len(a.Streams)%2 != 0 {
		b.Fail(streamInvalid("XREADGROUP", "%d Streams: names then one id each", len(a.Streams)))
	}
	return queueBuilt(p, domain.XStreamSliceIn(streamNames(a.Streams, "")), b.Described())
}

// XAck queues XACK stream group ids... and gives how many were pending.
func (p *Pipeline) XAck(stream, group string, ids ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "XACK", stream).Str(group).Str(ids...))
}

// XNACK's modes (XNackArgs.Mode), Redis 8.8+: SILENT undoes the delivery's
// count (the consumer is going away), FAIL keeps it (another consumer may
// succeed), FATAL sets it to the maximum (the entry is poison).
const (
	XNackModeSilent = "SILENT"
	XNackModeFail   = "FAIL"
	XNackModeFatal  = "FATAL"
)

// XNackArgs are XNACK's arguments (Redis 8.8+): the entries of the group's
// pending list to hand back for redelivery, how to count the failed
// delivery (Mode, required), an explicit RetryCount instead, and Force to
// NACK ids not yet pending.
type XNackArgs struct {
	Stream     string
	Group      string
	Mode       string
	IDs        []string
	RetryCount *uint64
	Force      bool
}

// XNack queues XNACK stream group mode IDS n ids... [RETRYCOUNT n] [FORCE]
// and gives how many entries it released.
func (p *Pipeline) XNack(a *XNackArgs) *Future[int64] {
	if a == nil {
		return refuse[int64](p, "XNACK", "nil *XNackArgs")
	}
	b := domain.KeyCmd(false, "XNACK", a.Stream).Str(a.Group, a.Mode, "IDS", itoa(int64(len(a.IDs)))).Str(a.IDs...)
	if a.Mode == "" {
		b.Fail(streamInvalid("XNACK", "no Mode (XNackModeSilent, XNackModeFail or XNackModeFatal)"))
	}
	if a.RetryCount != nil {
		b.Str("RETRYCOUNT", strconv.FormatUint(*a.RetryCount, 10))
	}
	if a.Force {
		b.Str("FORCE")
	}
	return queueBuilt(p, domain.Int64, b)
}

// XPending queues XPENDING stream group: the group's pending summary.
func (p *Pipeline) XPending(stream, group string) *Future[XPending] {
	return queueKey(p, domain.XPendingReply, true, "XPENDING", stream, group)
}

// XPendingExtArgs are XPENDING's extended form: the pending entries from
// Start to End ("-", "+"), at most Count, idle at least Idle, of Consumer
// only when set.
type XPendingExtArgs struct {
	Stream   string
	Group    string
	Idle     time.Duration
	Start    string
	End      string
	Count    int64
	Consumer string
}

// XPendingExt queues XPENDING stream group [IDLE ms] start end count [consumer].
func (p *Pipeline) XPendingExt(a *XPendingExtArgs) *Future[[]XPendingExt] {
	if a == nil {
		return refuse[[]XPendingExt](p, "XPENDING", "nil *XPendingExtArgs")
	}
	b := domain.KeyCmd(true, "XPENDING", a.Stream).Str(a.Group)
	if a.Idle != 0 {
		b.Str("IDLE", domain.Millis(a.Idle))
	}
	b.Str(a.Start, a.End, itoa(a.Count))
	if a.Consumer != "" {
		b.Str(a.Consumer)
	}
	return queueBuilt(p, domain.XPendingExtSlice, b)
}

// XClaimArgs are XCLAIM's arguments: the pending Messages (ids) idle at
// least MinIdle to give to Consumer.
type XClaimArgs struct {
	Stream   string
	Group    string
	Consumer string
	MinIdle  time.Duration
	Messages []string
}

func xclaim(a *XClaimArgs) *domain.Builder {
	return domain.KeyCmd(false, "XCLAIM", a.Stream).Str(a.Group, a.Consumer, domain.Millis(a.MinIdle)).Str(a.Messages...)
}

// XClaim queues XCLAIM stream group consumer min-idle ids... and gives the
// entries claimed (an entry deleted meanwhile is dropped from the pending
// list and left out).
func (p *Pipeline) XClaim(a *XClaimArgs) *Future[[]XMessage] {
	if a == nil {
		return refuse[[]XMessage](p, "XCLAIM", "nil *XClaimArgs")
	}
	return queueBuilt(p, domain.XMessageSlice, xclaim(a))
}

// XClaimJustID queues XCLAIM ... JUSTID: the ids claimed, without bumping
// their delivery counts.
func (p *Pipeline) XClaimJustID(a *XClaimArgs) *Future[[]string] {
	if a == nil {
		return refuse[[]string](p, "XCLAIM", "nil *XClaimArgs")
	}
	return queueBuilt(p, domain.Strings, xclaim(a).Str("JUSTID"))
}

// XAutoClaimArgs are XAUTOCLAIM's arguments: scan the pending list from
// Start, claiming for Consumer up to Count entries idle at least MinIdle.
type XAutoClaimArgs struct {
	Stream   string
	Group    string
	MinIdle  time.Duration
	Start    string
	Count    int64
	Consumer string
}

func xautoclaim(a *XAutoClaimArgs) *domain.Builder {
	b := domain.KeyCmd(false, "XAUTOCLAIM", a.Stream).Str(a.Group, a.Consumer, domain.Millis(a.MinIdle), a.Start)
	if a.Count > 0 {
		b.Str("COUNT", itoa(a.Count))
	}
	return b
}

// XAutoClaim queues XAUTOCLAIM stream group consumer min-idle start
// [COUNT n]: the entries claimed, where to start next, and (Redis 7+) the
// pending ids found deleted. go-redis's Val() gives (messages, start).
func (p *Pipeline) XAutoClaim(a *XAutoClaimArgs) *Future[XAutoClaimResult] {
	if a == nil {
		return refuse[XAutoClaimResult](p, "XAUTOCLAIM", "nil *XAutoClaimArgs")
	}
	return queueBuilt(p, domain.XAutoClaimReply, xautoclaim(a))
}

// XAutoClaimWithDeleted is XAutoClaim under go-redis's name for the form
// whose Val() also gives the deleted ids; XAutoClaimResult always has them.
func (p *Pipeline) XAutoClaimWithDeleted(a *XAutoClaimArgs) *Future[XAutoClaimResult] {
	return p.XAutoClaim(a)
}

// XAutoClaimJustID queues XAUTOCLAIM ... JUSTID.
func (p *Pipeline) XAutoClaimJustID(a *XAutoClaimArgs) *Future[XAutoClaimJustIDResult] {
	if a == nil {
		return refuse[XAutoClaimJustIDResult](p, "XAUTOCLAIM", "nil *XAutoClaimArgs")
	}
	return queueBuilt(p, domain.XAutoClaimJustIDReply, xautoclaim(a).Str("JUSTID"))
}

// xinfo builds XINFO sub key args...: the key at 2, read-only.
func xinfo(sub, key string, args ...string) *domain.Builder {
	return domain.NewBuilder(true, nil, "XINFO", sub, key).Str(args...).Described()
}

// XInfoGroups queues XINFO GROUPS key.
func (p *Pipeline) XInfoGroups(key string) *Future[[]XInfoGroup] {
	return queueBuilt(p, domain.XInfoGroupSlice, xinfo("GROUPS", key))
}

// XInfoStream queues XINFO STREAM key.
func (p *Pipeline) XInfoStream(key string) *Future[XInfoStream] {
	return queueBuilt(p, domain.XInfoStreamReply, xinfo("STREAM", key))
}

// XInfoStreamFull queues XINFO STREAM key FULL [COUNT count]: count (> 0)
// caps the entries and the pending entries per group and consumer (Redis
// sends 10 of each without it).
func (p *Pipeline) XInfoStreamFull(key string, count int) *Future[XInfoStreamFull] {
	b := xinfo("STREAM", key, "FULL")
	if count > 0 {
		b.Str("COUNT", itoa(int64(count)))
	}
	return queueBuilt(p, domain.XInfoStreamFullReply, b)
}

// XInfoConsumers queues XINFO CONSUMERS key group.
func (p *Pipeline) XInfoConsumers(key string, group string) *Future[[]XInfoConsumer] {
	return queueBuilt(p, domain.XInfoConsumerSlice, xinfo("CONSUMERS", key, group))
}
