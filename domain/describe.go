package domain

import (
	"strconv"
	"strings"
)

// Describe returns which arguments of a command are keys and whether the
// command only reads, from the command's name (and, for commands like EVAL,
// its arguments). Unknown commands are assumed to write, with their first
// argument as key.
//
// Read-only is Redis's own "readonly" command flag (COMMAND INFO): the
// command never writes, so it may be resent after a broken connection and
// sent to a replica. Key positions follow Redis's key specs (COMMAND
// GETKEYS), with one addition: SCAN ... MATCH and KEYS, which have no key,
// report their pattern as a key when the pattern starts with a literal hash
// tag ("{user1}:*"), so that a cluster router sends them to the node that
// holds every key they can match.
//
// Names are matched case-insensitively; the lookup does not allocate, and
// the returned positions are shared (never modify them).
func Describe(args []string) (keys []int, readOnly bool) {
	if len(args) == 0 {
		return nil, false
	}
	info, ok := lookupCommand(args[0])
	if !ok {
		return clampKeys(FirstKey, len(args)), false
	}
	if info.sub != nil {
		if len(args) < 2 {
			return nil, false
		}
		info = info.sub(args[1])
	}
	return info.keys.positions(args), info.readOnly
}

// cmdInfo is what Describe knows about one command (or subcommand).
type cmdInfo struct {
	keys     keyShape
	readOnly bool
	// sub, for container commands (OBJECT, XINFO, ...), describes the
	// subcommand named by args[1].
	sub func(name string) cmdInfo
}

// keyShape is where a command's keys are.
type keyShape uint8

const (
	keyless              keyShape = iota
	keyFirst                      // NAME key ...
	keyAll                        // NAME key key ... (DEL, MGET, SINTER, WATCH)
	keyAllButLast                 // NAME key ... timeout (BLPOP, BZPOPMIN)
	keyPairs                      // NAME key value key value ... (MSET)
	keyFirstTwo                   // NAME src dst ... (RENAME, LMOVE, COPY)
	keySecond                     // NAME SUB key ... (OBJECT ENCODING, XINFO STREAM)
	keyFromSecond                 // NAME op dest key ... (BITOP)
	keyNumkeys1                   // NAME numkeys key ... (ZINTER, LMPOP, SINTERCARD)
	keyNumkeys2                   // NAME x numkeys key ... (EVAL, FCALL, BLMPOP, BZMPOP)
	keyDestNumkeys                // NAME dest numkeys key ... (ZUNIONSTORE, ZDIFFSTORE)
	keyNumkeysPairs               // NAME numkeys key value ... (MSETEX)
	keyStreams                    // NAME ... STREAMS key ... id ... (XREAD, XREADGROUP)
	keySort                       // SORT key ... [STORE dest]
	keyGeoRadius                  // GEORADIUS key lon lat r unit ... [STORE k] [STOREDIST k]
	keyGeoRadiusByMember          // GEORADIUSBYMEMBER key member r unit ... [STORE k] [STOREDIST k]
	keyMigrate                    // MIGRATE host port key|"" db timeout ... [KEYS key ...]
	keyScanPattern                // SCAN cursor ... MATCH pattern: the pattern, if hash-tagged
	keyPattern                    // KEYS pattern: the pattern, if hash-tagged
)

