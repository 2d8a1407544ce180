package keyspace

import (
	"fmt"
	"time"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// The commands over several ids: on a cluster every id must hash to one
// slot. In a ZStore given here, Keys are ids of this keyspace.

// byIDs is store with its ids turned into keys (called within run,
// which has checked the keyspace).
func (b SortedSetCmds[T]) byIDs(store *redpipe.ZStore) (*redpipe.ZStore, []string) {
	if store == nil {
		return nil, nil
	}
	c := *store
	c.Keys = b.keys(store.Keys)
	return &c, store.Keys
}

func (b SortedSetCmds[T]) combined(name string, store *redpipe.ZStore) *redpipe.Future[[]T] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]T] {
		keyed, ids := b.byIDs(store)
		return queueBuilt(p, named(b.whereIDs(ids), decodeEach(b.codec)), combine(name, keyed, false))
	})
}

func (b SortedSetCmds[T]) combinedScored(name string, store *redpipe.ZStore) *redpipe.Future[[]ZMember[T]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]ZMember[T]] {
		keyed, ids := b.byIDs(store)
		return queueBuilt(p, named(b.whereIDs(ids), decodeScored(b.codec)), combine(name, keyed, true))
	})
}

// ZInter gives the members every sorted set of store's ids has, by
// ascending combined score (WEIGHTS, AGGREGATE from store).
func (b SortedSetCmds[T]) ZInter(store *redpipe.ZStore) *redpipe.Future[[]T] {
	return b.combined("ZINTER", store)
}

// ZInterWithScores is ZInter with the combined scores.
func (b SortedSetCmds[T]) ZInterWithScores(store *redpipe.ZStore) *redpipe.Future[[]ZMember[T]] {
	return b.combinedScored("ZINTER", store)
}

// ZUnion gives the members of any sorted set of store's ids.
func (b SortedSetCmds[T]) ZUnion(store *redpipe.ZStore) *redpipe.Future[[]T] {
	return b.combined("ZUNION", store)
}

// ZUnionWithScores is ZUnion with the combined scores.
func (b SortedSetCmds[T]) ZUnionWithScores(store *redpipe.ZStore) *redpipe.Future[[]ZMember[T]] {
	return b.combinedScored("ZUNION", store)
}

// ZDiff gives the members of the first id's sorted set no other has.
func (b SortedSetCmds[T]) ZDiff(ids ...string) *redpipe.Future[[]T] {
	return b.combined("ZDIFF", &redpipe.ZStore{Keys: ids})
}

// ZDiffWithScores is ZDiff with the scores.
func (b SortedSetCmds[T]) ZDiffWithScores(ids ...string) *redpipe.Future[[]ZMember[T]] {
	return b.combinedScored("ZDIFF", &redpipe.ZStore{Keys: ids})
}

// ZInterStore stores ZInter's result as destID's sorted set and gives its size.
func (b SortedSetCmds[T]) ZInterStore(destID string, store *redpipe.ZStore) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		keyed, _ := b.byIDs(store)
		return p.ZInterStore(b.key(destID), keyed)
	})
}

// ZUnionStore stores ZUnion's result as destID's sorted set and gives its size.
func (b SortedSetCmds[T]) ZUnionStore(destID string, store *redpipe.ZStore) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		keyed, _ := b.byIDs(store)
		return p.ZUnionStore(b.key(destID), keyed)
	})
}

// ZDiffStore stores ZDiff's result as destID's sorted set and gives its size.
func (b SortedSetCmds[T]) ZDiffStore(destID string, ids ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZDiffStore(b.key(destID), b.keys(ids)...) })
}

// ZInterCard gives how many members every sorted set of ids has, counting
// up to limit (0: no limit).
func (b SortedSetCmds[T]) ZInterCard(limit int64, ids ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.ZInterCard(limit, b.keys(ids)...) })
}

// BZPopMin pops the lowest member of the first non-empty sorted set of
// ids, waiting up to timeout (0: forever), and gives it with its id;
// ErrNil on timeout. It blocks as BLPop does.
func (b SortedSetCmds[T]) BZPopMin(timeout time.Duration, ids ...string) *redpipe.Future[IDValue[ZMember[T]]] {
	return b.bzpop("BZPOPMIN", timeout, ids)
}

// BZPopMax is BZPopMin for the highest member.
func (b SortedSetCmds[T]) BZPopMax(timeout time.Duration, ids ...string) *redpipe.Future[IDValue[ZMember[T]]] {
	return b.bzpop("BZPOPMAX", timeout, ids)
}

func (b SortedSetCmds[T]) bzpop(name string, timeout time.Duration, ids []string) *redpipe.Future[IDValue[ZMember[T]]] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[IDValue[ZMember[T]]] {
		cmd := domain.NewBuilder(false, nil, name).Str(b.keys(ids)...).KeysFrom(1).Str(domain.Timeout(timeout))
		return queueBuilt(p, func(r ports.Reply) (IDValue[ZMember[T]], error) {
			z, err := domain.ZWithKeyReply(r)
			if err != nil {
				return IDValue[ZMember[T]]{}, err
			}
			id, err := b.idOf(name, z.Key)
			if err != nil {
				return IDValue[ZMember[T]]{}, err
			}
			m, err := b.codec.Decode(z.Member)
			if err != nil {
				return IDValue[ZMember[T]]{}, fmt.Errorf("%s: %w", b.where(id), err)
			}
			return IDValue[ZMember[T]]{ID: id, Value: ZMember[T]{Member: m, Score: z.Score}}, nil
		}, cmd)
	})
}
