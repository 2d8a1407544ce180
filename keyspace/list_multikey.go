package keyspace

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Commands over two or more ids (LMove, BLMove, BLPop, BRPop) touch
// several hash tags: on a cluster every id must hash to one slot.

// LMove moves the element at srcpos ("LEFT" / "RIGHT") of id's list to
// destpos of destID's and gives it; ErrNil when id's list is empty.
func (b ListCmds[T]) LMove(id, destID, srcpos, destpos string) *redpipe.Future[T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[T] {
		cmd := domain.NewBuilder(false, domain.KeysFrom(1, 3), "LMOVE", b.key(id), b.key(destID), srcpos, destpos)
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), cmd)
	})
}

// Blocking pops hold their connection until served or timed out (0:
// forever) and, in a pipeline, every reply queued after them: see
// Pipeline.BLPop.

// BLMove is LMove waiting up to timeout for an element; ErrNil on timeout.
func (b ListCmds[T]) BLMove(id, destID, srcpos, destpos string, timeout time.Duration) *redpipe.Future[T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[T] {
		cmd := domain.NewBuilder(false, domain.KeysFrom(1, 3), "BLMOVE", b.key(id), b.key(destID), srcpos, destpos, domain.Timeout(timeout))
		return queueBuilt(p, named(b.where(id), decodeOne(b.codec)), cmd)
	})
}

// BLPop pops the head of the first non-empty list of ids, waiting up to
// timeout, and gives it with its id; ErrNil on timeout.
func (b ListCmds[T]) BLPop(timeout time.Duration, ids ...string) *redpipe.Future[IDValue[T]] {
	return b.bpop("BLPOP", timeout, ids)
}

// BRPop is BLPop from the tails.
func (b ListCmds[T]) BRPop(timeout time.Duration, ids ...string) *redpipe.Future[IDValue[T]] {
	return b.bpop("BRPOP", timeout, ids)
}

func (b ListCmds[T]) bpop(name string, timeout time.Duration, ids []string) *redpipe.Future[IDValue[T]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[IDValue[T]] {
		cmd := domain.NewBuilder(false, nil, name).Str(b.keys(ids)...).KeysFrom(1).Str(domain.Timeout(timeout))
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
func (b ListCmds[T]) LMPop(direction string, count int64, ids ...string) *redpipe.Future[IDValue[[]T]] {
	return b.mpop("LMPOP", func() *domain.Builder {
		return domain.NewBuilder(false, nil, "LMPOP", strconv.FormatInt(int64(len(ids)), 10)).Str(b.keys(ids)...).KeysFrom(2)
	}, direction, count)
}

// BLMPop is LMPop waiting up to timeout (0: forever); ErrNil on timeout.
func (b ListCmds[T]) BLMPop(timeout time.Duration, direction string, count int64, ids ...string) *redpipe.Future[IDValue[[]T]] {
	return b.mpop("BLMPOP", func() *domain.Builder {
		return domain.NewBuilder(false, nil, "BLMPOP", domain.Timeout(timeout), strconv.FormatInt(int64(len(ids)), 10)).Str(b.keys(ids)...).KeysFrom(3)
	}, direction, count)
}

// mpop's head builds NAME ... keys within run, once the keyspace is checked.
func (b ListCmds[T]) mpop(name string, head func() *domain.Builder, direction string, count int64) *redpipe.Future[IDValue[[]T]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[IDValue[[]T]] {
		cmd := head().Str(strings.ToUpper(direction), "COUNT", strconv.FormatInt(count, 10))
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
