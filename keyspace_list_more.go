package redpipe

import (
	"fmt"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Commands over two or more ids (LMove, BLMove, BLPop, BRPop) touch
// several hash tags: on a cluster every id must hash to one slot.

// LInsert inserts v before or after (op "BEFORE" / "AFTER") the first
// element equal to pivot and gives the new length; -1 when pivot is not
// there, 0 when the list is empty.
func (b ListCmds[T]) LInsert(id, op string, pivot, v T) *Future[int64] {
	return withValues(b.KeyCmds, b.codec, "LINSERT", id, []T{pivot, v}, func(p *Pipeline, ss []string) *Future[int64] {
		return p.LInsert(b.key(id), op, ss[0], ss[1])
	})
}

// LInsertBefore is LInsert with op "BEFORE".
func (b ListCmds[T]) LInsertBefore(id string, pivot, v T) *Future[int64] {
	return b.LInsert(id, "BEFORE", pivot, v)
}

// LInsertAfter is LInsert with op "AFTER".
func (b ListCmds[T]) LInsertAfter(id string, pivot, v T) *Future[int64] {
	return b.LInsert(id, "AFTER", pivot, v)
}

// LPos gives the index of the element equal to v (args.Rank picks which
// match, negative from the tail); ErrNil when there is none.
func (b ListCmds[T]) LPos(id string, v T, args LPosArgs) *Future[int64] {
	return withValue(b.KeyCmds, b.codec, "LPOS", id, v, func(p *Pipeline, s string) *Future[int64] {
		return p.LPos(b.key(id), s, args)
	})
}

// LPosCount gives the indexes of up to count elements equal to v (0: all).
func (b ListCmds[T]) LPosCount(id string, v T, count int64, args LPosArgs) *Future[[]int64] {
	return withValue(b.KeyCmds, b.codec, "LPOS", id, v, func(p *Pipeline, s string) *Future[[]int64] {
		return p.LPosCount(b.key(id), s, count, args)
	})
}

// LPopCount removes and gives up to count elements from the head;
// ErrNil when the list is empty.
func (b ListCmds[T]) LPopCount(id string, count int) *Future[[]T] {
	return b.many(id, "LPOP", itoa(int64(count)))
}

// RPopCount removes and gives up to count elements from the tail;
// ErrNil when the list is empty.
func (b ListCmds[T]) RPopCount(id string, count int) *Future[[]T] {
	return b.many(id, "RPOP", itoa(int64(count)))
}

func (b ListCmds[T]) many(id, name string, args ...string) *Future[[]T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]T] {
		return queueKey(p, named(b.where(id), decodeEach(b.codec)), false, name, b.key(id), args...)
	})
}

// LMove moves the element at srcpos ("LEFT" / "RIGHT") of id's list to
// destpos of destID's and gives it; ErrNil when id's list is empty.
func (b ListCmds[T]) LMove(id, destID, srcpos, destpos string) *Future[T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[T] {
		cmd := newBuilder(false, domain.KeysFrom(1, 3), "LMOVE", b.key(id), b.key(destID), srcpos, destpos)
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), cmd)
	})
}

// Blocking pops hold their connection until served or timed out (0:
// forever) and, in a pipeline, every reply queued after them: see
// Pipeline.BLPop.

// BLMove is LMove waiting up to timeout for an element; ErrNil on timeout.
func (b ListCmds[T]) BLMove(id, destID, srcpos, destpos string, timeout time.Duration) *Future[T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[T] {
		cmd := newBuilder(false, domain.KeysFrom(1, 3), "BLMOVE", b.key(id), b.key(destID), srcpos, destpos, timeoutArg(timeout))
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), cmd)
	})
}

// BLPop pops the head of the first non-empty list of ids, waiting up to
// timeout, and gives it with its id; ErrNil on timeout.
func (b ListCmds[T]) BLPop(timeout time.Duration, ids ...string) *Future[IDValue[T]] {
	return b.bpop("BLPOP", timeout, ids)
}

// BRPop is BLPop from the tails.
func (b ListCmds[T]) BRPop(timeout time.Duration, ids ...string) *Future[IDValue[T]] {
	return b.bpop("BRPOP", timeout, ids)
}

func (b ListCmds[T]) bpop(name string, timeout time.Duration, ids []string) *Future[IDValue[T]] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[IDValue[T]] {
		cmd := newBuilder(false, nil, name).str(b.keys(ids)...).keysFrom(1).str(timeoutArg(timeout))
		return queueBuilt(p, func(r ports.Reply) (IDValue[T], error) {
			kv, err := domain.Strings(r)
			if err != nil {
				return IDValue[T]{}, err
			}
			if len(kv) != 2 {
				return IDValue[T]{}, fmt.Errorf("%w: %s gave %d elements, want [key, value]", domain.ErrUnexpectedReply, name, len(kv))
			}
			id, err := b.idOf(name, kv[0])
			if err != nil {
				return IDValue[T]{}, err
			}
			v, err := b.codec.Decode(kv[1])
			if err != nil {
				return IDValue[T]{}, fmt.Errorf("%s: %w", b.where(id), err)
			}
			return IDValue[T]{ID: id, Value: v}, nil
		}, cmd)
	})
}

// LMPop pops up to count elements from the head ("LEFT") or tail
// ("RIGHT") of the first non-empty list of ids and gives them with that
// id; ErrNil when every list is empty.
func (b ListCmds[T]) LMPop(direction string, count int64, ids ...string) *Future[IDValue[[]T]] {
	return b.mpop("LMPOP", func() *builder {
		return newBuilder(false, nil, "LMPOP", itoa(int64(len(ids)))).str(b.keys(ids)...).keysFrom(2)
	}, direction, count)
}

// BLMPop is LMPop waiting up to timeout (0: forever); ErrNil on timeout.
func (b ListCmds[T]) BLMPop(timeout time.Duration, direction string, count int64, ids ...string) *Future[IDValue[[]T]] {
	return b.mpop("BLMPOP", func() *builder {
		return newBuilder(false, nil, "BLMPOP", timeoutArg(timeout), itoa(int64(len(ids)))).str(b.keys(ids)...).keysFrom(3)
	}, direction, count)
}

// mpop's head builds NAME ... keys within run, once the keyspace is checked.
func (b ListCmds[T]) mpop(name string, head func() *builder, direction string, count int64) *Future[IDValue[[]T]] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[IDValue[[]T]] {
		cmd := head().str(strings.ToUpper(direction), "COUNT", itoa(count))
		return queueBuilt(p, func(r ports.Reply) (IDValue[[]T], error) {
			kv, err := domain.KeyValuesReply(r)
			if err != nil {
				return IDValue[[]T]{}, err
			}
			id, err := b.idOf(name, kv.Key)
			if err != nil {
				return IDValue[[]T]{}, err
			}
			vs := make([]T, len(kv.Values))
			for i, s := range kv.Values {
				if vs[i], err = b.codec.Decode(s); err != nil {
					return IDValue[[]T]{}, fmt.Errorf("%s: %w", b.where(id), err)
				}
			}
			return IDValue[[]T]{ID: id, Value: vs}, nil
		}, cmd)
	})
}
