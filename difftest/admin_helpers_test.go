package difftest

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// Helpers for the admin_ cases (server, ACL, client, scripting, pub/sub):
// several of them must act on a server outside the clients under test (wait
// for a background save, fail an AUTH, hold a subscription), from inside a
// call's halves, which get no *testing.T. The oracle half acts on the
// oracle's server before its command; the queue half acts on the subject's
// server when it queues (before the one Exec) or, in the func it returns,
// after Exec.

// oracleAddr and subjectAddr are the two servers: startServers has run
// (TestDifferential calls it before any case's halves).
func oracleAddr() string  { return serversVal.oracle }
func subjectAddr() string { return serversVal.subject }

// rawQuiet runs one command on addr and gives its reply, or the error as
// its text: for side effects whose failure shows in the compared calls.
func rawQuiet(addr string, args ...string) any {
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := redistest.Do(c, addr, args...)
	if err != nil {
		return err.Error()
	}
	return v
}

// waitNoChild waits, bounded, until addr runs no background save or AOF
// rewrite and has none scheduled: BGSAVE, BGREWRITEAOF and SAVE reply
// differently while one is in progress, and the cases must be the same on
// both servers whatever ran before (the previous configuration's BGSAVE).
func waitNoChild(addr string) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		info, _ := rawQuiet(addr, "INFO", "persistence").(string)
		if strings.Contains(info, "rdb_bgsave_in_progress:0") &&
			strings.Contains(info, "aof_rewrite_in_progress:0") &&
			strings.Contains(info, "aof_rewrite_scheduled:0") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// subscriber is a side connection to addr subscribed with cmds
// (SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE, one channel each), once the server
// has confirmed each.
func subscriber(addr string, cmds ...[]string) *side {
	s := openSide(addr)
	for _, c := range cmds {
		s.do(c...)
	}
	return s
}

// messages reads the n messages a subscriber was sent and closes it.
func messages(s *side, n int) any {
	out := make([]any, n)
	for i := range out {
		out[i] = s.read()
	}
	s.close()
	return out
}

// thirdServer is a private redis-server that Migrate moves keys to, started
// on first use; redistest.Main stops it with the others.
var (
	thirdOnce sync.Once
	thirdAddr string
)

func third() string {
	thirdOnce.Do(func() {
		s, err := redistest.StartServer(ctx)
		if err != nil {
			thirdAddr = "127.0.0.1:1" // Migrate fails alike on both sides, and the values say so
			return
		}
		thirdAddr = s.Addr
	})
	return thirdAddr
}

// positive is a norm for a number that is the server's own (a connection
// id): its sign compares, so a decoding that loses it (0, an error) is
// still caught.
func positive(v any) any {
	if n, ok := v.(int64); ok && n > 0 {
		return "positive"
	}
	return v
}

// recentUnix is a norm for a Unix time in seconds (LASTSAVE) or a time
// in Unix nanoseconds (TIME, canon's form of time.Time): within an hour of
// now it is "recent". A wrong unit (milliseconds, microseconds read as
// seconds) or a lost field lands far from now and still differs.
func recentUnix(v any) any {
	n, ok := v.(int64)
	if !ok {
		return v
	}
	now := time.Now()
	for _, t := range []time.Time{time.Unix(n, 0), time.Unix(0, n)} {
		if d := now.Sub(t); d < time.Hour && d > -time.Hour {
			return "recent"
		}
	}
	return v
}

// dropFields is a norm that removes the named struct fields (maps, after
// canon) at any depth.
func dropFields(names ...string) func(any) any {
	drop := map[string]bool{}
	for _, n := range names {
		drop[n] = true
	}
	var f func(any) any
	f = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			out := map[string]any{}
			for k, e := range x {
				if !drop[k] {
					out[k] = f(e)
				}
			}
			return out
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = f(e)
			}
			return out
		}
		return v
	}
	return f
}

// stableInfo are INFO fields whose values are the same on the two servers
// (one binary, one machine); every other field compares by name only.
// Several hold a ':' or a space in their value ("executable", the clock's
// name) or are empty ("config_file"), so a line split at the wrong place
// shows.
var stableInfo = map[string]bool{
	"redis_version": true, "redis_mode": true, "arch_bits": true, "multiplexing_api": true,
	"maxclients": true, "cluster_enabled": true, "os": true, "gcc_version": true,
	"redis_build_id": true, "redis_git_sha1": true, "redis_git_dirty": true, "atomicvar_api": true,
	"monotonic_clock": true, "executable": true, "config_file": true, "mem_allocator": true,
	"io_threads_active": true, "process_supervised": true,
}

