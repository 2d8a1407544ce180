package redpipe

import (
	"context"

	"github.com/redpipe-go/redpipe/domain"
)

// List is a keyspace of lists whose elements are T, through codec:
//
//	queue := redpipe.NewList("jobs", redpipe.JSON[Job]())
//	queue.With(ctx, p).RPush("mail", Job{To: "bob"})
type List[T any] struct {
	Keyspace
	codec Codec[T]
}

// NewList defines a keyspace of lists. opts choose its connection (On).
func NewList[T any](prefix string, codec Codec[T], opts ...Option) *List[T] {
	return &List[T]{Keyspace: newCodecKeyspace(prefix, opts, codec), codec: guardCodec(codec)}
}

// With binds the keyspace to a scope (see String.With).
func (k *List[T]) With(ctx context.Context, s Scope) ListCmds[T] {
	return ListCmds[T]{KeyCmds: k.bind(ctx, s), codec: k.codec}
}

// ListCmds are a List keyspace's commands, bound to a scope.
type ListCmds[T any] struct {
	KeyCmds
	codec Codec[T]
}

func (b ListCmds[T]) push(name, id string, vs []T) *Future[int64] {
	return withValues(b.KeyCmds, b.codec, name, id, vs, func(p *Pipeline, ss []string) *Future[int64] {
		return queueBuilt(p, domain.Int64, keyCmd(false, name, b.key(id)).str(ss...))
	})
}

// LPush prepends values (the last given ends up first) and gives the length.
func (b ListCmds[T]) LPush(id string, values ...T) *Future[int64] { return b.push("LPUSH", id, values) }

// RPush appends values and gives the length.
func (b ListCmds[T]) RPush(id string, values ...T) *Future[int64] { return b.push("RPUSH", id, values) }

// LPushX is LPush only onto an existing list; 0 when there is none.
func (b ListCmds[T]) LPushX(id string, values ...T) *Future[int64] {
	return b.push("LPUSHX", id, values)
}

// RPushX is RPush only onto an existing list; 0 when there is none.
func (b ListCmds[T]) RPushX(id string, values ...T) *Future[int64] {
	return b.push("RPUSHX", id, values)
}

func (b ListCmds[T]) one(id, name string, readOnly bool, args ...string) *Future[T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[T] {
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), keyCmd(readOnly, name, b.key(id)).str(args...))
	})
}

// LPop removes and gives the first element; ErrNil when the list is empty.
func (b ListCmds[T]) LPop(id string) *Future[T] { return b.one(id, "LPOP", false) }

// RPop removes and gives the last element; ErrNil when the list is empty.
func (b ListCmds[T]) RPop(id string) *Future[T] { return b.one(id, "RPOP", false) }

// LIndex gives the element at index (negative from the end); ErrNil out of range.
func (b ListCmds[T]) LIndex(id string, index int64) *Future[T] {
	return b.one(id, "LINDEX", true, itoa(index))
}

// LRange gives the elements from start to stop, both included (negative
// from the end).
func (b ListCmds[T]) LRange(id string, start, stop int64) *Future[[]T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]T] {
		return queueKey(p, named(b.where(id), decodeEach(b.codec)), true, "LRANGE", b.key(id), itoa(start), itoa(stop))
	})
}

// LLen gives the length.
func (b ListCmds[T]) LLen(id string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.LLen(b.key(id)) })
}

// LRem removes count occurrences of v (from the head when count > 0, the
// tail when < 0, all when 0) and gives how many went.
func (b ListCmds[T]) LRem(id string, count int64, v T) *Future[int64] {
	return withValue(b.KeyCmds, b.codec, "LREM", id, v, func(p *Pipeline, s string) *Future[int64] {
		return p.LRem(b.key(id), count, s)
	})
}

// LSet replaces the element at index; "OK".
func (b ListCmds[T]) LSet(id string, index int64, v T) *Future[string] {
	return withValue(b.KeyCmds, b.codec, "LSET", id, v, func(p *Pipeline, s string) *Future[string] {
		return p.LSet(b.key(id), index, s)
	})
}

// LTrim keeps only the elements from start to stop; "OK".
func (b ListCmds[T]) LTrim(id string, start, stop int64) *Future[string] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[string] { return p.LTrim(b.key(id), start, stop) })
}

// RPopLPush moves the last element of id's list to the head of destID's
// and gives it; ErrNil when id's list is empty. One slot on a cluster.
func (b ListCmds[T]) RPopLPush(id, destID string) *Future[T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[T] {
		cmd := newBuilder(false, nil, "RPOPLPUSH", b.key(id), b.key(destID)).keysFrom(1)
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), cmd)
	})
}
