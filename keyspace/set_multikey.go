package keyspace

import (
	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

// Commands over several ids (the STORE forms, SINTERCARD) touch several
// hash tags: on a cluster every id must hash to one slot, or the command
// is refused with CROSSSLOT (or ErrCrossSlot by redpipe's router).

func (b SetCmds[T]) store(name, destID string, ids []string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, name, b.key(destID)).Str(b.keys(ids)...).KeysFrom(1))
	})
}

// SInterStore stores the members every set of ids has as destID's set and
// gives how many there are.
func (b SetCmds[T]) SInterStore(destID string, ids ...string) *redpipe.Future[int64] {
	return b.store("SINTERSTORE", destID, ids)
}

// SUnionStore stores the members of any set of ids as destID's set.
func (b SetCmds[T]) SUnionStore(destID string, ids ...string) *redpipe.Future[int64] {
	return b.store("SUNIONSTORE", destID, ids)
}

// SDiffStore stores the members of the first id's set no other has as
// destID's set.
func (b SetCmds[T]) SDiffStore(destID string, ids ...string) *redpipe.Future[int64] {
	return b.store("SDIFFSTORE", destID, ids)
}

// SInterCard gives how many members every set of ids has, counting up to
// limit (0: no limit).
func (b SetCmds[T]) SInterCard(limit int64, ids ...string) *redpipe.Future[int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.SInterCard(limit, b.keys(ids)...) })
}