// infoNorm is a norm for INFO, as text (Info) or as sections (InfoMap):
// the section names, each section's field names and the stable fields'
// values compare; the rest are the server's own (ports, pids, counters).
// A decoding that shifts, drops or merges lines or sections still differs.
func infoNorm(v any) any {
	keep := func(name string, value any) any {
		if stableInfo[name] {
			return value
		}
		return "value"
	}
	switch x := v.(type) {
	case string:
		var out []string
		for _, line := range strings.Split(x, "\r\n") {
			if name, value, ok := strings.Cut(line, ":"); ok {
				out = append(out, fmt.Sprintf("%s=%v", name, keep(name, value)))
			} else if line != "" {
				out = append(out, line)
			}
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for sec, fields := range x {
			m, _ := fields.(map[string]any)
			norm := map[string]any{}
			for name, value := range m {
				norm[name] = keep(name, value)
			}
			out[sec] = norm
		}
		return out
	}
	return v
}

// clientListNorm is a norm for CLIENT LIST: the set of field names of its
// lines (the clients, their addresses and counters are each server's own;
// the subject has the adapters' connections). A reply cut, joined or
// mis-decoded loses the "id=... addr=..." shape and differs.
func clientListNorm(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	names := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		for _, field := range strings.Fields(line) {
			name, _, _ := strings.Cut(field, "=")
			names[name] = true
		}
	}
	return slices.Sorted(maps.Keys(names))
}

// debugObjectNorm is a norm for DEBUG OBJECT's line: the address and the
// LRU clock fields are the server's own and go; refcount, encoding and
// serializedlength (and any other field) compare.
func debugObjectNorm(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	var out []string
	for _, f := range strings.Fields(s) {
		name, _, _ := strings.Cut(f, ":")
		if name != "at" && name != "lru" && name != "lru_seconds_idle" {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

// hostPort splits addr for MIGRATE's host and port arguments.
func hostPort(addr string) (string, string) {
	h, p, _ := net.SplitHostPort(addr)
	return h, p
}

// side is a connection of its own to a server, for what a case needs a
// second client for: one to kill, one to block and unblock, one to be
// refused by the ACL. Every read and write gives up after 30 s.
type side struct {
	conn net.Conn
	r    *bufio.Reader
	id   int64  // CLIENT ID, -1 when the connection failed
	addr string // the address the server sees it at
}

func openSide(addr string) *side {
	s := &side{id: -1}
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return s
	}
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	s.conn, s.r = conn, bufio.NewReader(conn)
	if id, ok := s.do("CLIENT", "ID").(int64); ok {
		s.id = id
	}
	info, _ := s.do("CLIENT", "INFO").(string)
	for _, f := range strings.Fields(info) {
		if v, ok := strings.CutPrefix(f, "addr="); ok {
			s.addr = v
		}
	}
	return s
}

// send writes a command without waiting for its reply.
func (s *side) send(args ...string) {
	if s.conn != nil {
		_, _ = s.conn.Write(redistest.AppendCommand(nil, args...))
	}
}

// read gives the next reply, an error reply (or a failure) as its text.
func (s *side) read() any {
	if s.conn == nil {
		return "no connection"
	}
	v, err := redistest.ReadReply(s.r)
	if err != nil {
		return err.Error()
	}
	return v
}

func (s *side) do(args ...string) any { s.send(args...); return s.read() }

func (s *side) close() {
	if s.conn != nil {
		_ = s.conn.Close()
	}
}

// blocked is a side connection blocked in BLPOP key 0, once the server
// lists it as blocked (bounded wait).
func blocked(addr, key string) *side {
	s := openSide(addr)
	s.send("BLPOP", key, "0")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if l, _ := rawQuiet(addr, "CLIENT", "LIST", "ID", fmt.Sprint(s.id)).(string); strings.Contains(l, " flags=b ") {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	return s
}

// busy is a side connection running cmd (a script that loops), once the
// server, past busy-reply-threshold, answers BUSY to others (bounded wait).
func busy(addr string, cmd ...string) *side {
	s := openSide(addr)
	s.send(cmd...)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if e, _ := rawQuiet(addr, "PING").(string); strings.HasPrefix(e, "BUSY") {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	return s
}

// killedScript is what the busy side connection read once its script was
// killed; in case the kill failed (the read timed out), it kills the
// script itself so later cases find the server free. It closes the
// connection, restores the default busy-reply-threshold and deletes the
// dtbusy library.
func killedScript(s *side, addr string) any {
	v := s.read()
	rawQuiet(addr, "SCRIPT", "KILL")
	rawQuiet(addr, "FUNCTION", "KILL")
	s.close()
	rawQuiet(addr, "CONFIG", "SET", "busy-reply-threshold", "5000")
	rawQuiet(addr, "FUNCTION", "DELETE", "dtbusy")
	return v
}

// runningNorm is a norm for FUNCTION STATS while a function runs: how long
// it has run is the server's own; at least 1 ms (the wait for BUSY makes
// sure) and under a minute, read as milliseconds: a wrong unit is far off.
func runningNorm(v any) any {
	if m, ok := v.(map[string]any); ok {
		if rs, ok := m["RunningScript"].(map[string]any); ok {
			if d, ok := rs["Duration"].(int64); ok && d >= int64(time.Millisecond) && d < int64(time.Minute) {
				rs["Duration"] = "running"
			}
		}
	}
	return v
}
