package redpipe

// Streams: XAdd XAckDel XDel XDelEx XLen XRange XRangeN XRevRange XRevRangeN
// XRead XReadStreams XGroupCreate XGroupCreateMkStream XGroupSetID
// XGroupDestroy XGroupCreateConsumer XGroupDelConsumer XReadGroup XAck XNack
// XPending XPendingExt XClaim XClaimJustID XAutoClaim XAutoClaimWithDeleted
// XAutoClaimJustID XTrimMaxLen XTrimMaxLenApprox XTrimMaxLenMode
// XTrimMaxLenApproxMode XTrimMinID XTrimMinIDApprox XTrimMinIDMode
// XTrimMinIDApproxMode XInfoGroups XInfoStream XInfoStreamFull
// XInfoConsumers XCfgSet — argument structs XAddArgs, XReadArgs,
// XReadGroupArgs, XNackArgs, XPendingExtArgs, XAutoClaimArgs, XClaimArgs,
// XCfgSetArgs beside them; the consumer-group and XINFO commands are in
// commands_stream_group.go.

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// The stream result types; see package domain.
type (
	// XValues are an entry's fields and values, in order, repeats kept.
	XValues = domain.XValues
	// XMessage is one stream entry.
	XMessage = domain.XMessage
	// XStream is one stream of an XREAD / XREADGROUP reply.
	XStream = domain.XStream
	// XPending is XPENDING's summary of a group.
	XPending = domain.XPending
	// XPendingExt is one entry of XPENDING's extended form.
	XPendingExt = domain.XPendingExt
	// XAutoClaimResult is XAUTOCLAIM's reply.
	XAutoClaimResult = domain.XAutoClaimResult
	// XAutoClaimJustIDResult is XAUTOCLAIM ... JUSTID's reply.
	XAutoClaimJustIDResult = domain.XAutoClaimJustIDResult
	// XInfoGroup is one group of XINFO GROUPS.
	XInfoGroup = domain.XInfoGroup
	// XInfoConsumer is one consumer of XINFO CONSUMERS.
	XInfoConsumer = domain.XInfoConsumer
	// XInfoStream is XINFO STREAM's reply.
	XInfoStream = domain.XInfoStream
	// XInfoStreamFull is XINFO STREAM ... FULL's reply.
	XInfoStreamFull = domain.XInfoStreamFull
	// XInfoStreamGroup is one group of XINFO STREAM ... FULL.
	XInfoStreamGroup = domain.XInfoStreamGroup
	// XInfoStreamGroupPending is one pending entry of such a group.
	XInfoStreamGroupPending = domain.XInfoStreamGroupPending
	// XInfoStreamConsumer is one consumer of such a group.
	XInfoStreamConsumer = domain.XInfoStreamConsumer
	// XInfoStreamConsumerPending is one pending entry of such a consumer.
	XInfoStreamConsumerPending = domain.XInfoStreamConsumerPending
)

// XTrimLimitDisabled, as XAddArgs.Limit or the limit of the XTrim*Approx
// methods, sends LIMIT 0: no cap on the trimming effort. A limit of 0
// sends no LIMIT (Redis's default cap, 100 × stream-node-max-entries).
const XTrimLimitDisabled = -1

// streamInvalid is the error of a command refused before it is sent.
func streamInvalid(name, format string, a ...any) error {
	return fmt.Errorf("%s: %w: %s", name, ErrInvalidValue, fmt.Sprintf(format, a...))
}

// XAddArgs are XADD's arguments, as go-redis has them. Values are the
// entry's fields and values: []string or []any of pairs, XValues (order
// kept), or a map[string]any / map[string]string, whose fields are sent
// sorted (a map has no order, and a stream keeps the one it is given, so
// sorting makes the stored entry the same on every call). MaxLen (> 0) and
// MinID trim, exactly or with Approx ("~"), Limit capping an Approx trim
// (see XTrimLimitDisabled). Mode is Redis 8.2's KEEPREF, DELREF or ACKED.
// ProducerID with IdempotentID (IDMP) or IdempotentAuto (IDMPAUTO) is
// Redis 8.6's at-most-once production, whose ID must be "*" or "".
//
// What go-redis would send for Redis to refuse, or quietly drop, is
// refused with ErrInvalidValue instead: both MaxLen and MinID, a Limit
// without Approx or without a trim, an idempotent id without ProducerID or
// ProducerID without one, an explicit ID with IDMP, no values or an odd
// number of them.
type XAddArgs struct {
	Stream         string
	NoMkStream     bool
	MaxLen         int64
	MinID          string
	Approx         bool
	Limit          int64
	Mode           string
	ID             string
	Values         any
	ProducerID     string
	IdempotentID   string
	IdempotentAuto bool
}

