package redpipe

import (
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// ExpireNX sets id's time to live only if it has none.
func (b KeyCmds) ExpireNX(id string, d time.Duration) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.ExpireNX(b.key(id), d) })
}

// ExpireXX sets id's time to live only if it has one.
func (b KeyCmds) ExpireXX(id string, d time.Duration) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.ExpireXX(b.key(id), d) })
}

// ExpireGT sets id's time to live only if that makes it later (no time to
// live counts as infinite, so it is never replaced).
func (b KeyCmds) ExpireGT(id string, d time.Duration) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.ExpireGT(b.key(id), d) })
}

// ExpireLT sets id's time to live only if that makes it sooner (a key
// without one gets it).
func (b KeyCmds) ExpireLT(id string, d time.Duration) *Future[bool] {
	return run(b, func(p *Pipeline) *Future[bool] { return p.ExpireLT(b.key(id), d) })
}

// ExpireTime gives when id's key expires, in whole seconds since the Unix
// epoch as a Duration; -1 without an expiry and -2 for a missing key, as
// go-redis gives them (nanoseconds, not seconds).
func (b KeyCmds) ExpireTime(id string) *Future[time.Duration] {
	return run(b, func(p *Pipeline) *Future[time.Duration] { return p.ExpireTime(b.key(id)) })
}

// PExpireTime is ExpireTime to the millisecond.
func (b KeyCmds) PExpireTime(id string) *Future[time.Duration] {
	return run(b, func(p *Pipeline) *Future[time.Duration] { return p.PExpireTime(b.key(id)) })
}

// Copy copies id's value to destID (one slot on a cluster), replacing what
// destID holds only with replace: 1 if copied, 0 if not. Unlike
// Pipeline.Copy it has no DB argument: a keyspace lives in its
// connection's database, and a cluster has only database 0.
func (b KeyCmds) Copy(id, destID string, replace bool) *Future[int64] {
	return run(b, func(p *Pipeline) *Future[int64] {
		cmd := newBuilder(false, domain.KeysFrom(1, 3), "COPY", b.key(id), b.key(destID))
		if replace {
			cmd.str("REPLACE")
		}
		return queueBuilt(p, domain.Int64, cmd)
	})
}
