package redpipe

// Hashes: HGet HGetAll HSet HMSet HSetNX HDel HExists HIncrBy HIncrByFloat HKeys
// HVals HLen HStrLen HMGet HRandField[WithValues] HScan[NoValues], field expiry
// H[P]Expire[At][WithArgs] HPersist H[P]ExpireTime H[P]TTL, HGetDel
// HGetEX[WithArgs] HSetEX[WithArgs] — argument structs HExpireArgs,
// HGetEXOptions, HSetEXOptions beside them. In commands_hash_import.go
// (Redis 8.10+): HImportPrepare HImportSet HImportDiscard HImportDiscardAll.

import (
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// KeyValue is a field and its value (HRandFieldWithValues).
type KeyValue = domain.KeyValue

// HGetAll queues HGETALL key. A missing key gives an empty map.
func (p *Pipeline) HGetAll(key string) *Future[map[string]string] {
	return queueKey(p, domain.StringMap, true, "HGETALL", key)
}

// HGet queues HGET key field. A missing key or field gives ErrNil.
func (p *Pipeline) HGet(key, field string) *Future[string] {
	return queueKey(p, domain.String, true, "HGET", key, field)
}

// HSet queues HSET key field value [field value ...] and gives the number
// of fields added. The pairs may also be given as one []string or []any.
func (p *Pipeline) HSet(key string, values ...any) *Future[int64] {
	return queueBuilt(p, domain.Int64, appendValues(domain.KeyCmd(false, "HSET", key), values))
}

// HMSet queues HMSET key field value [field value ...]: true when done.
func (p *Pipeline) HMSet(key string, values ...any) *Future[bool] {
	return queueBuilt(p, domain.OK, appendValues(domain.KeyCmd(false, "HMSET", key), values))
}

// HSetNX queues HSETNX key field value: false when the field existed.
func (p *Pipeline) HSetNX(key, field string, value any) *Future[bool] {
	return queueBuilt(p, domain.Bool, domain.KeyCmd(false, "HSETNX", key).Str(field).Val(value))
}

// HDel queues HDEL key fields... and gives the number of fields removed.
func (p *Pipeline) HDel(key string, fields ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "HDEL", key).Str(fields...))
}

// HExists queues HEXISTS key field.
func (p *Pipeline) HExists(key, field string) *Future[bool] {
	return queueKey(p, domain.Bool, true, "HEXISTS", key, field)
}

// HIncrBy queues HINCRBY key field incr and gives the new value.
func (p *Pipeline) HIncrBy(key, field string, incr int64) *Future[int64] {
	return queueKey(p, domain.Int64, false, "HINCRBY", key, field, itoa(incr))
}

// HIncrByFloat queues HINCRBYFLOAT key field incr and gives the new value.
func (p *Pipeline) HIncrByFloat(key, field string, incr float64) *Future[float64] {
	return queueKey(p, domain.Float64, false, "HINCRBYFLOAT", key, field, ftoa(incr))
}

// HKeys queues HKEYS key.
func (p *Pipeline) HKeys(key string) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "HKEYS", key)
}

// HVals queues HVALS key.
func (p *Pipeline) HVals(key string) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "HVALS", key)
}

// HLen queues HLEN key.
func (p *Pipeline) HLen(key string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "HLEN", key)
}

// HStrLen queues HSTRLEN key field (0 for a missing field).
func (p *Pipeline) HStrLen(key, field string) *Future[int64] {
	return queueKey(p, domain.Int64, true, "HSTRLEN", key, field)
}

// HMGet queues HMGET key fields...; a missing field is a nil element.
func (p *Pipeline) HMGet(key string, fields ...string) *Future[[]any] {
	return queueBuilt(p, domain.Values, domain.KeyCmd(true, "HMGET", key).Str(fields...))
}

// HRandField queues HRANDFIELD key count: up to count distinct fields, or
// |count| fields with repeats when count is negative.
func (p *Pipeline) HRandField(key string, count int) *Future[[]string] {
	return queueKey(p, domain.Strings, true, "HRANDFIELD", key, itoa(int64(count)))
}

// HRandFieldWithValues queues HRANDFIELD key count WITHVALUES.
func (p *Pipeline) HRandFieldWithValues(key string, count int) *Future[[]KeyValue] {
	return queueKey(p, domain.KeyValueSlice, true, "HRANDFIELD", key, itoa(int64(count)), "WITHVALUES")
}

// HScan queues HSCAN key cursor [MATCH match] [COUNT count]: Keys holds
// fields and values in turn.
func (p *Pipeline) HScan(key string, cursor uint64, match string, count int64) *Future[ScanResult] {
	return queueBuilt(p, domain.Scan, domain.KeyCmd(true, "HSCAN", key).Str(utoa(cursor)).AppendScan(match, count))
}

