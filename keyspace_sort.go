package redpipe

// sortDecoded is SORT over id with the elements decoded by codec: right
// for the elements themselves (with or without BY), not for GET patterns,
// which fetch other keys' values (KeyCmds.SortRaw gives those).
func sortDecoded[T any](b KeyCmds, c Codec[T], id string, sort *Sort) *Future[[]T] {
	return run(b, func(p *Pipeline) *Future[[]T] {
		return queueBuilt(p, named(b.where(id), decodeEach(c)), sort.appendTo(keyCmd(false, "SORT", b.key(id))))
	})
}

// sortStore is SORT over id with its result stored as destID's list
// (one slot on a cluster); it gives the stored list's length.
func sortStore(b KeyCmds, id, destID string, sort *Sort) *Future[int64] {
	return run(b, func(p *Pipeline) *Future[int64] { return p.SortStore(b.key(id), b.key(destID), sort) })
}

// Sort gives the list's elements sorted with sort's options (nil:
// numerically, ascending; Alpha for text), decoded. For GET patterns use
// SortRaw.
func (b ListCmds[T]) Sort(id string, sort *Sort) *Future[[]T] {
	return sortDecoded(b.KeyCmds, b.codec, id, sort)
}

// SortStore stores the sorted elements as destID's list and gives its length.
func (b ListCmds[T]) SortStore(id, destID string, sort *Sort) *Future[int64] {
	return sortStore(b.KeyCmds, id, destID, sort)
}

// Sort gives the set's members sorted with sort's options, decoded (see
// ListCmds.Sort).
func (b SetCmds[T]) Sort(id string, sort *Sort) *Future[[]T] {
	return sortDecoded(b.KeyCmds, b.codec, id, sort)
}

// Sort gives the sorted set's members sorted with sort's options (not by
// score), decoded (see ListCmds.Sort).
func (b SortedSetCmds[T]) Sort(id string, sort *Sort) *Future[[]T] {
	return sortDecoded(b.KeyCmds, b.codec, id, sort)
}