// XAdd queues XADD and gives the new entry's id. With NoMkStream and no
// stream, the reply is nil: ErrNil.
func (p *Pipeline) XAdd(a *XAddArgs) *Future[string] {
	if a == nil {
		return refuse[string](p, "XADD", "nil *XAddArgs")
	}
	b := domain.KeyCmd(false, "XADD", a.Stream)
	if a.NoMkStream {
		b.Str("NOMKSTREAM")
	}
	if a.Mode != "" {
		b.Str(a.Mode)
	}
	switch {
	case a.IdempotentAuto && a.IdempotentID != "":
		b.Fail(streamInvalid("XADD", "IdempotentAuto and IdempotentID exclude each other"))
	case (a.IdempotentAuto || a.IdempotentID != "") && a.ProducerID == "":
		b.Fail(streamInvalid("XADD", "idempotent production needs a ProducerID"))
	case a.IdempotentAuto:
		b.Str("IDMPAUTO", a.ProducerID)
	case a.IdempotentID != "":
		b.Str("IDMP", a.ProducerID, a.IdempotentID)
	case a.ProducerID != "":
		b.Fail(streamInvalid("XADD", "ProducerID needs IdempotentID or IdempotentAuto"))
	}
	if a.ProducerID != "" && a.ID != "" && a.ID != "*" {
		b.Fail(streamInvalid("XADD", "idempotent production needs ID \"*\", not %q", a.ID))
	}
	if a.MaxLen > 0 && a.MinID != "" {
		b.Fail(streamInvalid("XADD", "MaxLen and MinID exclude each other"))
	}
	switch {
	case a.MaxLen > 0:
		appendTrim(b, "MAXLEN", itoa(a.MaxLen), a.Approx, a.Limit)
	case a.MinID != "":
		appendTrim(b, "MINID", a.MinID, a.Approx, a.Limit)
	case a.Limit != 0:
		b.Fail(streamInvalid("XADD", "Limit without MaxLen or MinID"))
	}
	if a.ID != "" {
		b.Str(a.ID)
	} else {
		b.Str("*")
	}
	appendStreamValues(b, a.Values)
	return queueBuilt(p, domain.String, b)
}

// appendTrim adds MAXLEN|MINID =|~ threshold [LIMIT n] (XADD, XTRIM).
func appendTrim(b *domain.Builder, strategy, threshold string, approx bool, limit int64) {
	op := "="
	if approx {
		op = "~"
	}
	b.Str(strategy, op, threshold)
	switch {
	case limit != 0 && !approx:
		// Redis answers "syntax error, LIMIT cannot be used without the special ~ option".
		b.Fail(streamInvalid(b.Args()[0], "Limit needs Approx (\"~\") trimming"))
	case limit > 0:
		b.Str("LIMIT", itoa(limit))
	case limit < 0:
		b.Str("LIMIT", "0")
	}
}

// appendStreamValues adds an entry's fields and values.
func appendStreamValues(b *domain.Builder, values any) {
	n := b.Len()
	switch v := values.(type) {
	case []string:
		b.Str(v...)
	case []any:
		b.Val(v...)
	case XValues:
		for _, kv := range v {
			b.Str(kv.Key, kv.Value)
		}
	case []KeyValue:
		for _, kv := range v {
			b.Str(kv.Key, kv.Value)
		}
	case map[string]string:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			b.Str(k, v[k])
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			b.Str(k).Val(v[k])
		}
	default:
		b.Fail(streamInvalid("XADD", "Values must be []string, []any, XValues or a map of strings, not %T", values))
		return
	}
	switch added := b.Len() - n; {
	case added == 0:
		b.Fail(streamInvalid("XADD", "an entry needs at least one field and value"))
	case added%2 != 0:
		b.Fail(streamInvalid("XADD", "%d values: fields and values come in pairs", added))
	}
}

// XDel queues XDEL stream ids... and gives how many entries it deleted.
func (p *Pipeline) XDel(stream string, ids ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "XDEL", stream).Str(ids...))
}

