package domain

import (
	"strings"

	"github.com/redpipe-go/redpipe/ports"
)

// Lift reshapes a RESP2 reply into the shape RESP3 gives for the same
// command, so that Do returns the same Go value over either protocol.
// A reply already in that shape is returned as it is; nil and error
// replies are never touched.
//
// What RESP3 changes, checked against Redis 7.0 with both protocols, and
// what Lift does with the RESP2 reply (↑ marks a RESP2 shape that Redis 7.0
// still sends over RESP3 too; Lift lifts it over both, as later servers do):
//
//	command                                   RESP2                    lifted (RESP3)
//	HGETALL, CONFIG GET, HELLO,               flat [k, v, ...]         map {k: v}
//	  CLIENT TRACKINGINFO, LCS ... IDX,
//	  ACL GETUSER (selectors: maps too)
//	MEMORY STATS                              flat, ratios as bulk     map, ratios doubles, db.N maps
//	XINFO STREAM [FULL]                       flat                     map (FULL: groups and their
//	                                                                   consumers maps too)
//	XINFO GROUPS, XINFO CONSUMERS,            array of flat arrays     array of maps
//	  MODULE LIST, CLUSTER LINKS,
//	  ACL LOG (age-seconds a double)
//	FUNCTION LIST                             array of flat arrays     array of maps (functions too)
//	FUNCTION STATS                            flat, nested flat        map of maps
//	LATENCY HISTOGRAM                         flat, nested flat        map of maps
//	CLUSTER SHARDS                            array of flat arrays     array of maps (nodes too)
//	CLUSTER SLOTS                             node metadata []         node metadata map
//	COMMAND [INFO]                            key specs flat           key specs maps (nested too)
//	COMMAND DOCS                              flat, nested flat        map of maps (arguments,
//	                                                                   subcommands too)
//	XREAD, XREADGROUP                         [[stream, entries], ...] map {stream: entries}
//	ZSCORE, ZINCRBY, ZADD ... INCR            bulk "1.5"               double 1.5
//	GEODIST ↑                                 bulk "166274.1516"       double
//	ZMSCORE                                   ["1.5", nil]             [1.5, nil]
//	GEOPOS                                    [["lon", "lat"], nil]    [[lon, lat], nil] doubles
//	GEOSEARCH, GEORADIUS[BYMEMBER][_RO]       [[m, "dist", hash,       [[m, dist, hash, [lon, lat]]]
//	  WITHDIST ↑ / WITHCOORD                    ["lon", "lat"]]]         doubles
//	ZRANGE, ZRANGEBYSCORE, ZREVRANGE,         flat [m, "1", m, "2"]    [[m, 1], [m, 2]] scores doubles
//	  ZREVRANGEBYSCORE, ZINTER, ZUNION,
//	  ZDIFF ... WITHSCORES,
//	  ZRANDMEMBER key n WITHSCORES,
//	  ZPOPMIN / ZPOPMAX key count
//	ZPOPMIN / ZPOPMAX key (no count)          [m, "1"]                 [m, 1] (flat: RESP3 keeps it flat)
//	BZPOPMIN, BZPOPMAX                        [key, m, "1"]            [key, m, 1]
//	ZMPOP, BZMPOP                             [key, [[m, "1"], ...]]   [key, [[m, 1], ...]]
//	ZRANK / ZREVRANK ... WITHSCORE (7.2+)     [rank, "1"]              [rank, 1]
//	HRANDFIELD key n WITHVALUES               flat [f, v, f, v]        [[f, v], [f, v]]
//
// Not lifted, because the Go value is the same either way: sets (SMEMBERS,
// SINTER, SPOP n; RESP3 set, RESP2 array: both []any), verbatim strings
// (INFO, CLIENT INFO: both string). Not liftable: EXEC's replies (their
// commands are not known here) and EVAL/FCALL results (a script's true is
// RESP2 integer 1 and RESP3 boolean true, and the integer 1 may be just 1).
func Lift(args []string, r ports.Reply) ports.Reply {
	if len(args) == 0 || r.Kind == ports.KindNil || r.Kind == ports.KindError {
		return r
	}
	lift, ok := lookupUpper(lifts, args[0])
	if !ok {
		return r
	}
	return lift(args, r)
}

