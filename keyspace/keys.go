package keyspace

import (
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

// The generic key commands, shared by every keyspace through KeyCmds.
// Commands over several ids (Del, Exists, Rename, ...) touch several hash
// tags: on a cluster they are split by slot where Redis allows it (DEL,
// EXISTS) and otherwise refused with ErrCrossSlot.

// Del deletes the keys of ids and gives how many existed.
func (b KeyCmds) Del(ids ...string) *redpipe.Future[int64] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.Del(b.keys(ids)...) })
}

// Exists gives how many of ids have a key (an id given twice counts twice).
func (b KeyCmds) Exists(ids ...string) *redpipe.Future[int64] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.Exists(b.keys(ids)...) })
}

// Expire sets id's time to live, rounded up to whole seconds; false when
// the key does not exist.
func (b KeyCmds) Expire(id string, d time.Duration) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.Expire(b.key(id), d) })
}

// PExpire sets id's time to live in milliseconds.
func (b KeyCmds) PExpire(id string, d time.Duration) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.PExpire(b.key(id), d) })
}

// ExpireAt makes id's key expire at tm (whole seconds).
func (b KeyCmds) ExpireAt(id string, tm time.Time) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.ExpireAt(b.key(id), tm) })
}

// TTL gives id's time to live in whole seconds; as in go-redis, a key
// without one gives -1 and a missing key -2 (nanoseconds, not seconds).
func (b KeyCmds) TTL(id string) *redpipe.Future[time.Duration] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[time.Duration] { return p.TTL(b.key(id)) })
}

// PTTL is TTL in milliseconds.
func (b KeyCmds) PTTL(id string) *redpipe.Future[time.Duration] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[time.Duration] { return p.PTTL(b.key(id)) })
}

// Persist removes id's time to live; false when it had none.
func (b KeyCmds) Persist(id string) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.Persist(b.key(id)) })
}

// Rename moves id's value to newID (RENAME), replacing what newID held.
// The two ids are two hash tags: on a cluster, both must hash to one slot.
func (b KeyCmds) Rename(id, newID string) *redpipe.Future[string] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.Rename(b.key(id), b.key(newID)) })
}

// RenameNX is Rename only when newID has no key; false when it has.
func (b KeyCmds) RenameNX(id, newID string) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.RenameNX(b.key(id), b.key(newID)) })
}

// Type gives the Redis type of id's key ("string", "hash", ..., "none").
func (b KeyCmds) Type(id string) *redpipe.Future[string] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.Type(b.key(id)) })
}

// Dump gives id's value serialized for Restore; ErrNil for a missing key.
func (b KeyCmds) Dump(id string) *redpipe.Future[string] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.Dump(b.key(id)) })
}

// Restore creates id's key from a Dump, with ttl (0: none). It fails with
// BUSYKEY when the key exists.
func (b KeyCmds) Restore(id string, ttl time.Duration, value string) *redpipe.Future[string] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.Restore(b.key(id), ttl, value) })
}

// SortRaw gives the elements of id's list, set or sorted set sorted with
// sort's options (nil: numerically, ascending), as stored text. BY and GET
// patterns name whole keys, not ids, and GET can give other keys' values
// or nil (as ""): no codec applies, which is why the typed keyspaces'
// Sort decodes and this stays raw.
func (b KeyCmds) SortRaw(id string, sort *redpipe.Sort) *redpipe.Future[[]string] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[[]string] { return p.Sort(b.key(id), sort) })
}

// PExpireAt makes id's key expire at tm, to the millisecond.
func (b KeyCmds) PExpireAt(id string, tm time.Time) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.PExpireAt(b.key(id), tm) })
}

// Touch updates the last access time of the keys of ids and gives how
// many exist. On a cluster it is split by slot like Del.
func (b KeyCmds) Touch(ids ...string) *redpipe.Future[int64] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.Touch(b.keys(ids)...) })
}

// Unlink is Del with the memory reclaimed in the background.
func (b KeyCmds) Unlink(ids ...string) *redpipe.Future[int64] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[int64] { return p.Unlink(b.keys(ids)...) })
}

// ObjectEncoding gives Redis's internal encoding of id's value
// ("listpack", "hashtable", "int", ...); ErrNil for a missing key.
func (b KeyCmds) ObjectEncoding(id string) *redpipe.Future[string] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[string] { return p.ObjectEncoding(b.key(id)) })
}

// ObjectIdleTime gives how long id's key has not been read or written,
// in whole seconds; ErrNil for a missing key.
func (b KeyCmds) ObjectIdleTime(id string) *redpipe.Future[time.Duration] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[time.Duration] { return p.ObjectIdleTime(b.key(id)) })
}

// ExpireNX sets id's time to live only if it has none.
func (b KeyCmds) ExpireNX(id string, d time.Duration) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.ExpireNX(b.key(id), d) })
}

// ExpireXX sets id's time to live only if it has one.
func (b KeyCmds) ExpireXX(id string, d time.Duration) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.ExpireXX(b.key(id), d) })
}

// ExpireGT sets id's time to live only if that makes it later (no time to
// live counts as infinite, so it is never replaced).
func (b KeyCmds) ExpireGT(id string, d time.Duration) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.ExpireGT(b.key(id), d) })
}

// ExpireLT sets id's time to live only if that makes it sooner (a key
// without one gets it).
func (b KeyCmds) ExpireLT(id string, d time.Duration) *redpipe.Future[bool] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[bool] { return p.ExpireLT(b.key(id), d) })
}

// ExpireTime gives when id's key expires, in whole seconds since the Unix
// epoch as a Duration; -1 without an expiry and -2 for a missing key, as
// go-redis gives them (nanoseconds, not seconds).
func (b KeyCmds) ExpireTime(id string) *redpipe.Future[time.Duration] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[time.Duration] { return p.ExpireTime(b.key(id)) })
}

// PExpireTime is ExpireTime to the millisecond.
func (b KeyCmds) PExpireTime(id string) *redpipe.Future[time.Duration] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[time.Duration] { return p.PExpireTime(b.key(id)) })
}

// Copy copies id's value to destID (one slot on a cluster), replacing what
// destID holds only with replace: 1 if copied, 0 if not. Unlike
// Pipeline.Copy it has no DB argument: a keyspace lives in its
// connection's database, and a cluster has only database 0.
func (b KeyCmds) Copy(id, destID string, replace bool) *redpipe.Future[int64] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[int64] {
		cmd := domain.NewBuilder(false, domain.KeysFrom(1, 3), "COPY", b.key(id), b.key(destID))
		if replace {
			cmd.Str("REPLACE")
		}
		return queueBuilt(p, domain.Int64, cmd)
	})
}
