package redpipe

// Keys: Del Unlink Exists Touch Dump Restore[Replace] Expire[NX|XX|GT|LT]
// ExpireAt PExpire[At] [P]ExpireTime [P]TTL Persist Keys RandomKey Rename[NX]
// Copy Move Migrate Type Object* Sort SortRO SortStore SortInterfaces Scan
// ScanType — argument struct Sort beside them.

import (
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// ScanResult is one page of SCAN, HSCAN, SSCAN or ZSCAN: the keys (for
// HSCAN fields and values in turn, for ZSCAN members and scores in turn)
// and the cursor for the next call, 0 when the iteration is complete.
type ScanResult = domain.ScanResult

// Del queues DEL keys... and gives the number of keys removed.
func (p *Pipeline) Del(keys ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "DEL").Str(keys...).KeysFrom(1))
}

// Unlink queues UNLINK keys... and gives the number of keys removed.
func (p *Pipeline) Unlink(keys ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "UNLINK").Str(keys...).KeysFrom(1))
}

// Exists queues EXISTS keys... and gives how many of them exist (a key
// named twice counts twice).
func (p *Pipeline) Exists(keys ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(true, nil, "EXISTS").Str(keys...).KeysFrom(1))
}

// Touch queues TOUCH keys... and gives how many of them exist.
func (p *Pipeline) Touch(keys ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(true, nil, "TOUCH").Str(keys...).KeysFrom(1))
}

// Dump queues DUMP key: the serialized value, for Restore. A missing key gives ErrNil.
func (p *Pipeline) Dump(key string) *Future[string] {
	return queueKey(p, domain.String, true, "DUMP", key)
}

// Restore queues RESTORE key ttl value (ttl 0: no expiry).
func (p *Pipeline) Restore(key string, ttl time.Duration, value string) *Future[string] {
	return queueKey(p, domain.Status, false, "RESTORE", key, domain.Millis(ttl), value)
}

// RestoreReplace queues RESTORE key ttl value REPLACE.
func (p *Pipeline) RestoreReplace(key string, ttl time.Duration, value string) *Future[string] {
	return queueKey(p, domain.Status, false, "RESTORE", key, domain.Millis(ttl), value, "REPLACE")
}

// expire queues EXPIRE key seconds [mode], or PEXPIRE key ms [mode] when
// d has a sub-second part.
func (p *Pipeline) expire(key string, d time.Duration, mode ...string) *Future[bool] {
	if d%time.Second != 0 {
		return queueKey(p, domain.Bool, false, "PEXPIRE", key, append([]string{domain.Millis(d)}, mode...)...)
	}
	return queueKey(p, domain.Bool, false, "EXPIRE", key, append([]string{strconv.FormatInt(int64(d/time.Second), 10)}, mode...)...)
}

// Expire queues EXPIRE key seconds (PEXPIRE when d has a sub-second part).
// It gives false when the key does not exist.
func (p *Pipeline) Expire(key string, d time.Duration) *Future[bool] {
	return p.expire(key, d)
}

// ExpireNX queues EXPIRE key seconds NX: only if the key has no expiry.
func (p *Pipeline) ExpireNX(key string, d time.Duration) *Future[bool] { return p.expire(key, d, "NX") }

// ExpireXX queues EXPIRE key seconds XX: only if the key has an expiry.
func (p *Pipeline) ExpireXX(key string, d time.Duration) *Future[bool] { return p.expire(key, d, "XX") }

// ExpireGT queues EXPIRE key seconds GT: only if the new expiry is later.
func (p *Pipeline) ExpireGT(key string, d time.Duration) *Future[bool] { return p.expire(key, d, "GT") }

// ExpireLT queues EXPIRE key seconds LT: only if the new expiry is sooner.
func (p *Pipeline) ExpireLT(key string, d time.Duration) *Future[bool] { return p.expire(key, d, "LT") }

// ExpireAt queues EXPIREAT key unix-seconds. It gives false when the key does not exist.
func (p *Pipeline) ExpireAt(key string, tm time.Time) *Future[bool] {
	return queueKey(p, domain.Bool, false, "EXPIREAT", key, itoa(tm.Unix()))
}