func (s keyShape) positions(args []string) []int {
	n := len(args)
	switch s {
	case keyless:
		return nil
	case keyFirst:
		return clampKeys(FirstKey, n)
	case keyAll:
		return KeysFrom(1, n)
	case keyAllButLast:
		return KeysFrom(1, n-1)
	case keyPairs:
		return oddKeys(n)
	case keyFirstTwo:
		return KeysFrom(1, min(3, n))
	case keySecond:
		return KeysFrom(2, min(3, n))
	case keyFromSecond:
		return KeysFrom(2, n)
	case keyNumkeys1:
		return numkeysAt(args, 1)
	case keyNumkeys2:
		return numkeysAt(args, 2)
	case keyDestNumkeys:
		if n < 2 {
			return nil
		}
		return withKey(1, numkeysAt(args, 2))
	case keyNumkeysPairs:
		k := numkeys(args, 1)
		last := min(2+2*k, n)
		if last <= 2 {
			return nil
		}
		return evenKeys(last)
	case keyStreams:
		return streamKeys(args)
	case keySort:
		return sortKeys(args)
	case keyGeoRadius:
		return geoRadiusKeys(args, 6)
	case keyGeoRadiusByMember:
		return geoRadiusKeys(args, 5)
	case keyMigrate:
		return migrateKeys(args)
	case keyScanPattern:
		return scanPatternKey(args)
	case keyPattern:
		if n > 1 && LiteralHashTag(args[1]) {
			return KeysFrom(1, 2)
		}
		return nil
	}
	return nil
}

// clampKeys drops the positions at or beyond n (a command sent with fewer
// arguments than its shape expects; the server will reject it).
func clampKeys(keys []int, n int) []int {
	for i, k := range keys {
		if k >= n {
			return keys[:i:i]
		}
	}
	return keys
}

// numkeys parses args[at] as a key count, bounded by what the arguments can hold.
func numkeys(args []string, at int) int {
	if at >= len(args) {
		return 0
	}
	k, err := strconv.Atoi(args[at])
	if err != nil || k < 0 {
		return 0
	}
	// Callers add positions to k: a count near MaxInt would overflow them.
	return min(k, len(args))
}

// numkeysAt returns the keys of a command whose key count is args[at] and
// whose keys follow it.
func numkeysAt(args []string, at int) []int {
	k := numkeys(args, at)
	return KeysFrom(at+1, min(at+1+k, len(args)))
}

// withKey puts the position first before rest (ZUNIONSTORE's destination
// before its source keys).
func withKey(first int, rest []int) []int {
	if len(rest) == 0 {
		return KeysFrom(first, first+1)
	}
	out := make([]int, 0, 1+len(rest))
	out = append(out, first)
	return append(out, rest...)
}

// odd and even positions, shared like KeysFrom's: MSET's keys are 1, 3, 5 ...,
// MSETEX's 2, 4, 6 ...
var oddPositions, evenPositions = func() (odd, even []int) {
	odd, even = make([]int, 512), make([]int, 512)
	for i := range odd {
		odd[i], even[i] = 2*i+1, 2*i+2
	}
	return odd, even
}()

// oddKeys returns 1, 3, 5 ... for a command of n arguments made of pairs.
func oddKeys(n int) []int {
	k := n / 2 // pairs start at 1; a trailing lone key still counts
	if k == 0 {
		return nil
	}
	if k <= len(oddPositions) {
		return oddPositions[:k:k]
	}
	return KeysEvery(1, n, 2)
}

// evenKeys returns 2, 4, 6 ... below last.
func evenKeys(last int) []int {
	k := (last - 1) / 2
	if k <= len(evenPositions) {
		return evenPositions[:k:k]
	}
	return KeysEvery(2, last, 2)
}

// streamKeys finds XREAD's and XREADGROUP's STREAMS token by walking the
// options (so a group or consumer named "streams" is not mistaken for it):
// the keys are the first half of what follows it.
func streamKeys(args []string) []int {
	for i := 1; i < len(args); i++ {
		switch a := args[i]; {
		case strings.EqualFold(a, "STREAMS"):
			n := (len(args) - i - 1) / 2
			return KeysFrom(i+1, i+1+n)
		case strings.EqualFold(a, "GROUP"):
			i += 2
		case strings.EqualFold(a, "COUNT"), strings.EqualFold(a, "BLOCK"), strings.EqualFold(a, "CLAIM"):
			i++
		}
	}
	return nil
}

