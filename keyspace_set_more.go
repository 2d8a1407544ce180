package redpipe

// Commands over several ids (the STORE forms, SINTERCARD) touch several
// hash tags: on a cluster every id must hash to one slot, or the command
// is refused with CROSSSLOT (or ErrCrossSlot by redpipe's router).

func (b SetCmds[T]) store(name, destID string, ids []string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] {
		return p.setStore(name, b.key(destID), b.keys(ids))
	})
}

// SInterStore stores the members every set of ids has as destID's set and
// gives how many there are.
func (b SetCmds[T]) SInterStore(destID string, ids ...string) *Future[int64] {
	return b.store("SINTERSTORE", destID, ids)
}

// SUnionStore stores the members of any set of ids as destID's set.
func (b SetCmds[T]) SUnionStore(destID string, ids ...string) *Future[int64] {
	return b.store("SUNIONSTORE", destID, ids)
}

// SDiffStore stores the members of the first id's set no other has as
// destID's set.
func (b SetCmds[T]) SDiffStore(destID string, ids ...string) *Future[int64] {
	return b.store("SDIFFSTORE", destID, ids)
}

// SInterCard gives how many members every set of ids has, counting up to
// limit (0: no limit).
func (b SetCmds[T]) SInterCard(limit int64, ids ...string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.SInterCard(limit, b.keys(ids)...) })
}

// SScan gives one page of the set's members, decoded, whose stored text
// matches match (a Redis glob; "" for all).
func (b SetCmds[T]) SScan(id string, cursor uint64, match string, count int64) *Future[ScanPage[T]] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[ScanPage[T]] {
		decode := scanPage(1, func(g []string) (T, error) { return b.codec.Decode(g[0]) })
		return queueBuilt(p, named(b.where(id), decode), scanCmd("SSCAN", b.key(id), cursor, match, count))
	})
}