// shape lifts one (possibly nested) reply; every shape leaves a reply it
// does not recognise, and one already lifted, unchanged.
type shape func(ports.Reply) ports.Reply

func same(r ports.Reply) ports.Reply { return r }

// double turns a bulk or status holding a number into a double.
func double(r ports.Reply) ports.Reply {
	if r.Kind != ports.KindBulk && r.Kind != ports.KindStatus {
		return r
	}
	f, err := ParseFloat(r.Str)
	if err != nil {
		return r
	}
	return ports.DoubleReply(f)
}

// mapOf turns a flat [k, v, ...] array into a map, lifting the values of the
// named fields with their shape (and the others with dflt, if not nil).
// Values of a map that is already one are lifted the same way.
func mapOf(fields map[string]shape, dflt shape) shape {
	return func(r ports.Reply) ports.Reply {
		switch r.Kind {
		case ports.KindArray:
		case ports.KindMap:
			if fields == nil && dflt == nil {
				return r
			}
		default:
			return r
		}
		if len(r.Elems)%2 != 0 {
			return r // not keys and values (a map from an adapter that let an odd count through)
		}
		if len(r.Elems) == 0 {
			return ports.MapReply(r.Elems)
		}
		out := make([]ports.Reply, len(r.Elems))
		for i := 0; i < len(r.Elems); i += 2 {
			k, v := r.Elems[i], r.Elems[i+1]
			out[i] = k
			sh := dflt
			if f, ok := fields[k.Str]; ok {
				sh = f
			}
			if sh != nil {
				v = sh(v)
			}
			out[i+1] = v
		}
		return ports.MapReply(out)
	}
}

// plainMap is mapOf with no nested shapes.
var plainMap = mapOf(nil, nil)

// mapAll is a map whose every value has the shape value.
func mapAll(value shape) shape { return mapOf(nil, value) }

// arrayOf lifts every element of an array (or set).
func arrayOf(elem shape) shape {
	return func(r ports.Reply) ports.Reply {
		if (r.Kind != ports.KindArray && r.Kind != ports.KindSet) || len(r.Elems) == 0 {
			return r
		}
		out := make([]ports.Reply, len(r.Elems))
		for i, e := range r.Elems {
			out[i] = elem(e)
		}
		return ports.Reply{Kind: r.Kind, Elems: out}
	}
}

// at lifts element i of an array.
func at(i int, elem shape) shape {
	return func(r ports.Reply) ports.Reply {
		if r.Kind != ports.KindArray || i >= len(r.Elems) {
			return r
		}
		out := append([]ports.Reply(nil), r.Elems...)
		out[i] = elem(out[i])
		return ports.ArrayReply(out)
	}
}

// from lifts the elements of an array from position i on.
func from(i int, elem shape) shape {
	return func(r ports.Reply) ports.Reply {
		if r.Kind != ports.KindArray || i >= len(r.Elems) {
			return r
		}
		out := append([]ports.Reply(nil), r.Elems...)
		for j := i; j < len(out); j++ {
			out[j] = elem(out[j])
		}
		return ports.ArrayReply(out)
	}
}

// pairs turns a flat [a, b, a, b] array into [[a, b], [a, b]], lifting
// each b with second. An array of pairs already gets only second applied.
func pairs(second shape) shape {
	return func(r ports.Reply) ports.Reply {
		if r.Kind != ports.KindArray || len(r.Elems) == 0 {
			return r
		}
		if r.Elems[0].Kind == ports.KindArray {
			return arrayOf(at(1, second))(r)
		}
		if len(r.Elems)%2 != 0 {
			return r
		}
		out := make([]ports.Reply, len(r.Elems)/2)
		for i := range out {
			out[i] = ports.ArrayReply([]ports.Reply{r.Elems[2*i], second(r.Elems[2*i+1])})
		}
		return ports.ArrayReply(out)
	}
}