// sortKeys: SORT key [BY pattern] [LIMIT offset count] [GET pattern ...]
// [ASC|DESC] [ALPHA] [STORE destination].
func sortKeys(args []string) []int {
	if len(args) < 2 {
		return nil
	}
	for i := 2; i < len(args); i++ {
		switch a := args[i]; {
		case strings.EqualFold(a, "STORE"):
			if i+1 < len(args) {
				return []int{1, i + 1}
			}
		case strings.EqualFold(a, "BY"), strings.EqualFold(a, "GET"):
			i++
		case strings.EqualFold(a, "LIMIT"):
			i += 2
		}
	}
	return FirstKey
}

// geoRadiusKeys: the key, plus the STORE / STOREDIST destinations among the
// options that start at position opts.
func geoRadiusKeys(args []string, opts int) []int {
	if len(args) < 2 {
		return nil
	}
	keys := FirstKey
	for i := opts; i < len(args); i++ {
		switch a := args[i]; {
		case strings.EqualFold(a, "STORE"), strings.EqualFold(a, "STOREDIST"):
			if i+1 < len(args) {
				if len(keys) == 1 {
					keys = []int{1}
				}
				keys = append(keys, i+1)
			}
			i++
		case strings.EqualFold(a, "COUNT"):
			i++
		}
	}
	return keys
}

// migrateKeys: MIGRATE host port key|"" destination-db timeout [COPY]
// [REPLACE] [AUTH password | AUTH2 username password] [KEYS key ...].
func migrateKeys(args []string) []int {
	if len(args) < 4 {
		return nil
	}
	if args[3] != "" {
		return KeysFrom(3, 4)
	}
	for i := 6; i < len(args); i++ {
		switch a := args[i]; {
		case strings.EqualFold(a, "KEYS"):
			return KeysFrom(i+1, len(args))
		case strings.EqualFold(a, "AUTH"):
			i++
		case strings.EqualFold(a, "AUTH2"):
			i += 2
		}
	}
	return nil
}

// scanPatternKey: SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
func scanPatternKey(args []string) []int {
	for i := 2; i+1 < len(args); i += 2 {
		if strings.EqualFold(args[i], "MATCH") {
			if LiteralHashTag(args[i+1]) {
				return KeysFrom(i+1, i+2)
			}
			return nil
		}
	}
	return nil
}

