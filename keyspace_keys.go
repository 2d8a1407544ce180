package redpipe

import "time"

// The generic key commands, shared by every keyspace through KeyCmds.
// Commands over several ids (Del, Exists, Rename, ...) touch several hash
// tags: on a cluster they are split by slot where Redis allows it (DEL,
// EXISTS) and otherwise refused with ErrCrossSlot.

// Del deletes the keys of ids and gives how many existed.
func (b KeyCmds) Del(ids ...string) *Future[int64] {
	return run(b, func(p *Pipeline) *Future[int64] { return p.Del(b.keys(ids)...) })
}

// Exists gives how many of ids have a key (an id given twice counts twice).
func (b KeyCmds) Exists(ids ...string) *Future[int64] {
	return run(b, func(p *Pipeline) *Future[int64] { return p.Exists(b.keys(ids)...) })
}

// Expire sets id's time to live, rounded up to whole seconds; false when
// the key does not exist.
func (b KeyCmds) Expire(id string, d time.Duration) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.Expire(b.key(id), d) })
}

// PExpire sets id's time to live in milliseconds.
func (b KeyCmds) PExpire(id string, d time.Duration) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.PExpire(b.key(id), d) })
}

// ExpireAt makes id's key expire at tm (whole seconds).
func (b KeyCmds) ExpireAt(id string, tm time.Time) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.ExpireAt(b.key(id), tm) })
}

// TTL gives id's time to live in whole seconds; as in go-redis, a key
// without one gives -1 and a missing key -2 (nanoseconds, not seconds).
func (b KeyCmds) TTL(id string) *Future[time.Duration] {
	return run(b, func(p *Pipeline) *Future[time.Duration] { return p.TTL(b.key(id)) })
}

// PTTL is TTL in milliseconds.
func (b KeyCmds) PTTL(id string) *Future[time.Duration] {
	return run(b, func(p *Pipeline) *Future[time.Duration] { return p.PTTL(b.key(id)) })
}

// Persist removes id's time to live; false when it had none.
func (b KeyCmds) Persist(id string) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.Persist(b.key(id)) })
}

// Rename moves id's value to newID (RENAME), replacing what newID held.
// The two ids are two hash tags: on a cluster, both must hash to one slot.
func (b KeyCmds) Rename(id, newID string) *Future[string] {
	return run(b, func(p *Pipeline) *Future[string] { return p.Rename(b.key(id), b.key(newID)) })
}

// RenameNX is Rename only when newID has no key; false when it has.
func (b KeyCmds) RenameNX(id, newID string) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.RenameNX(b.key(id), b.key(newID)) })
}

// Type gives the Redis type of id's key ("string", "hash", ..., "none").
func (b KeyCmds) Type(id string) *Future[string] {
	return run(b, func(p *Pipeline) *Future[string] { return p.Type(b.key(id)) })
}

// Dump gives id's value serialized for Restore; ErrNil for a missing key.
func (b KeyCmds) Dump(id string) *Future[string] {
	return run(b, func(p *Pipeline) *Future[string] { return p.Dump(b.key(id)) })
}

// Restore creates id's key from a Dump, with ttl (0: none). It fails with
// BUSYKEY when the key exists.
func (b KeyCmds) Restore(id string, ttl time.Duration, value string) *Future[string] {
	return run(b, func(p *Pipeline) *Future[string] { return p.Restore(b.key(id), ttl, value) })
}

// SortRaw gives the elements of id's list, set or sorted set sorted with
// sort's options (nil: numerically, ascending), as stored text. BY and GET
// patterns name whole keys, not ids, and GET can give other keys' values
// or nil (as ""): no codec applies, which is why the typed keyspaces'
// Sort decodes and this stays raw.
func (b KeyCmds) SortRaw(id string, sort *Sort) *Future[[]string] {
	return run(b, func(p *Pipeline) *Future[[]string] { return p.Sort(b.key(id), sort) })
}

// PExpireAt makes id's key expire at tm, to the millisecond.
func (b KeyCmds) PExpireAt(id string, tm time.Time) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.PExpireAt(b.key(id), tm) })
}

// Touch updates the last access time of the keys of ids and gives how
// many exist. On a cluster it is split by slot like Del.
func (b KeyCmds) Touch(ids ...string) *Future[int64] {
	return run(b, func(p *Pipeline) *Future[int64] { return p.Touch(b.keys(ids)...) })
}

// Unlink is Del with the memory reclaimed in the background.
func (b KeyCmds) Unlink(ids ...string) *Future[int64] {
	return run(b, func(p *Pipeline) *Future[int64] { return p.Unlink(b.keys(ids)...) })
}

// ObjectEncoding gives Redis's internal encoding of id's value
// ("listpack", "hashtable", "int", ...); ErrNil for a missing key.
func (b KeyCmds) ObjectEncoding(id string) *Future[string] {
	return run(b, func(p *Pipeline) *Future[string] { return p.ObjectEncoding(b.key(id)) })
}

// ObjectIdleTime gives how long id's key has not been read or written,
// in whole seconds; ErrNil for a missing key.
func (b KeyCmds) ObjectIdleTime(id string) *Future[time.Duration] {
	return run(b, func(p *Pipeline) *Future[time.Duration] { return p.ObjectIdleTime(b.key(id)) })
}
