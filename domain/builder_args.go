package domain

import (
	"strconv"
	"time"
)

// How option values become arguments, in one copy for package redpipe's
// typed methods and for the packages that build the same commands over
// ids (keyspace): each takes the fields of the argument struct it serves.

// Seconds and Millis format a duration in whole seconds or milliseconds,
// rounding a positive duration too short for the unit up to 1 (as go-redis
// does) rather than down to 0, which Redis would read as "now".
func Seconds(d time.Duration) string {
	if d > 0 && d < time.Second {
		return "1"
	}
	return strconv.FormatInt(int64(d/time.Second), 10)
}

// Millis is Seconds in milliseconds.
func Millis(d time.Duration) string {
	if d > 0 && d < time.Millisecond {
		return "1"
	}
	return strconv.FormatInt(int64(d/time.Millisecond), 10)
}

// Precise reports whether d needs milliseconds (PX, PEXPIRE) rather than seconds.
func Precise(d time.Duration) bool { return d < time.Second || d%time.Second != 0 }

// Timeout formats a blocking command's timeout in seconds, with a
// fraction when d is not whole seconds (Redis reads it as a double), so a
// short timeout never turns into 0, which blocks forever.
func Timeout(d time.Duration) string {
	if d%time.Second == 0 {
		return strconv.FormatInt(int64(d/time.Second), 10)
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

// AppendScan appends SCAN's [MATCH match] [COUNT count].
func (b *Builder) AppendScan(match string, count int64) *Builder {
	if match != "" {
		b.Str("MATCH", match)
	}
	if count > 0 {
		b.Str("COUNT", strconv.FormatInt(count, 10))
	}
	return b
}

// AppendLimit appends LIMIT offset count when either is not 0.
func (b *Builder) AppendLimit(offset, count int64) *Builder {
	if offset != 0 || count != 0 {
		b.Str("LIMIT", strconv.FormatInt(offset, 10), strconv.FormatInt(count, 10))
	}
	return b
}

// AppendRangeBy appends the bounds of ZRANGEBYSCORE / ZRANGEBYLEX (max
// first for the REV forms), WITHSCORES when asked, and LIMIT.
func (b *Builder) AppendRangeBy(min, max string, offset, count int64, rev, withScores bool) *Builder {
	if rev {
		min, max = max, min
	}
	b.Str(min, max)
	if withScores {
		b.Str("WITHSCORES")
	}
	return b.AppendLimit(offset, count)
}

// AppendZStore appends numkeys keys... [WEIGHTS w...] [AGGREGATE a] of
// ZUNION, ZINTER and their STORE forms.
func (b *Builder) AppendZStore(keys []string, weights []float64, aggregate string) *Builder {
	b.Str(strconv.Itoa(len(keys)))
	b.Str(keys...)
	if len(weights) > 0 {
		b.Str("WEIGHTS")
		for _, w := range weights {
			b.Str(FormatFloat(w))
		}
	}
	if aggregate != "" {
		b.Str("AGGREGATE", aggregate)
	}
	return b
}

// AppendZAddFlags appends ZADD's flags: NX wins over XX, GT over LT (NX
// excludes GT and LT), as in go-redis.
func (b *Builder) AppendZAddFlags(nx, xx, gt, lt, ch, incr bool) *Builder {
	if nx {
		b.Str("NX")
	} else {
		if xx {
			b.Str("XX")
		}
		if gt {
			b.Str("GT")
		} else if lt {
			b.Str("LT")
		}
	}
	if ch {
		b.Str("CH")
	}
	if incr {
		b.Str("INCR")
	}
	return b
}

// AppendSort appends SORT's [BY by] [LIMIT] [GET g]... [order] [ALPHA].
func (b *Builder) AppendSort(by string, offset, count int64, get []string, order string, alpha bool) *Builder {
	if by != "" {
		b.Str("BY", by)
	}
	b.AppendLimit(offset, count)
	for _, g := range get {
		b.Str("GET", g)
	}
	if order != "" {
		b.Str(order)
	}
	if alpha {
		b.Str("ALPHA")
	}
	return b
}

// AppendStreamRead adds XREAD's and XREADGROUP's COUNT, MAXCOUNT, MAXSIZE
// and BLOCK: each when positive, BLOCK whenever block >= 0 (0 blocks for
// ever), in milliseconds.
func (b *Builder) AppendStreamRead(count, maxCount, maxSize int64, block time.Duration) *Builder {
	if count > 0 {
		b.Str("COUNT", strconv.FormatInt(count, 10))
	}
	if maxCount > 0 {
		b.Str("MAXCOUNT", strconv.FormatInt(maxCount, 10))
	}
	if maxSize > 0 {
		b.Str("MAXSIZE", strconv.FormatInt(maxSize, 10))
	}
	if block >= 0 {
		b.Str("BLOCK", Millis(block))
	}
	return b
}