// LiteralHashTag reports whether every key matching the glob pattern has
// the pattern's hash tag: the pattern has a non-empty {tag} and nothing up
// to its closing brace is a glob character, so every match starts with the
// same literal text and hashes to the same slot, one cluster node holding
// them all (a SCAN or KEYS with it goes to that node alone).
func LiteralHashTag(pattern string) bool {
	open := strings.IndexByte(pattern, '{')
	if open < 0 {
		return false
	}
	end := strings.IndexByte(pattern[open+1:], '}')
	if end <= 0 {
		return false
	}
	return !strings.ContainsAny(pattern[:open+1+end+1], `*?[\`)
}

// lookupCommand finds a command by name, case-insensitively, without allocating.
func lookupCommand(name string) (cmdInfo, bool) {
	return lookupUpper(commands, name)
}

// lookupUpper looks name up in a table keyed by upper-case names. The
// upper-cased copy lives on the stack and the map index does not allocate.
func lookupUpper[V any](table map[string]V, name string) (V, bool) {
	var buf [32]byte
	if len(name) > len(buf) {
		var zero V
		return zero, false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	v, ok := table[string(buf[:len(name)])]
	return v, ok
}

// Shorthands for the table.
var (
	roKey      = cmdInfo{keys: keyFirst, readOnly: true}
	rwKey      = cmdInfo{keys: keyFirst}
	roAll      = cmdInfo{keys: keyAll, readOnly: true}
	rwAll      = cmdInfo{keys: keyAll}
	rwTwo      = cmdInfo{keys: keyFirstTwo}
	roTwo      = cmdInfo{keys: keyFirstTwo, readOnly: true}
	blockAll   = cmdInfo{keys: keyAllButLast}
	rwNum1     = cmdInfo{keys: keyNumkeys1}
	roNum1     = cmdInfo{keys: keyNumkeys1, readOnly: true}
	rwNum2     = cmdInfo{keys: keyNumkeys2}
	roNum2     = cmdInfo{keys: keyNumkeys2, readOnly: true}
	destNum    = cmdInfo{keys: keyDestNumkeys}
	noKeys     = cmdInfo{}
	roNoKeys   = cmdInfo{readOnly: true}
	roSecond   = cmdInfo{keys: keySecond, readOnly: true}
	rwSecond   = cmdInfo{keys: keySecond}
	keylessSub = cmdInfo{sub: func(string) cmdInfo { return noKeys }}
)

// subcommands builds the describer of a container command: the listed
// subcommands, and fallback for any other.
func subcommands(fallback cmdInfo, subs map[string]cmdInfo) cmdInfo {
	return cmdInfo{sub: func(name string) cmdInfo {
		if info, ok := lookupUpper(subs, name); ok {
			return info
		}
		return fallback
	}}
}

// commands is every command redpipe knows, by upper-case name. Checked
// against Redis 7.0's COMMAND INFO (flags, first/last key, step, key specs);
// commands added later (7.2 to 8.x) are described from their documentation.
var commands = map[string]cmdInfo{
	// strings
	"APPEND": rwKey, "DECR": rwKey, "DECRBY": rwKey, "GET": roKey, "GETDEL": rwKey,
	"GETEX": rwKey, "GETRANGE": roKey, "GETSET": rwKey, "INCR": rwKey, "INCRBY": rwKey,
	"INCRBYFLOAT": rwKey, "LCS": roTwo, "MGET": roAll, "MSET": {keys: keyPairs},
	"MSETNX": {keys: keyPairs}, "MSETEX": {keys: keyNumkeysPairs}, "PSETEX": rwKey, "SET": rwKey,
	"SETEX": rwKey, "SETNX": rwKey, "SETRANGE": rwKey, "STRLEN": roKey, "SUBSTR": roKey,
	"DELEX": rwKey, "DIGEST": roKey, "INCREX": rwKey,

	// generic keys
	"COPY": rwTwo, "DEL": rwAll, "DUMP": roKey, "EXISTS": roAll, "EXPIRE": rwKey,
	"EXPIREAT": rwKey, "EXPIRETIME": roKey, "KEYS": {keys: keyPattern, readOnly: true},
	"MIGRATE": {keys: keyMigrate}, "MOVE": rwKey, "PERSIST": rwKey, "PEXPIRE": rwKey,
	"PEXPIREAT": rwKey, "PEXPIRETIME": roKey, "PTTL": roKey, "RANDOMKEY": roNoKeys,
	"RENAME": rwTwo, "RENAMENX": rwTwo, "RESTORE": rwKey, "RESTORE-ASKING": rwKey,
	"SCAN": {keys: keyScanPattern, readOnly: true}, "SORT": {keys: keySort},
	"SORT_RO": {keys: keySort, readOnly: true}, "TOUCH": roAll, "TTL": roKey, "TYPE": roKey,
	"UNLINK": rwAll, "WAIT": noKeys, "WAITAOF": noKeys, "WATCH": rwAll, "UNWATCH": noKeys,
	"OBJECT": subcommands(noKeys, map[string]cmdInfo{
		"ENCODING": roSecond, "FREQ": roSecond, "IDLETIME": roSecond, "REFCOUNT": roSecond,
	}),

	// hashes
	"HDEL": rwKey, "HEXISTS": roKey, "HGET": roKey, "HGETALL": roKey, "HINCRBY": rwKey,
	"HINCRBYFLOAT": rwKey, "HKEYS": roKey, "HLEN": roKey, "HMGET": roKey, "HMSET": rwKey,
	"HRANDFIELD": roKey, "HSCAN": roKey, "HSET": rwKey, "HSETNX": rwKey, "HSTRLEN": roKey,
	"HVALS": roKey, "HEXPIRE": rwKey, "HPEXPIRE": rwKey, "HEXPIREAT": rwKey,
	"HPEXPIREAT": rwKey, "HPERSIST": rwKey, "HTTL": roKey, "HPTTL": roKey,
	"HEXPIRETIME": roKey, "HPEXPIRETIME": roKey, "HGETDEL": rwKey, "HGETEX": rwKey,
	"HSETEX": rwKey,
	// HIMPORT's fieldsets live in the connection's session, not in a key.
	"HIMPORT": subcommands(noKeys, map[string]cmdInfo{"SET": rwSecond}),

	// lists
	"BLMOVE": rwTwo, "BLMPOP": rwNum2, "BLPOP": blockAll, "BRPOP": blockAll,
	"BRPOPLPUSH": rwTwo, "LINDEX": roKey, "LINSERT": rwKey, "LLEN": roKey, "LMOVE": rwTwo,
	"LMPOP": rwNum1, "LPOP": rwKey, "LPOS": roKey, "LPUSH": rwKey, "LPUSHX": rwKey,
	"LRANGE": roKey, "LREM": rwKey, "LSET": rwKey, "LTRIM": rwKey, "RPOP": rwKey,
	"RPOPLPUSH": rwTwo, "RPUSH": rwKey, "RPUSHX": rwKey, "LMOVEM": rwTwo, "BLMOVEM": rwTwo,

	// sets
	"SADD": rwKey, "SCARD": roKey, "SDIFF": roAll, "SDIFFSTORE": rwAll, "SINTER": roAll,
	"SINTERCARD": roNum1, "SINTERSTORE": rwAll, "SISMEMBER": roKey, "SMEMBERS": roKey,
	"SMISMEMBER": roKey, "SMOVE": rwTwo, "SPOP": rwKey, "SRANDMEMBER": roKey, "SREM": rwKey,
	"SSCAN": roKey, "SUNION": roAll, "SUNIONSTORE": rwAll, "SDIFFCARD": roNum1,
	"SUNIONCARD": roNum1,

	// sorted sets
	"BZMPOP": rwNum2, "BZPOPMAX": blockAll, "BZPOPMIN": blockAll, "ZADD": rwKey,
	"ZCARD": roKey, "ZCOUNT": roKey, "ZDIFF": roNum1, "ZDIFFSTORE": destNum,
	"ZINCRBY": rwKey, "ZINTER": roNum1, "ZINTERCARD": roNum1, "ZINTERSTORE": destNum,
	"ZLEXCOUNT": roKey, "ZMPOP": rwNum1, "ZMSCORE": roKey, "ZPOPMAX": rwKey,
	"ZPOPMIN": rwKey, "ZRANDMEMBER": roKey, "ZRANGE": roKey, "ZRANGEBYLEX": roKey,
	"ZRANGEBYSCORE": roKey, "ZRANGESTORE": rwTwo, "ZRANK": roKey, "ZREM": rwKey,
	"ZREMRANGEBYLEX": rwKey, "ZREMRANGEBYRANK": rwKey, "ZREMRANGEBYSCORE": rwKey,
	"ZREVRANGE": roKey, "ZREVRANGEBYLEX": roKey, "ZREVRANGEBYSCORE": roKey,
	"ZREVRANK": roKey, "ZSCAN": roKey, "ZSCORE": roKey, "ZUNION": roNum1,
	"ZUNIONSTORE": destNum,

	// arrays (Redis 8.8+)
	"ARSET": rwKey, "ARMSET": rwKey, "ARINSERT": rwKey, "ARRING": rwKey, "ARDEL": rwKey,
	"ARDELRANGE": rwKey, "ARSEEK": rwKey, "ARGET": roKey, "ARGETRANGE": roKey,
	"ARMGET": roKey, "ARLEN": roKey, "ARCOUNT": roKey, "ARNEXT": roKey, "ARINFO": roKey,
	"ARSCAN": roKey, "AROP": roKey, "ARGREP": roKey, "ARLASTITEMS": roKey,

	// HyperLogLog
	"PFADD": rwKey, "PFCOUNT": roAll, "PFMERGE": rwAll, "PFDEBUG": rwSecond, "PFSELFTEST": noKeys,

	// geo
	"GEOADD": rwKey, "GEODIST": roKey, "GEOHASH": roKey, "GEOPOS": roKey,
	"GEORADIUS": {keys: keyGeoRadius}, "GEORADIUS_RO": roKey,
	"GEORADIUSBYMEMBER": {keys: keyGeoRadiusByMember}, "GEORADIUSBYMEMBER_RO": roKey,
	"GEOSEARCH": roKey, "GEOSEARCHSTORE": rwTwo,

	// bitmaps
	"BITCOUNT": roKey, "BITFIELD": rwKey, "BITFIELD_RO": roKey, "BITOP": {keys: keyFromSecond},
	"BITPOS": roKey, "GETBIT": roKey, "SETBIT": rwKey,

	// streams
	"XACK": rwKey, "XADD": rwKey, "XAUTOCLAIM": rwKey, "XCLAIM": rwKey, "XDEL": rwKey,
	"XLEN": roKey, "XPENDING": roKey, "XRANGE": roKey, "XREAD": {keys: keyStreams, readOnly: true},
	"XREADGROUP": {keys: keyStreams}, "XREVRANGE": roKey, "XSETID": rwKey, "XTRIM": rwKey,
	"XDELEX": rwKey, "XACKDEL": rwKey, "XNACK": rwKey, "XCFGSET": rwKey,
	"XGROUP": subcommands(noKeys, map[string]cmdInfo{
		"CREATE": rwSecond, "CREATECONSUMER": rwSecond, "DELCONSUMER": rwSecond,
		"DESTROY": rwSecond, "SETID": rwSecond,
	}),
	"XINFO": subcommands(noKeys, map[string]cmdInfo{
		"CONSUMERS": roSecond, "GROUPS": roSecond, "STREAM": roSecond,
	}),

	// scripting and functions
	"EVAL": rwNum2, "EVALSHA": rwNum2, "EVAL_RO": roNum2, "EVALSHA_RO": roNum2,
	"FCALL": rwNum2, "FCALL_RO": roNum2, "SCRIPT": keylessSub, "FUNCTION": keylessSub,

	// pub/sub (sharded channels are not keys to Redis, but route by slot like keys)
	"PUBLISH": noKeys, "SPUBLISH": rwKey, "SUBSCRIBE": noKeys, "UNSUBSCRIBE": noKeys,
	"PSUBSCRIBE": noKeys, "PUNSUBSCRIBE": noKeys, "SSUBSCRIBE": rwAll, "SUNSUBSCRIBE": rwAll,
	"PUBSUB": keylessSub,

	// transactions
	"MULTI": noKeys, "EXEC": noKeys, "DISCARD": noKeys,

	// connection and server
	"PING": noKeys, "ECHO": noKeys, "HELLO": noKeys, "AUTH": noKeys, "SELECT": noKeys,
	"QUIT": noKeys, "RESET": noKeys, "CLIENT": keylessSub, "CONFIG": keylessSub,
	"INFO": noKeys, "DBSIZE": roNoKeys, "FLUSHDB": noKeys, "FLUSHALL": noKeys, "TIME": noKeys,
	"LASTSAVE": noKeys, "SAVE": noKeys, "BGSAVE": noKeys, "BGREWRITEAOF": noKeys,
	"SWAPDB": noKeys, "LOLWUT": roNoKeys, "ROLE": noKeys, "CLUSTER": keylessSub,
	"COMMAND": noKeys, "DEBUG": noKeys, "ACL": keylessSub, "LATENCY": keylessSub,
	"SLOWLOG": keylessSub, "MODULE": keylessSub, "MONITOR": noKeys, "SHUTDOWN": noKeys,
	"REPLICAOF": noKeys, "SLAVEOF": noKeys, "FAILOVER": noKeys, "ASKING": noKeys,
	"READONLY": noKeys, "READWRITE": noKeys, "SYNC": noKeys, "PSYNC": noKeys,
	"REPLCONF": noKeys,
	"MEMORY":   subcommands(noKeys, map[string]cmdInfo{"USAGE": roSecond}),
}
