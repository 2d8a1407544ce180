package keyspace

import (
	"time"

	"github.com/redpipe-go/redpipe"
)

// Hash-field expiration (Redis 7.4+): each field of a hash can have a time
// to live of its own. The replies are one integer per field, in the order
// the fields were given, as Pipeline.HExpire and Pipeline.HTTL document
// them (-2 for a field the hash lacks). Field names are not values, so no
// codec is involved: an undeclared field can be expired as HDel can
// delete it.

// HExpire sets the fields' time to live in whole seconds: per field 1 set,
// 0 its condition was not met, 2 deleted (a time to live of 0), -2 no such
// field.
func (b HashCmds) HExpire(id string, expiration time.Duration, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HExpire(b.key(id), expiration, fields...) })
}

// HExpireWithArgs is HExpire only where args' condition (NX, XX, GT, LT) holds.
func (b HashCmds) HExpireWithArgs(id string, expiration time.Duration, args redpipe.HExpireArgs, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] {
		return p.HExpireWithArgs(b.key(id), expiration, args, fields...)
	})
}

// HPExpire is HExpire in milliseconds.
func (b HashCmds) HPExpire(id string, expiration time.Duration, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] {
		return p.HPExpire(b.key(id), expiration, fields...)
	})
}

// HPExpireWithArgs is HPExpire only where args' condition holds.
func (b HashCmds) HPExpireWithArgs(id string, expiration time.Duration, args redpipe.HExpireArgs, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] {
		return p.HPExpireWithArgs(b.key(id), expiration, args, fields...)
	})
}

// HExpireAt makes the fields expire at tm (whole seconds); a tm in the
// past deletes them (2).
func (b HashCmds) HExpireAt(id string, tm time.Time, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HExpireAt(b.key(id), tm, fields...) })
}

// HExpireAtWithArgs is HExpireAt only where args' condition holds.
func (b HashCmds) HExpireAtWithArgs(id string, tm time.Time, args redpipe.HExpireArgs, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] {
		return p.HExpireAtWithArgs(b.key(id), tm, args, fields...)
	})
}

// HPExpireAt is HExpireAt to the millisecond.
func (b HashCmds) HPExpireAt(id string, tm time.Time, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HPExpireAt(b.key(id), tm, fields...) })
}

// HPExpireAtWithArgs is HPExpireAt only where args' condition holds.
func (b HashCmds) HPExpireAtWithArgs(id string, tm time.Time, args redpipe.HExpireArgs, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] {
		return p.HPExpireAtWithArgs(b.key(id), tm, args, fields...)
	})
}

// HPersist removes the fields' time to live: per field 1 removed, -1 it
// had none, -2 no such field.
func (b HashCmds) HPersist(id string, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HPersist(b.key(id), fields...) })
}

// HTTL gives the fields' time to live in seconds: -1 none, -2 no such field.
func (b HashCmds) HTTL(id string, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HTTL(b.key(id), fields...) })
}

// HPTTL is HTTL in milliseconds.
func (b HashCmds) HPTTL(id string, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HPTTL(b.key(id), fields...) })
}

// HExpireTime gives when the fields expire, in Unix seconds: -1 never,
// -2 no such field.
func (b HashCmds) HExpireTime(id string, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HExpireTime(b.key(id), fields...) })
}

// HPExpireTime is HExpireTime in Unix milliseconds.
func (b HashCmds) HPExpireTime(id string, fields ...string) *redpipe.Future[[]int64] {
	return run(b.KeyCmds, func(p *redpipe.Pipeline) *redpipe.Future[[]int64] { return p.HPExpireTime(b.key(id), fields...) })
}