// HScanNoValues queues HSCAN key cursor [MATCH match] [COUNT count]
// NOVALUES (Redis 7.4+): Keys holds fields only.
func (p *Pipeline) HScanNoValues(key string, cursor uint64, match string, count int64) *Future[ScanResult] {
	b := domain.KeyCmd(true, "HSCAN", key).Str(utoa(cursor)).AppendScan(match, count)
	return queueBuilt(p, domain.Scan, b.Str("NOVALUES"))
}

// HExpireArgs is the condition of the HEXPIRE family (Redis 7.4+): at most
// one of NX, XX, GT, LT, in that order of precedence.
type HExpireArgs struct {
	NX bool
	XX bool
	GT bool
	LT bool
}

func (a HExpireArgs) appendTo(b *domain.Builder) *domain.Builder {
	switch {
	case a.NX:
		b.Str("NX")
	case a.XX:
		b.Str("XX")
	case a.GT:
		b.Str("GT")
	case a.LT:
		b.Str("LT")
	}
	return b
}

// hashFields adds FIELDS n field ... (the field-expiration commands).
func hashFields(b *domain.Builder, fields []string) *domain.Builder {
	return b.Str("FIELDS", itoa(int64(len(fields)))).Str(fields...)
}

// HExpire queues HEXPIRE key seconds FIELDS n field ... (Redis 7.4+): per
// field 1 set, 0 condition not met, 2 deleted (expiry in the past), -2 no field.
func (p *Pipeline) HExpire(key string, expiration time.Duration, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(false, "HEXPIRE", key).Str(domain.Seconds(expiration)), fields))
}

// HExpireWithArgs queues HEXPIRE key seconds [NX|XX|GT|LT] FIELDS n field ...
func (p *Pipeline) HExpireWithArgs(key string, expiration time.Duration, args HExpireArgs, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(args.appendTo(domain.KeyCmd(false, "HEXPIRE", key).Str(domain.Seconds(expiration))), fields))
}

// HPExpire queues HPEXPIRE key milliseconds FIELDS n field ... (Redis 7.4+).
func (p *Pipeline) HPExpire(key string, expiration time.Duration, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(false, "HPEXPIRE", key).Str(domain.Millis(expiration)), fields))
}

// HPExpireWithArgs queues HPEXPIRE key milliseconds [NX|XX|GT|LT] FIELDS n field ...
func (p *Pipeline) HPExpireWithArgs(key string, expiration time.Duration, args HExpireArgs, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(args.appendTo(domain.KeyCmd(false, "HPEXPIRE", key).Str(domain.Millis(expiration))), fields))
}

// HExpireAt queues HEXPIREAT key unix-seconds FIELDS n field ... (Redis 7.4+).
func (p *Pipeline) HExpireAt(key string, tm time.Time, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(false, "HEXPIREAT", key).Str(itoa(tm.Unix())), fields))
}

// HExpireAtWithArgs queues HEXPIREAT key unix-seconds [NX|XX|GT|LT] FIELDS n field ...
func (p *Pipeline) HExpireAtWithArgs(key string, tm time.Time, args HExpireArgs, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(args.appendTo(domain.KeyCmd(false, "HEXPIREAT", key).Str(itoa(tm.Unix()))), fields))
}

// HPExpireAt queues HPEXPIREAT key unix-milliseconds FIELDS n field ... (Redis 7.4+).
func (p *Pipeline) HPExpireAt(key string, tm time.Time, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(false, "HPEXPIREAT", key).Str(itoa(tm.UnixMilli())), fields))
}

// HPExpireAtWithArgs queues HPEXPIREAT key unix-milliseconds [NX|XX|GT|LT] FIELDS n field ...
func (p *Pipeline) HPExpireAtWithArgs(key string, tm time.Time, args HExpireArgs, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(args.appendTo(domain.KeyCmd(false, "HPEXPIREAT", key).Str(itoa(tm.UnixMilli()))), fields))
}

// HPersist queues HPERSIST key FIELDS n field ... (Redis 7.4+).
func (p *Pipeline) HPersist(key string, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(false, "HPERSIST", key), fields))
}

// HExpireTime queues HEXPIRETIME key FIELDS n field ... (Redis 7.4+).
func (p *Pipeline) HExpireTime(key string, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(true, "HEXPIRETIME", key), fields))
}

// HPExpireTime queues HPEXPIRETIME key FIELDS n field ... (Redis 7.4+).
func (p *Pipeline) HPExpireTime(key string, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(true, "HPEXPIRETIME", key), fields))
}