// PExpire queues PEXPIRE key milliseconds. It gives false when the key does not exist.
func (p *Pipeline) PExpire(key string, d time.Duration) *Future[bool] {
	return queueKey(p, domain.Bool, false, "PEXPIRE", key, domain.Millis(d))
}

// PExpireAt queues PEXPIREAT key unix-milliseconds. It gives false when the key does not exist.
func (p *Pipeline) PExpireAt(key string, tm time.Time) *Future[bool] {
	return queueKey(p, domain.Bool, false, "PEXPIREAT", key, itoa(tm.UnixMilli()))
}

// ExpireTime queues EXPIRETIME key: the expiry as seconds since the Unix
// epoch (a Duration), -1 (no expiry) or -2 (no key) as go-redis gives them.
func (p *Pipeline) ExpireTime(key string) *Future[time.Duration] {
	return queueKey(p, domain.Duration(time.Second), true, "EXPIRETIME", key)
}

// PExpireTime queues PEXPIRETIME key: as ExpireTime, in milliseconds.
func (p *Pipeline) PExpireTime(key string) *Future[time.Duration] {
	return queueKey(p, domain.Duration(time.Millisecond), true, "PEXPIRETIME", key)
}

// TTL queues TTL key: the time to live, or -1 (time.Duration(-1): no
// expiry) or -2 (no key), as go-redis gives them.
func (p *Pipeline) TTL(key string) *Future[time.Duration] {
	return queueKey(p, domain.Duration(time.Second), true, "TTL", key)
}

// PTTL queues PTTL key: as TTL, with millisecond precision.
func (p *Pipeline) PTTL(key string) *Future[time.Duration] {
	return queueKey(p, domain.Duration(time.Millisecond), true, "PTTL", key)
}

// Persist queues PERSIST key: false when the key has no expiry or does not exist.
func (p *Pipeline) Persist(key string) *Future[bool] {
	return queueKey(p, domain.Bool, false, "PERSIST", key)
}

// Keys queues KEYS pattern. A pattern starting with a literal hash tag
// ("{user1}:*") goes to the cluster node of that tag.
func (p *Pipeline) Keys(pattern string) *Future[[]string] {
	return queueBuilt(p, domain.Strings, domain.NewBuilder(true, nil, "KEYS", pattern).Described())
}

// RandomKey queues RANDOMKEY. An empty database gives ErrNil.
func (p *Pipeline) RandomKey() *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(true, nil, "RANDOMKEY"))
}

// Rename queues RENAME key newkey.
func (p *Pipeline) Rename(key, newkey string) *Future[string] {
	return queueBuilt(p, domain.Status, domain.NewBuilder(false, domain.KeysFrom(1, 3), "RENAME", key, newkey))
}

// RenameNX queues RENAMENX key newkey: false when newkey exists.
func (p *Pipeline) RenameNX(key, newkey string) *Future[bool] {
	return queueBuilt(p, domain.Bool, domain.NewBuilder(false, domain.KeysFrom(1, 3), "RENAMENX", key, newkey))
}

// Copy queues COPY sourceKey destKey DB db [REPLACE]: 1 if copied, 0 if not.
func (p *Pipeline) Copy(sourceKey, destKey string, db int, replace bool) *Future[int64] {
	b := domain.NewBuilder(false, domain.KeysFrom(1, 3), "COPY", sourceKey, destKey, "DB", itoa(int64(db)))
	if replace {
		b.Str("REPLACE")
	}
	return queueBuilt(p, domain.Int64, b)
}

// Move queues MOVE key db: false when not moved.
func (p *Pipeline) Move(key string, db int) *Future[bool] {
	return queueKey(p, domain.Bool, false, "MOVE", key, itoa(int64(db)))
}

// Migrate queues MIGRATE host port key db timeout.
func (p *Pipeline) Migrate(host, port, key string, db int, timeout time.Duration) *Future[string] {
	return queueBuilt(p, domain.Status, domain.NewBuilder(false, domain.KeysFrom(3, 4),
		"MIGRATE", host, port, key, itoa(int64(db)), domain.Millis(timeout)))
}