// pairsToMap turns [[k, v], [k, v]] into {k: v, k: v} (XREAD's streams).
func pairsToMap(r ports.Reply) ports.Reply {
	if r.Kind != ports.KindArray {
		return r
	}
	out := make([]ports.Reply, 0, 2*len(r.Elems))
	for _, p := range r.Elems {
		if p.Kind != ports.KindArray || len(p.Elems) != 2 {
			return r
		}
		out = append(out, p.Elems...)
	}
	return ports.MapReply(out)
}

// geoItem lifts one GEOSEARCH / GEORADIUS result: [member, dist?, hash?,
// [lon, lat]?]; the distance is the only bulk after the member, the hash
// an integer and the coordinates an array.
func geoItem(r ports.Reply) ports.Reply {
	return from(1, func(e ports.Reply) ports.Reply {
		if e.Kind == ports.KindArray {
			return arrayOf(double)(e)
		}
		return double(e)
	})(r)
}

// memoryStats: MEMORY STATS is a map whose ratios are doubles and whose
// db.N entries are maps.
func memoryStats(r ports.Reply) ports.Reply {
	return mapAll(func(v ports.Reply) ports.Reply {
		if v.Kind == ports.KindArray {
			return plainMap(v)
		}
		return double(v)
	})(r)
}

var (
	scorePairs = pairs(double)

	// COMMAND DOCS: {name: doc}, doc {..., arguments: [arg], subcommands: {name: doc}},
	// arg {..., arguments: [arg]}.
	docArg   shape
	docEntry shape

	// COMMAND INFO: [name, arity, flags, first, last, step, acl, tips, key specs, subcommands];
	// a key spec {..., begin_search: {type, spec: {...}}, find_keys: {type, spec: {...}}}.
	keySpec = mapOf(map[string]shape{
		"begin_search": mapOf(map[string]shape{"spec": plainMap}, nil),
		"find_keys":    mapOf(map[string]shape{"spec": plainMap}, nil),
	}, nil)
	commandInfo shape
)

func init() {
	docArg = func(r ports.Reply) ports.Reply {
		return mapOf(map[string]shape{"arguments": arrayOf(docArg)}, nil)(r)
	}
	docEntry = func(r ports.Reply) ports.Reply {
		return mapOf(map[string]shape{
			"arguments":   arrayOf(docArg),
			"subcommands": mapAll(docEntry),
		}, nil)(r)
	}
	commandInfo = func(r ports.Reply) ports.Reply {
		return at(9, arrayOf(commandInfo))(at(8, arrayOf(keySpec))(r))
	}
}

// hasToken reports whether any argument from position i on is tok.
func hasToken(args []string, i int, tok string) bool {
	for ; i < len(args); i++ {
		if strings.EqualFold(args[i], tok) {
			return true
		}
	}
	return false
}

// withScores lifts the reply when the command has WITHSCORES among its
// options, which start at position opts.
func withScores(opts int) func(args []string, r ports.Reply) ports.Reply {
	return func(args []string, r ports.Reply) ports.Reply {
		if hasToken(args, opts, "WITHSCORES") {
			return scorePairs(r)
		}
		return r
	}
}

// numkeysWithScores: ZINTER numkeys key ... [options] WITHSCORES.
func numkeysWithScores(args []string, r ports.Reply) ports.Reply {
	return withScores(2+numkeys(args, 1))(args, r)
}

// always applies sh whatever the arguments.
func always(sh shape) func([]string, ports.Reply) ports.Reply {
	return func(_ []string, r ports.Reply) ports.Reply { return sh(r) }
}

// bySub applies the shape of the subcommand in args[1], if listed.
func bySub(subs map[string]shape) func([]string, ports.Reply) ports.Reply {
	return func(args []string, r ports.Reply) ports.Reply {
		if len(args) < 2 {
			return r
		}
		if sh, ok := lookupUpper(subs, args[1]); ok {
			return sh(r)
		}
		return r
	}
}

// lifts holds, by upper-case command name, how to lift a RESP2 reply.
var lifts map[string]func(args []string, r ports.Reply) ports.Reply

