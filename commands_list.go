package redpipe

// Lists: BLPop BRPop BRPopLPush BLMove BLMPop LMPop LIndex LInsert[Before|After]
// LLen LPop[Count] RPop[Count] LPos LPosCount LPush[X] RPush[X] LRange LRem
// LSet LTrim RPopLPush LMove, LMoveM BLMoveM (Redis 8.10+) — argument
// structs LPosArgs and LMoveMArgs beside them.

import (
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// KeyValues is what LMPop / BLMPop popped, and from which key.
type KeyValues = domain.KeyValues

// Blocking commands hold their connection until they are served or time
// out; within a pipeline they also hold back every reply queued after them.
// Their timeout is in seconds with a fraction (0: block forever).

// BLPop queues BLPOP keys... timeout: [key, value] of the first non-empty
// list; a timeout gives ErrNil.
func (p *Pipeline) BLPop(timeout time.Duration, keys ...string) *Future[[]string] {
	b := domain.NewBuilder(false, nil, "BLPOP").Str(keys...).KeysFrom(1).Str(domain.Timeout(timeout))
	return queueBuilt(p, domain.Strings, b)
}

// BRPop queues BRPOP keys... timeout: [key, value]; a timeout gives ErrNil.
func (p *Pipeline) BRPop(timeout time.Duration, keys ...string) *Future[[]string] {
	b := domain.NewBuilder(false, nil, "BRPOP").Str(keys...).KeysFrom(1).Str(domain.Timeout(timeout))
	return queueBuilt(p, domain.Strings, b)
}

// BRPopLPush queues BRPOPLPUSH source destination timeout: the value
// moved; a timeout gives ErrNil.
func (p *Pipeline) BRPopLPush(source, destination string, timeout time.Duration) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, domain.KeysFrom(1, 3), "BRPOPLPUSH", source, destination, domain.Timeout(timeout)))
}

// BLMove queues BLMOVE source destination srcpos destpos timeout (LEFT or
// RIGHT): the value moved; a timeout gives ErrNil.
func (p *Pipeline) BLMove(source, destination, srcpos, destpos string, timeout time.Duration) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, domain.KeysFrom(1, 3), "BLMOVE", source, destination, srcpos, destpos, domain.Timeout(timeout)))
}

// BLMPop queues BLMPOP timeout numkeys keys... direction COUNT count: up to
// count values from the first non-empty list; a timeout gives ErrNil.
func (p *Pipeline) BLMPop(timeout time.Duration, direction string, count int64, keys ...string) *Future[KeyValues] {
	b := domain.NewBuilder(false, nil, "BLMPOP", domain.Timeout(timeout), itoa(int64(len(keys)))).Str(keys...).KeysFrom(3)
	return queueBuilt(p, domain.KeyValuesReply, b.Str(strings.ToUpper(direction), "COUNT", itoa(count)))
}

// LMPop queues LMPOP numkeys keys... direction COUNT count: up to count
// values from the first non-empty list; all empty gives ErrNil.
func (p *Pipeline) LMPop(direction string, count int64, keys ...string) *Future[KeyValues] {
	b := domain.NewBuilder(false, nil, "LMPOP", itoa(int64(len(keys)))).Str(keys...).KeysFrom(2)
	return queueBuilt(p, domain.KeyValuesReply, b.Str(strings.ToUpper(direction), "COUNT", itoa(count)))
}

// LIndex queues LINDEX key index. Out of range gives ErrNil.
func (p *Pipeline) LIndex(key string, index int64) *Future[string] {
	return queueKey(p, domain.String, true, "LINDEX", key, itoa(index))
}

// LInsert queues LINSERT key op pivot value (op BEFORE or AFTER): the new
// length, -1 when pivot is not found, 0 for a missing key.
func (p *Pipeline) LInsert(key, op string, pivot, value any) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "LINSERT", key).Str(op).Val(pivot, value))
}

// LInsertBefore queues LINSERT key BEFORE pivot value.
func (p *Pipeline) LInsertBefore(key string, pivot, value any) *Future[int64] {
	return p.LInsert(key, "BEFORE", pivot, value)
}

// LInsertAfter queues LINSERT key AFTER pivot value.
func (p *Pipeline) LInsertAfter(key string, pivot, value any) *Future[int64] {
	return p.LInsert(key, "AFTER", pivot, value)
}

// LLen queues LLEN key.
func (p *Pipeline) LLen(key string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "LLEN", key)
}

// LPop queues LPOP key. An empty list gives ErrNil.
func (p *Pipeline) LPop(key string) *Future[string] {
	return queueKey(p, domain.String, false, "LPOP", key)
}

// LPopCount queues LPOP key count. An empty list gives ErrNil.
func (p *Pipeline) LPopCount(key string, count int) *Future[[]string] {
	return queueKey(p, domain.Strings, false, "LPOP", key, itoa(int64(count)))
}

// RPop queues RPOP key. An empty list gives ErrNil.
func (p *Pipeline) RPop(key string) *Future[string] {
	return queueKey(p, domain.String, false, "RPOP", key)
}

// RPopCount queues RPOP key count. An empty list gives ErrNil.
func (p *Pipeline) RPopCount(key string, count int) *Future[[]string] {
	return queueKey(p, domain.Strings, false, "RPOP", key, itoa(int64(count)))
}

// LPosArgs are LPOS's RANK and MAXLEN options (0: not given).
type LPosArgs struct {
	Rank, MaxLen int64
}