// Type queues TYPE key: "string", "list", ..., or "none".
func (p *Pipeline) Type(key string) *Future[string] {
	return queueKey(p, domain.Status, true, "TYPE", key)
}

// ObjectEncoding queues OBJECT ENCODING key. A missing key gives ErrNil.
func (p *Pipeline) ObjectEncoding(key string) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(true, domain.KeysFrom(2, 3), "OBJECT", "ENCODING", key))
}

// ObjectRefCount queues OBJECT REFCOUNT key. A missing key gives ErrNil.
func (p *Pipeline) ObjectRefCount(key string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(true, domain.KeysFrom(2, 3), "OBJECT", "REFCOUNT", key))
}

// ObjectFreq queues OBJECT FREQ key (an LFU maxmemory-policy only). A
// missing key gives ErrNil.
func (p *Pipeline) ObjectFreq(key string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(true, domain.KeysFrom(2, 3), "OBJECT", "FREQ", key))
}

// ObjectIdleTime queues OBJECT IDLETIME key. A missing key gives ErrNil.
func (p *Pipeline) ObjectIdleTime(key string) *Future[time.Duration] {
	return queueBuilt(p, domain.Duration(time.Second), domain.NewBuilder(true, domain.KeysFrom(2, 3), "OBJECT", "IDLETIME", key))
}

// Sort are SORT's options.
type Sort struct {
	By            string   // BY pattern
	Offset, Count int64    // LIMIT offset count, when either is not 0
	Get           []string // GET pattern, for each
	Order         string   // "ASC" or "DESC"
	Alpha         bool     // ALPHA
}

func (s *Sort) appendTo(b *domain.Builder) *domain.Builder {
	if s == nil {
		return b
	}
	return b.AppendSort(s.By, s.Offset, s.Count, s.Get, s.Order, s.Alpha)
}

// Sort queues SORT key with sort's options (nil: none).
func (p *Pipeline) Sort(key string, sort *Sort) *Future[[]string] {
	return queueBuilt(p, domain.Strings, sort.appendTo(domain.KeyCmd(false, "SORT", key)))
}

// SortRO queues SORT_RO key with sort's options.
func (p *Pipeline) SortRO(key string, sort *Sort) *Future[[]string] {
	return queueBuilt(p, domain.Strings, sort.appendTo(domain.KeyCmd(true, "SORT_RO", key)))
}

// SortStore queues SORT key ... STORE store and gives the stored list's length.
func (p *Pipeline) SortStore(key, store string, sort *Sort) *Future[int64] {
	b := sort.appendTo(domain.KeyCmd(false, "SORT", key))
	if store != "" {
		b.Str("STORE", store)
	}
	return queueBuilt(p, domain.Int64, b.Described())
}

// SortInterfaces queues SORT key with sort's options; a GET of a missing
// key is a nil element.
func (p *Pipeline) SortInterfaces(key string, sort *Sort) *Future[[]any] {
	return queueBuilt(p, domain.Values, sort.appendTo(domain.KeyCmd(false, "SORT", key)))
}

// Scan queues SCAN cursor [MATCH match] [COUNT count]. A match pattern
// starting with a literal hash tag ("{user1}:*") goes to the cluster node
// of that tag, so iterating it there finds every matching key.
func (p *Pipeline) Scan(cursor uint64, match string, count int64) *Future[ScanResult] {
	b := domain.NewBuilder(true, nil, "SCAN", utoa(cursor)).AppendScan(match, count)
	return queueBuilt(p, domain.Scan, b.Described())
}

// ScanType queues SCAN cursor [MATCH match] [COUNT count] [TYPE keyType].
func (p *Pipeline) ScanType(cursor uint64, match string, count int64, keyType string) *Future[ScanResult] {
	b := domain.NewBuilder(true, nil, "SCAN", utoa(cursor)).AppendScan(match, count)
	if keyType != "" {
		b.Str("TYPE", keyType)
	}
	return queueBuilt(p, domain.Scan, b.Described())
}
