package keyspace

import (
	"context"
	"strconv"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
)

// List is a keyspace of lists whose elements are T, through codec:
//
//	queue := keyspace.NewList("jobs", redpipe.JSON[Job]())
//	queue.With(ctx, p).RPush("mail", Job{To: "bob"})
type List[T any] struct {
	Keyspace
	codec redpipe.Codec[T]
}

// NewList defines a keyspace of lists. opts choose its connection (On).
func NewList[T any](prefix string, codec redpipe.Codec[T], opts ...redpipe.Option) *List[T] {
	return &List[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: redpipe.GuardCodec(codec)}
}

// With binds the keyspace to a scope (see String.With).
func (k *List[T]) With(ctx context.Context, s redpipe.Scope) ListCmds[T] {
	return ListCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// ListCmds are a List keyspace's commands, bound to a scope.
type ListCmds[T any] struct {
	KeyCmds
	codec redpipe.Codec[T]
}

func (b ListCmds[T]) push(name, id string, vs []T) *redpipe.Future[int64] {
	return withValues(b.KeyCmds, b.codec, name, id, vs, func(p *redpipe.Pipeline, ss []string) *redpipe.Future[int64] {
		return queueBuilt(p, domain.Int64, domain.KeyCmd(false, name, b.key(id)).Str(ss...))
	})
}

// LPush prepends values (the last given ends up first) and gives the length.
func (b ListCmds[T]) LPush(id string, values ...T) *redpipe.Future[int64] {
	return b.push("LPUSH", id, values)
}

// RPush appends values and gives the length.
func (b ListCmds[T]) RPush(id string, values ...T) *redpipe.Future[int64] {
	return b.push("RPUSH", id, values)
}

// LPushX is LPush only onto an existing list; 0 when there is none.
func (b ListCmds[T]) LPushX(id string, values ...T) *redpipe.Future[int64] {
	return b.push("LPUSHX", id, values)
}

// RPushX is RPush only onto an existing list; 0 when there is none.
func (b ListCmds[T]) RPushX(id string, values ...T) *redpipe.Future[int64] {
	return b.push("RPUSHX", id, values)
}

func (b ListCmds[T]) one(id, name string, readOnly bool, args ...string) *redpipe.Future[T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[T] {
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), domain.KeyCmd(readOnly, name, b.key(id)).Str(args...))
	})
}

// LPop removes and gives the first element; ErrNil when the list is empty.
func (b ListCmds[T]) LPop(id string) *redpipe.Future[T] { return b.one(id, "LPOP", false) }

// RPop removes and gives the last element; ErrNil when the list is empty.
func (b ListCmds[T]) RPop(id string) *redpipe.Future[T] { return b.one(id, "RPOP", false) }

// LIndex gives the element at index (negative from the end); ErrNil out of range.
func (b ListCmds[T]) LIndex(id string, index int64) *redpipe.Future[T] {
	return b.one(id, "LINDEX", true, strconv.FormatInt(index, 10))
}

// LRange gives the elements from start to stop, both included (negative
// from the end).
func (b ListCmds[T]) LRange(id string, start, stop int64) *redpipe.Future[[]T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]T] {
		return queueKey(p, named(b.where(id), decodeEach(b.codec)), true, "LRANGE", b.key(id), strconv.FormatInt(start, 10), strconv.FormatInt(stop, 10))
	})
}

// LLen gives the length.
func (b ListCmds[T]) LLen(id string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.LLen(b.key(id)) })
}

// LRem removes count occurrences of v (from the head when count > 0, the
// tail when < 0, all when 0) and gives how many went.
func (b ListCmds[T]) LRem(id string, count int64, v T) *redpipe.Future[int64] {
	return withValue(b.KeyCmds, b.codec, "LREM", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[int64] {
		return p.LRem(b.key(id), count, s)
	})
}

// LSet replaces the element at index; "OK".
func (b ListCmds[T]) LSet(id string, index int64, v T) *redpipe.Future[string] {
	return withValue(b.KeyCmds, b.codec, "LSET", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[string] {
		return p.LSet(b.key(id), index, s)
	})
}

// LTrim keeps only the elements from start to stop; "OK".
func (b ListCmds[T]) LTrim(id string, start, stop int64) *redpipe.Future[string] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.LTrim(b.key(id), start, stop) })
}

// RPopLPush moves the last element of id's list to the head of destID's
// and gives it; ErrNil when id's list is empty. One slot on a cluster.
func (b ListCmds[T]) RPopLPush(id, destID string) *redpipe.Future[T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[T] {
		cmd := domain.NewBuilder(false, nil, "RPOPLPUSH", b.key(id), b.key(destID)).KeysFrom(1)
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), cmd)
	})
}

// LInsert inserts v before or after (op "BEFORE" / "AFTER") the first
// element equal to pivot and gives the new length; -1 when pivot is not
// there, 0 when the list is empty.
func (b ListCmds[T]) LInsert(id, op string, pivot, v T) *redpipe.Future[int64] {
	return withValues(b.KeyCmds, b.codec, "LINSERT", id, []T{pivot, v}, func(p *redpipe.Pipeline, ss []string) *redpipe.Future[int64] {
		return p.LInsert(b.key(id), op, ss[0], ss[1])
	})
}

// LInsertBefore is LInsert with op "BEFORE".
func (b ListCmds[T]) LInsertBefore(id string, pivot, v T) *redpipe.Future[int64] {
	return b.LInsert(id, "BEFORE", pivot, v)
}

// LInsertAfter is LInsert with op "AFTER".
func (b ListCmds[T]) LInsertAfter(id string, pivot, v T) *redpipe.Future[int64] {
	return b.LInsert(id, "AFTER", pivot, v)
}

// LPos gives the index of the element equal to v (args.Rank picks which
// match, negative from the tail); ErrNil when there is none.
func (b ListCmds[T]) LPos(id string, v T, args redpipe.LPosArgs) *redpipe.Future[int64] {
	return withValue(b.KeyCmds, b.codec, "LPOS", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[int64] {
		return p.LPos(b.key(id), s, args)
	})
}

// LPosCount gives the indexes of up to count elements equal to v (0: all).
func (b ListCmds[T]) LPosCount(id string, v T, count int64, args redpipe.LPosArgs) *redpipe.Future[[]int64] {
	return withValue(b.KeyCmds, b.codec, "LPOS", id, v, func(p *redpipe.Pipeline, s string) *redpipe.Future[[]int64] {
		return p.LPosCount(b.key(id), s, count, args)
	})
}

// LPopCount removes and gives up to count elements from the head;
// ErrNil when the list is empty.
func (b ListCmds[T]) LPopCount(id string, count int) *redpipe.Future[[]T] {
	return b.many(id, "LPOP", strconv.FormatInt(int64(count), 10))
}

// RPopCount removes and gives up to count elements from the tail;
// ErrNil when the list is empty.
func (b ListCmds[T]) RPopCount(id string, count int) *redpipe.Future[[]T] {
	return b.many(id, "RPOP", strconv.FormatInt(int64(count), 10))
}

func (b ListCmds[T]) many(id, name string, args ...string) *redpipe.Future[[]T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]T] {
		return queueKey(p, named(b.where(id), decodeEach(b.codec)), false, name, b.key(id), args...)
	})
}