func init() {
	geo := always(arrayOf(geoItem))
	lifts = map[string]func(args []string, r ports.Reply) ports.Reply{
		"HGETALL": always(plainMap),
		"ARINFO":  always(plainMap),
		"HELLO":   always(mapOf(map[string]shape{"modules": arrayOf(plainMap)}, nil)),
		"LCS":     always(plainMap), // only LCS ... IDX replies with an array
		"CONFIG":  bySub(map[string]shape{"GET": plainMap}),
		"CLIENT":  bySub(map[string]shape{"TRACKINGINFO": plainMap}),
		"MEMORY":  bySub(map[string]shape{"STATS": memoryStats}),
		"XINFO": bySub(map[string]shape{
			"STREAM": mapOf(map[string]shape{
				"groups": arrayOf(mapOf(map[string]shape{"consumers": arrayOf(plainMap)}, nil)),
			}, nil),
			"GROUPS":    arrayOf(plainMap),
			"CONSUMERS": arrayOf(plainMap),
		}),
		"XREAD":      always(pairsToMap),
		"XREADGROUP": always(pairsToMap),
		"ACL": bySub(map[string]shape{
			"GETUSER": mapOf(map[string]shape{"selectors": arrayOf(plainMap)}, nil),
			"LOG":     arrayOf(mapOf(map[string]shape{"age-seconds": double}, nil)),
		}),
		"FUNCTION": bySub(map[string]shape{
			"STATS": mapOf(map[string]shape{"running_script": plainMap, "engines": mapAll(plainMap)}, nil),
			"LIST":  arrayOf(mapOf(map[string]shape{"functions": arrayOf(plainMap)}, nil)),
		}),
		"COMMAND": func(args []string, r ports.Reply) ports.Reply {
			if len(args) == 1 {
				return arrayOf(commandInfo)(r)
			}
			return bySub(map[string]shape{
				"INFO": arrayOf(commandInfo),
				"DOCS": mapAll(docEntry),
			})(args, r)
		},
		"LATENCY": bySub(map[string]shape{
			"HISTOGRAM": mapAll(mapOf(map[string]shape{"histogram_usec": plainMap}, nil)),
		}),
		"MODULE": bySub(map[string]shape{"LIST": arrayOf(plainMap)}),
		"CLUSTER": bySub(map[string]shape{
			"SHARDS": arrayOf(mapOf(map[string]shape{"nodes": arrayOf(plainMap)}, nil)),
			"LINKS":  arrayOf(plainMap),
			"SLOTS":  arrayOf(from(2, at(3, plainMap))),
		}),

		"ZSCORE":  always(double),
		"ZINCRBY": always(double),
		"ZADD":    always(double), // only ZADD ... INCR replies with a bulk
		"GEODIST": always(double),
		"ZMSCORE": always(arrayOf(double)),
		"GEOPOS":  always(arrayOf(arrayOf(double))),

		"GEOSEARCH":            geo,
		"GEORADIUS":            geo,
		"GEORADIUS_RO":         geo,
		"GEORADIUSBYMEMBER":    geo,
		"GEORADIUSBYMEMBER_RO": geo,

		"ZRANGE":           withScores(4),
		"ZRANGEBYSCORE":    withScores(4),
		"ZREVRANGE":        withScores(4),
		"ZREVRANGEBYSCORE": withScores(4),
		"ZINTER":           numkeysWithScores,
		"ZUNION":           numkeysWithScores,
		"ZDIFF":            numkeysWithScores,
		"ZRANDMEMBER":      withScores(3),
		"HRANDFIELD": func(args []string, r ports.Reply) ports.Reply {
			if hasToken(args, 3, "WITHVALUES") {
				return pairs(same)(r)
			}
			return r
		},
		"ZPOPMIN":  popLift,
		"ZPOPMAX":  popLift,
		"BZPOPMIN": always(at(2, double)),
		"BZPOPMAX": always(at(2, double)),
		"ZMPOP":    always(at(1, arrayOf(at(1, double)))),
		"BZMPOP":   always(at(1, arrayOf(at(1, double)))),
		"ZRANK":    always(at(1, double)),
		"ZREVRANK": always(at(1, double)),
	}
}

// popLift: ZPOPMIN key count gives pairs in RESP3; without a count the
// reply stays flat [member, score].
func popLift(args []string, r ports.Reply) ports.Reply {
	if len(args) >= 3 {
		return scorePairs(r)
	}
	return at(1, double)(r)
}
