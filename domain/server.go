package domain

import (
	"fmt"
	"strings"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Results of the server and connection commands: TIME, INFO, SLOWLOG GET,
// LATENCY LATEST, COMMAND, COMMAND GETKEYSANDFLAGS.

// Time decodes TIME's [seconds, microseconds].
func Time(r ports.Reply) (time.Time, error) {
	es, err := fixed(r, 2, "[seconds, microseconds]")
	if err != nil {
		return time.Time{}, err
	}
	sec, err := Int64(es[0])
	if err != nil {
		return time.Time{}, err
	}
	usec, err := Int64(es[1])
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(sec, usec*1000), nil
}

// InfoMap decodes INFO's text into its sections, by the name after "# "
// ("Server", "Clients", ...), each a map of its name:value lines. In the
// Modules section a line module:name=N,rest is entry N: rest, as go-redis
// reads it.
func InfoMap(r ports.Reply) (map[string]map[string]string, error) {
	txt, err := String(r)
	if err != nil {
		return nil, err
	}
	return ParseInfo(txt), nil
}

// ParseInfo reads INFO's text (see InfoMap). Lines before the first
// section header are dropped, as they belong to no section.
func ParseInfo(txt string) map[string]map[string]string {
	out := map[string]map[string]string{}
	var section map[string]string
	var name string
	for _, line := range strings.Split(txt, "\n") {
		line = strings.TrimSuffix(line, "\r")
		switch {
		case strings.HasPrefix(line, "#"):
			name = strings.TrimSpace(strings.TrimPrefix(line, "#"))
			section = map[string]string{}
			out[name] = section
		case line == "" || section == nil:
		case name == "Modules":
			// module:name=search,ver=...: keyed by the module's name.
			rest, ok := strings.CutPrefix(line, "module:name=")
			if mod, fields, ok2 := strings.Cut(rest, ","); ok && ok2 {
				section[mod] = fields
			}
		default:
			if k, v, ok := strings.Cut(line, ":"); ok {
				section[k] = v
			}
		}
	}
	return out
}

// SlowLog is one SLOWLOG GET entry.
type SlowLog struct {
	ID       int64
	Time     time.Time     // when the command ran, to the second
	Duration time.Duration // how long it ran, to the microsecond
	Args     []string      // the command, possibly shortened by the server
	// ClientAddr and ClientName (Redis 4.0+) are who sent it.
	ClientAddr string
	ClientName string
	// CommandArgc is the command's own argument count (Redis 8.10+), which
	// may exceed len(Args) when the server shortened them.
	CommandArgc int64
}

// SlowLogs decodes SLOWLOG GET: [[id, time, micros, [args], addr, name, argc?], ...].
func SlowLogs(r ports.Reply) ([]SlowLog, error) { return Slice(r, slowLog) }

func slowLog(r ports.Reply) (SlowLog, error) {
	es, err := elems(r, "a slow log entry")
	if err != nil {
		return SlowLog{}, err
	}
	if len(es) < 4 {
		return SlowLog{}, fmt.Errorf("%w: slow log entry of %d elements, want at least 4", ErrUnexpectedReply, len(es))
	}
	var e SlowLog
	var at, micros int64
	for i, dst := range []*int64{&e.ID, &at, &micros} {
		if *dst, err = Int64(es[i]); err != nil {
			return SlowLog{}, err
		}
	}
	e.Time, e.Duration = time.Unix(at, 0), time.Duration(micros)*time.Microsecond
	if e.Args, err = Strings(es[3]); err != nil {
		return SlowLog{}, err
	}
	if len(es) > 4 {
		if e.ClientAddr, err = String(es[4]); err != nil {
			return SlowLog{}, err
		}
	}
	if len(es) > 5 {
		if e.ClientName, err = StringOrEmpty(es[5]); err != nil {
			return SlowLog{}, err
		}
	}
	if len(es) > 6 {
		if e.CommandArgc, err = Int64(es[6]); err != nil {
			return SlowLog{}, err
		}
	}
	return e, nil
}

// Latency is one LATENCY LATEST event.
type Latency struct {
	Name   string
	Time   time.Time     // of the latest spike, to the second
	Latest time.Duration // the latest spike, to the millisecond
	Max    time.Duration // the largest spike, to the millisecond
}

// Latencies decodes LATENCY LATEST: [[event, time, latest ms, max ms, ...], ...].
func Latencies(r ports.Reply) ([]Latency, error) {
	return Slice(r, func(r ports.Reply) (Latency, error) {
		es, err := elems(r, "a latency event")
		if err != nil {
			return Latency{}, err
		}
		if len(es) < 4 {
			return Latency{}, fmt.Errorf("%w: latency event of %d elements, want at least 4", ErrUnexpectedReply, len(es))
		}
		var l Latency
		if l.Name, err = String(es[0]); err != nil {
			return Latency{}, err
		}
		var n [3]int64
		for i := range n {
			if n[i], err = Int64(es[1+i]); err != nil {
				return Latency{}, err
			}
		}
		l.Time, l.Latest, l.Max = time.Unix(n[0], 0), time.Duration(n[1])*time.Millisecond, time.Duration(n[2])*time.Millisecond
		return l, nil
	})
}

// CommandInfo is one command of COMMAND (COMMAND INFO): go-redis's fields,
// with the command tips as the server gives them (go-redis parses them
// into its own routing policy type).
type CommandInfo struct {
	Name        string
	Arity       int8
	Flags       []string
	ACLFlags    []string // Redis 6.0+
	FirstKeyPos int8
	LastKeyPos  int8
	StepCount   int8
	ReadOnly    bool     // Flags holds "readonly"
	Tips        []string // Redis 7.0+: "nondeterministic_output", "request_policy:all_shards", ...
}

// CommandInfos decodes COMMAND: one entry per command, by its name.
func CommandInfos(r ports.Reply) (map[string]*CommandInfo, error) {
	infos, err := Slice(r, commandInfoEntry)
	if err != nil {
		return nil, err
	}
	m := make(map[string]*CommandInfo, len(infos))
	for _, c := range infos {
		m[c.Name] = c
	}
	return m, nil
}

func commandInfoEntry(r ports.Reply) (*CommandInfo, error) {
	es, err := elems(r, "a command's info")
	if err != nil {
		return nil, err
	}
	if len(es) < 6 {
		return nil, fmt.Errorf("%w: command info of %d elements, want at least 6", ErrUnexpectedReply, len(es))
	}
	c := &CommandInfo{}
	if c.Name, err = String(es[0]); err != nil {
		return nil, err
	}
	if c.Flags, err = Strings(es[2]); err != nil {
		return nil, err
	}
	for _, f := range c.Flags {
		c.ReadOnly = c.ReadOnly || f == "readonly"
	}
	for i, dst := range []*int8{&c.Arity, nil, &c.FirstKeyPos, &c.LastKeyPos, &c.StepCount} {
		if dst == nil {
			continue
		}
		n, err := Int64(es[1+i])
		if err != nil {
			return nil, err
		}
		*dst = int8(n)
	}
	if len(es) > 6 {
		if c.ACLFlags, err = Strings(es[6]); err != nil {
			return nil, err
		}
	}
	if len(es) > 7 {
		if c.Tips, err = Strings(es[7]); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// KeyFlags is one key of COMMAND GETKEYSANDFLAGS and its flags (RW, access, ...).
type KeyFlags struct {
	Key   string
	Flags []string
}

// KeyFlagsSlice decodes COMMAND GETKEYSANDFLAGS: [[key, [flag, ...]], ...]
// (the flags a RESP3 set or an array).
func KeyFlagsSlice(r ports.Reply) ([]KeyFlags, error) {
	return Slice(r, func(r ports.Reply) (KeyFlags, error) {
		es, err := fixed(r, 2, "[key, flags]")
		if err != nil {
			return KeyFlags{}, err
		}
		key, err := String(es[0])
		if err != nil {
			return KeyFlags{}, err
		}
		flags, err := Strings(es[1])
		if err != nil {
			return KeyFlags{}, err
		}
		return KeyFlags{Key: key, Flags: flags}, nil
	})
}
