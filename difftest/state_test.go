package difftest

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"testing"
)

// compareState reads every key under prefix on both servers by its type
// and returns what differs. A TTL compares by presence only: the two
// servers set it a few milliseconds apart.
func compareState(t *testing.T, s servers, prefix string) []string {
	t.Helper()
	o, g := snapshot(t, s.oracle, prefix), snapshot(t, s.subject, prefix)
	var out []string
	for _, key := range unionKeys(o, g) {
		if !reflect.DeepEqual(o[key], g[key]) {
			out = append(out, fmt.Sprintf("key %q:\n  oracle  %#v\n  subject %#v", key, o[key], g[key]))
		}
	}
	return out
}

func unionKeys(a, b map[string][]any) []string {
	set := map[string]bool{}
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// snapshot is each key's type, TTL presence and content.
func snapshot(t *testing.T, addr, prefix string) map[string][]any {
	t.Helper()
	keys, _ := raw(t, addr, "KEYS", prefix+"*").([]any)
	out := make(map[string][]any, len(keys))
	for _, kv := range keys {
		key := kv.(string)
		typ := raw(t, addr, "TYPE", key).(string)
		ttl := "persistent"
		if raw(t, addr, "PTTL", key).(int64) >= 0 {
			ttl = "volatile"
		}
		out[key] = []any{typ, ttl, content(t, addr, typ, key)}
	}
	return out
}

func content(t *testing.T, addr, typ, key string) any {
	switch typ {
	case "string":
		return raw(t, addr, "GET", key)
	case "hash":
		return sortedPairs(raw(t, addr, "HGETALL", key))
	case "list":
		return raw(t, addr, "LRANGE", key, "0", "-1")
	case "set":
		return sorted(raw(t, addr, "SMEMBERS", key))
	case "zset":
		return raw(t, addr, "ZRANGE", key, "0", "-1", "WITHSCORES")
	case "stream":
		return []any{raw(t, addr, "XRANGE", key, "-", "+"), streamGroups(t, addr, key)}
	}
	// A type not read above (an array of Redis 8.8, say) compares by its
	// DUMP: both servers are the same binary and the case made the same
	// writes, so the same content serialises to the same bytes.
	return []any{"dump", raw(t, addr, "DUMP", key)}
}

// streamGroups is each consumer group's name, last-delivered id, pending
// count and consumers' names (not their idle times, which differ).
func streamGroups(t *testing.T, addr, key string) any {
	groups, _ := raw(t, addr, "XINFO", "GROUPS", key).([]any)
	var out []any
	for _, g := range groups {
		m := pairsMap(g)
		cons, _ := raw(t, addr, "XINFO", "CONSUMERS", key, m["name"].(string)).([]any)
		var names []any
		for _, c := range cons {
			cm := pairsMap(c)
			names = append(names, cm["name"], cm["pending"])
		}
		out = append(out, m["name"], m["last-delivered-id"], m["pending"], names)
	}
	return out
}

func pairsMap(v any) map[string]any {
	s, _ := v.([]any)
	m := map[string]any{}
	for i := 0; i+1 < len(s); i += 2 {
		m[fmt.Sprint(s[i])] = s[i+1]
	}
	return m
}

func sortedPairs(v any) any {
	s, _ := v.([]any)
	var pairs [][2]any
	for i := 0; i+1 < len(s); i += 2 {
		pairs = append(pairs, [2]any{s[i], s[i+1]})
	}
	sort.Slice(pairs, func(i, j int) bool { return fmt.Sprint(pairs[i][0]) < fmt.Sprint(pairs[j][0]) })
	return pairs
}
