package keyspace

import (
	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

// sortDecoded is SORT over id with the elements decoded by codec: right
// for the elements themselves (with or without BY), not for GET patterns,
// which fetch other keys' values (KeyCmds.SortRaw gives those).
func sortDecoded[T any](b KeyCmds, c redpipe.Codec[T], id string, sort *redpipe.Sort) *redpipe.Future[[]T] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[[]T] {
		cmd := domain.KeyCmd(false, "SORT", b.key(id))
		if sort != nil {
			cmd.AppendSort(sort.By, sort.Offset, sort.Count, sort.Get, sort.Order, sort.Alpha)
		}
		return queueBuilt(p, named(b.where(id), decodeEach(c)), cmd)
	})
}

// sortStore is SORT over id with its result stored as destID's list
// (one slot on a cluster); it gives the stored list's length.
func sortStore(b KeyCmds, id, destID string, sort *redpipe.Sort) *redpipe.Future[int64] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.SortStore(b.key(id), b.key(destID), sort) })
}

// Sort gives the list's elements sorted with sort's options (nil:
// numerically, ascending; Alpha for text), decoded. For GET patterns use
// SortRaw.
func (b ListCmds[T]) Sort(id string, sort *redpipe.Sort) *redpipe.Future[[]T] {
	return sortDecoded(b.KeyCmds, b.codec, id, sort)
}

// SortStore stores the sorted elements as destID's list and gives its length.
func (b ListCmds[T]) SortStore(id, destID string, sort *redpipe.Sort) *redpipe.Future[int64] {
	return sortStore(b.KeyCmds, id, destID, sort)
}

// Sort gives the set's members sorted with sort's options, decoded (see
// ListCmds.Sort).
func (b SetCmds[T]) Sort(id string, sort *redpipe.Sort) *redpipe.Future[[]T] {
	return sortDecoded(b.KeyCmds, b.codec, id, sort)
}

// Sort gives the sorted set's members sorted with sort's options (not by
// score), decoded (see ListCmds.Sort).
func (b SortedSetCmds[T]) Sort(id string, sort *redpipe.Sort) *redpipe.Future[[]T] {
	return sortDecoded(b.KeyCmds, b.codec, id, sort)
}