// XDelEx queues XDELEX stream [mode] IDS n ids... (Redis 8.2+): per id -1
// no such entry, 1 deleted, 2 kept because a group still references it.
// mode is KEEPREF, DELREF or ACKED; "" sends none (Redis's KEEPREF).
func (p *Pipeline) XDelEx(stream string, mode string, ids ...string) *Future[[]int64] {
	b := domain.KeyCmd(false, "XDELEX", stream)
	if mode != "" {
		b.Str(mode)
	}
	return queueBuilt(p, domain.Int64s, b.Str("IDS", itoa(int64(len(ids)))).Str(ids...))
}

// XAckDel queues XACKDEL stream group [mode] IDS n ids... (Redis 8.2+):
// per id -1 no such entry, 1 acknowledged and deleted, 2 acknowledged but
// kept for another group. mode as XDelEx's.
func (p *Pipeline) XAckDel(stream string, group string, mode string, ids ...string) *Future[[]int64] {
	b := domain.KeyCmd(false, "XACKDEL", stream).Str(group)
	if mode != "" {
		b.Str(mode)
	}
	return queueBuilt(p, domain.Int64s, b.Str("IDS", itoa(int64(len(ids)))).Str(ids...))
}

// XLen queues XLEN stream (0 for a missing stream).
func (p *Pipeline) XLen(stream string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "XLEN", stream)
}

// XRange queues XRANGE stream start stop: the entries from start to stop,
// both included ("-" and "+" for the ends, "(" before an id to exclude it).
func (p *Pipeline) XRange(stream, start, stop string) *Future[[]XMessage] {
	return queueKey(p, domain.XMessageSlice, true, "XRANGE", stream, start, stop)
}

// XRangeN queues XRANGE stream start stop COUNT count.
func (p *Pipeline) XRangeN(stream, start, stop string, count int64) *Future[[]XMessage] {
	return queueKey(p, domain.XMessageSlice, true, "XRANGE", stream, start, stop, "COUNT", itoa(count))
}

// XRevRange queues XREVRANGE stream start stop: newest first, start being
// the high end ("+").
func (p *Pipeline) XRevRange(stream, start, stop string) *Future[[]XMessage] {
	return queueKey(p, domain.XMessageSlice, true, "XREVRANGE", stream, start, stop)
}

// XRevRangeN queues XREVRANGE stream start stop COUNT count.
func (p *Pipeline) XRevRangeN(stream, start, stop string, count int64) *Future[[]XMessage] {
	return queueKey(p, domain.XMessageSlice, true, "XREVRANGE", stream, start, stop, "COUNT", itoa(count))
}

// XReadArgs are XREAD's arguments, as go-redis has them. Streams are the
// stream names followed by one id each, or only the names when ID gives
// every stream the same id. MaxCount and MaxSize are Redis 8.10's caps
// across all the streams.
//
// Block is go-redis's: any value >= 0 sends BLOCK, and 0 — the zero value
// — blocks until an entry arrives, however long; -1 does not block
// (XReadStreams). A block shorter than a millisecond is sent as 1 ms, not
// as 0 (forever). A blocking XREAD holds back every reply queued after it
// on its connection, and never shares a round trip with another Exec
// (domain.Blocks). The driver's own read timeout still bounds the wait:
// go-redis reads a pipeline within Options.ReadTimeout (3 s by default),
// so a longer Block not served sooner fails there with go-redis's timeout.
type XReadArgs struct {
	Streams  []string
	Count    int64
	MaxCount int64
	MaxSize  int64
	Block    time.Duration
	ID       string
}

// XRead queues XREAD and gives each stream that has entries after its id.
// No entry at all — no new one without Block, or Block's time out — is a
// nil reply: ErrNil, as go-redis's redis.Nil and BLPOP's timeout.
func (p *Pipeline) XRead(a *XReadArgs) *Future[[]XStream] {
	if a == nil {
		return refuse[[]XStream](p, "XREAD", "nil *XReadArgs")
	}
	b := domain.NewBuilder(true, nil, "XREAD")
	b.AppendStreamRead(a.Count, a.MaxCount, a.MaxSize, a.Block)
	b.Str("STREAMS").Str(a.Streams...)
	switch {
	case len(a.Streams) == 0:
		b.Fail(streamInvalid("XREAD", "no stream"))
	case a.ID != "":
		for range a.Streams {
			b.Str(a.ID)
		}
	case len(a.Streams)%2 != 0:
		b.Fail(streamInvalid("XREAD", "%d Streams: each stream needs its id after the names (or set ID)", len(a.Streams)))
	}
	return queueBuilt(p, domain.XStreamSliceIn(streamNames(a.Streams, a.ID)), b.Described())
}