// HTTL queues HTTL key FIELDS n field ... (Redis 7.4+): seconds per field,
// -1 no expiry, -2 no field.
func (p *Pipeline) HTTL(key string, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(true, "HTTL", key), fields))
}

// HPTTL queues HPTTL key FIELDS n field ... (Redis 7.4+).
func (p *Pipeline) HPTTL(key string, fields ...string) *Future[[]int64] {
	return queueBuilt(p, domain.Int64s, hashFields(domain.KeyCmd(true, "HPTTL", key), fields))
}

// HGetDel queues HGETDEL key FIELDS n field ... (Redis 8.0+): the values,
// "" for a missing field.
func (p *Pipeline) HGetDel(key string, fields ...string) *Future[[]string] {
	return queueBuilt(p, domain.Strings, hashFields(domain.KeyCmd(false, "HGETDEL", key), fields))
}

// HGetEXExpirationType is HGETEX's expiration option (Redis 8.0+).
type HGetEXExpirationType string

const (
	HGetEXExpirationEX      HGetEXExpirationType = "EX"
	HGetEXExpirationPX      HGetEXExpirationType = "PX"
	HGetEXExpirationEXAT    HGetEXExpirationType = "EXAT"
	HGetEXExpirationPXAT    HGetEXExpirationType = "PXAT"
	HGetEXExpirationPERSIST HGetEXExpirationType = "PERSIST"
)

// HGetEXOptions are HGETEX's options.
type HGetEXOptions struct {
	ExpirationType HGetEXExpirationType
	ExpirationVal  int64
}

// HGetEX queues HGETEX key FIELDS n field ... (Redis 8.0+).
func (p *Pipeline) HGetEX(key string, fields ...string) *Future[[]string] {
	return queueBuilt(p, domain.Strings, hashFields(domain.KeyCmd(false, "HGETEX", key), fields))
}

// HGetEXWithArgs queues HGETEX key [EX|PX|EXAT|PXAT n | PERSIST] FIELDS n field ...
func (p *Pipeline) HGetEXWithArgs(key string, options *HGetEXOptions, fields ...string) *Future[[]string] {
	b := domain.KeyCmd(false, "HGETEX", key)
	if options != nil && options.ExpirationType != "" {
		b.Str(string(options.ExpirationType))
		if options.ExpirationType != HGetEXExpirationPERSIST {
			b.Str(itoa(options.ExpirationVal))
		}
	}
	return queueBuilt(p, domain.Strings, hashFields(b, fields))
}

// HSetEXCondition is HSETEX's condition (Redis 8.0+).
type HSetEXCondition string

const (
	HSetEXFNX HSetEXCondition = "FNX" // only if none of the fields exists
	HSetEXFXX HSetEXCondition = "FXX" // only if all of the fields exist
)

// HSetEXExpirationType is HSETEX's expiration option.
type HSetEXExpirationType string

const (
	HSetEXExpirationEX      HSetEXExpirationType = "EX"
	HSetEXExpirationPX      HSetEXExpirationType = "PX"
	HSetEXExpirationEXAT    HSetEXExpirationType = "EXAT"
	HSetEXExpirationPXAT    HSetEXExpirationType = "PXAT"
	HSetEXExpirationKEEPTTL HSetEXExpirationType = "KEEPTTL"
)

// HSetEXOptions are HSETEX's options.
type HSetEXOptions struct {
	Condition      HSetEXCondition
	ExpirationType HSetEXExpirationType
	ExpirationVal  int64
}

// HSetEX queues HSETEX key FIELDS n field value ... (Redis 8.0+): 1 if set.
func (p *Pipeline) HSetEX(key string, fieldsAndValues ...string) *Future[int64] {
	b := domain.KeyCmd(false, "HSETEX", key).Str("FIELDS", itoa(int64(len(fieldsAndValues)/2))).Str(fieldsAndValues...)
	return queueBuilt(p, domain.Int64, b)
}

// HSetEXWithArgs queues HSETEX key [FNX|FXX] [EX|PX|EXAT|PXAT n | KEEPTTL] FIELDS n field value ...
func (p *Pipeline) HSetEXWithArgs(key string, options *HSetEXOptions, fieldsAndValues ...string) *Future[int64] {
	b := domain.KeyCmd(false, "HSETEX", key)
	if options != nil {
		if options.Condition != "" {
			b.Str(string(options.Condition))
		}
		if options.ExpirationType != "" {
			b.Str(string(options.ExpirationType))
			if options.ExpirationType != HSetEXExpirationKEEPTTL {
				b.Str(itoa(options.ExpirationVal))
			}
		}
	}
	b.Str("FIELDS", itoa(int64(len(fieldsAndValues)/2))).Str(fieldsAndValues...)
	return queueBuilt(p, domain.Int64, b)
}