func (a LPosArgs) appendTo(b *domain.Builder) *domain.Builder {
	if a.Rank != 0 {
		b.Str("RANK", itoa(a.Rank))
	}
	if a.MaxLen != 0 {
		b.Str("MAXLEN", itoa(a.MaxLen))
	}
	return b
}

// LPos queues LPOS key value [RANK r] [MAXLEN n]: the index of the match;
// none gives ErrNil.
func (p *Pipeline) LPos(key string, value string, args LPosArgs) *Future[int64] {
	return queueBuilt(p, domain.Int64, args.appendTo(domain.KeyCmd(true, "LPOS", key).Str(value)))
}

// LPosCount queues LPOS key value COUNT count [RANK r] [MAXLEN n]: the
// indexes of up to count matches (0: all).
func (p *Pipeline) LPosCount(key string, value string, count int64, args LPosArgs) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, args.appendTo(domain.KeyCmd(true, "LPOS", key).Str(value, "COUNT", itoa(count))))
}

// LPush queues LPUSH key values... and gives the new length. The values
// may also be given as one []string or []any.
func (p *Pipeline) LPush(key string, values ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "LPUSH", key), values))
}

// LPushX queues LPUSHX key values...: 0 when the list does not exist.
func (p *Pipeline) LPushX(key string, values ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "LPUSHX", key), values))
}

// RPush queues RPUSH key values... and gives the new length.
func (p *Pipeline) RPush(key string, values ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "RPUSH", key), values))
}

// RPushX queues RPUSHX key values...: 0 when the list does not exist.
func (p *Pipeline) RPushX(key string, values ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "RPUSHX", key), values))
}

// LRange queues LRANGE key start stop.
func (p *Pipeline) LRange(key string, start, stop int64) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "LRANGE", key, itoa(start), itoa(stop))
}

// LRem queues LREM key count value and gives the number removed.
func (p *Pipeline) LRem(key string, count int64, value any) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "LREM", key).Str(itoa(count)).Val(value))
}

// LSet queues LSET key index value.
func (p *Pipeline) LSet(key string, index int64, value any) *Future[string] {
	return queueBuilt(p, domain.Status, domain.KeyCmd(false, "LSET", key).Str(itoa(index)).Val(value))
}

// LTrim queues LTRIM key start stop.
func (p *Pipeline) LTrim(key string, start, stop int64) *Future[string] {
	return queueKey(p, domain.Status, false, "LTRIM", key, itoa(start), itoa(stop))
}

// RPopLPush queues RPOPLPUSH source destination: the value moved; an
// empty source gives ErrNil.
func (p *Pipeline) RPopLPush(source, destination string) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, domain.KeysFrom(1, 3), "RPOPLPUSH", source, destination))
}

// LMove queues LMOVE source destination srcpos destpos (LEFT or RIGHT):
// the value moved; an empty source gives ErrNil.
func (p *Pipeline) LMove(source, destination, srcpos, destpos string) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, domain.KeysFrom(1, 3), "LMOVE", source, destination, srcpos, destpos))
}

// LMoveMMode is how LMOVEM / BLMOVEM read LMoveMArgs.Count.
type LMoveMMode string

// LMOVEM's count modes.
const (
	// LMoveMCount moves up to Count elements.
	LMoveMCount LMoveMMode = "COUNT"
	// LMoveMExactly moves exactly Count elements, or none.
	LMoveMExactly LMoveMMode = "EXACTLY"
)

// LMoveMOrder is the order the moved elements land in.
type LMoveMOrder string

// LMOVEM's orders.
const (
	// LMoveMOBO pushes one by one, which reverses them.
	LMoveMOBO LMoveMOrder = "OBO"
	// LMoveMBulk keeps their order.
	LMoveMBulk LMoveMOrder = "BULK"
)

// LMoveMArgs are LMOVEM's and BLMOVEM's count group. A Count of 0 or less
// moves one element (no group sent); Mode defaults to COUNT, Order to BULK.
type LMoveMArgs struct {
	Mode  LMoveMMode
	Count int64
	Order LMoveMOrder
}

func (a LMoveMArgs) appendTo(b *domain.Builder) *domain.Builder {
	if a.Count <= 0 {
		return b
	}
	mode, order := a.Mode, a.Order
	if mode == "" {
		mode = LMoveMCount
	}
	if order == "" {
		order = LMoveMBulk
	}
	return b.Str(string(mode), itoa(a.Count), string(order))
}

// LMoveM queues LMOVEM source destination srcpos destpos [COUNT|EXACTLY n
// OBO|BULK] (LEFT or RIGHT): the elements moved; none gives ErrNil.
func (p *Pipeline) LMoveM(source, destination, srcpos, destpos string, args LMoveMArgs) *Future[[]string] {
	b := domain.NewBuilder(false, domain.KeysFrom(1, 3), "LMOVEM", source, destination, srcpos, destpos)
	return queueBuilt(p, domain.Strings, args.appendTo(b))
}

// BLMoveM queues BLMOVEM source destination srcpos destpos timeout [COUNT|
// EXACTLY n OBO|BULK]: the elements moved; a timeout gives ErrNil. It
// blocks as BLMOVE does (0: for ever).
func (p *Pipeline) BLMoveM(source, destination, srcpos, destpos string, timeout time.Duration, args LMoveMArgs) *Future[[]string] {
	b := domain.NewBuilder(false, domain.KeysFrom(1, 3), "BLMOVEM", source, destination, srcpos, destpos, domain.Timeout(timeout))
	return queueBuilt(p, domain.Strings, args.appendTo(b))
}