// streamNames are the stream names of XREAD's or XREADGROUP's Streams:
// all of them when one id serves every stream, the first half otherwise.
func streamNames(streams []string, id string) []string {
	if id == "" {
		streams = streams[:len(streams)/2]
	}
	return slices.Clone(streams) // the caller may reuse its slice before Exec
}

// XReadStreams queues XREAD STREAMS streams...: names then ids, without
// blocking.
func (p *Pipeline) XReadStreams(streams ...string) *Future[[]XStream] {
	return p.XRead(&XReadArgs{Streams: streams, Block: -1})
}

// xTrim queues XTRIM key MAXLEN|MINID =|~ threshold [LIMIT n] [mode].
func (p *Pipeline) xTrim(key, strategy, threshold string, approx bool, limit int64, mode string) *Future[int64] {
	b := domain.KeyCmd(false, "XTRIM", key)
	appendTrim(b, strategy, threshold, approx, limit)
	if mode != "" {
		b.Str(mode)
	}
	return queueBuilt(p, domain.Int64, b)
}

// XTrimMaxLen queues XTRIM key MAXLEN = maxLen and gives how many entries
// it removed.
func (p *Pipeline) XTrimMaxLen(key string, maxLen int64) *Future[int64] {
	return p.xTrim(key, "MAXLEN", itoa(maxLen), false, 0, "")
}

// XTrimMaxLenApprox queues XTRIM key MAXLEN ~ maxLen [LIMIT limit]: Redis
// removes only whole nodes, so it may keep more than maxLen. limit as
// XAddArgs.Limit.
func (p *Pipeline) XTrimMaxLenApprox(key string, maxLen, limit int64) *Future[int64] {
	return p.xTrim(key, "MAXLEN", itoa(maxLen), true, limit, "")
}

// XTrimMaxLenMode queues XTRIM key MAXLEN = maxLen mode (Redis 8.2+:
// KEEPREF, DELREF or ACKED).
func (p *Pipeline) XTrimMaxLenMode(key string, maxLen int64, mode string) *Future[int64] {
	return p.xTrim(key, "MAXLEN", itoa(maxLen), false, 0, mode)
}

// XTrimMaxLenApproxMode queues XTRIM key MAXLEN ~ maxLen [LIMIT limit] mode (Redis 8.2+).
func (p *Pipeline) XTrimMaxLenApproxMode(key string, maxLen, limit int64, mode string) *Future[int64] {
	return p.xTrim(key, "MAXLEN", itoa(maxLen), true, limit, mode)
}

// XTrimMinID queues XTRIM key MINID = minID: removes the entries below minID.
func (p *Pipeline) XTrimMinID(key string, minID string) *Future[int64] {
	return p.xTrim(key, "MINID", minID, false, 0, "")
}

// XTrimMinIDApprox queues XTRIM key MINID ~ minID [LIMIT limit].
func (p *Pipeline) XTrimMinIDApprox(key string, minID string, limit int64) *Future[int64] {
	return p.xTrim(key, "MINID", minID, true, limit, "")
}

// XTrimMinIDMode queues XTRIM key MINID = minID mode (Redis 8.2+).
func (p *Pipeline) XTrimMinIDMode(key string, minID string, mode string) *Future[int64] {
	return p.xTrim(key, "MINID", minID, false, 0, mode)
}

// XTrimMinIDApproxMode queues XTRIM key MINID ~ minID [LIMIT limit] mode (Redis 8.2+).
func (p *Pipeline) XTrimMinIDApproxMode(key string, minID string, limit int64, mode string) *Future[int64] {
	return p.xTrim(key, "MINID", minID, true, limit, mode)
}

// XCfgSetArgs are XCFGSET's arguments (Redis 8.6+): how long, in seconds,
// and how many idempotent ids per producer the stream remembers; 0 leaves
// a setting as it is.
type XCfgSetArgs struct {
	Stream   string
	Duration int64
	MaxSize  int64
}

// XCfgSet queues XCFGSET stream [IDMP-DURATION d] [IDMP-MAXSIZE n].
func (p *Pipeline) XCfgSet(a *XCfgSetArgs) *Future[string] {
	if a == nil {
		return refuse[string](p, "XCFGSET", "nil *XCfgSetArgs")
	}
	b := domain.KeyCmd(false, "XCFGSET", a.Stream)
	if a.Duration > 0 {
		b.Str("IDMP-DURATION", itoa(a.Duration))
	}
	if a.MaxSize > 0 {
		b.Str("IDMP-MAXSIZE", itoa(a.MaxSize))
	}
	return queueBuilt(p, domain.Status, b)
}
