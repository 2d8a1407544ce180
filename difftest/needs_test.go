package difftest

import (
	"strings"
	"sync"
	"testing"
)

// hasCommand caches COMMAND INFO's answer per command name; both servers
// are the same redis-server binary, so the oracle answers for both.
var hasCommand sync.Map // lower-case name → bool

// missingCommand is the first of names the oracle server lacks, "" when it
// has them all. It asks COMMAND INFO, never a version number.
func missingCommand(t *testing.T, s servers, names []string) string {
	t.Helper()
	for _, n := range names {
		n = strings.ToLower(n)
		has, ok := hasCommand.Load(n)
		if !ok {
			container, sub, _ := strings.Cut(n, "|")
			info, _ := raw(t, s.oracle, "COMMAND", "INFO", container).([]any)
			has = len(info) == 1 && info[0] != nil && (sub == "" || hasSubcommand(info[0], n))
			hasCommand.Store(n, has)
		}
		if !has.(bool) {
			return strings.ToUpper(n)
		}
	}
	return ""
}

// hasSubcommand looks for "container|sub" in a COMMAND INFO entry, whose
// tenth element lists the subcommands as entries of their own.
func hasSubcommand(entry any, name string) bool {
	e, _ := entry.([]any)
	if len(e) < 10 {
		return false
	}
	subs, _ := e[9].([]any)
	for _, sub := range subs {
		if se, _ := sub.([]any); len(se) > 0 {
			if n, _ := se[0].(string); strings.EqualFold(n, name) {
				return true
			}
		}
	}
	return false
}

// TestMissingCommand proves the detection that skips cases: a command and
// a subcommand the server has, and ones no server has.
func TestMissingCommand(t *testing.T) {
	s := startServers(t)
	for names, want := range map[string]string{
		"GET":                "",
		"get client|list":    "",
		"get nosuchcommand":  "NOSUCHCOMMAND",
		"client|nosuchsub":   "CLIENT|NOSUCHSUB",
		"nosuchcommand|list": "NOSUCHCOMMAND|LIST",
	} {
		if got := missingCommand(t, s, strings.Fields(names)); got != want {
			t.Errorf("missingCommand(%q) = %q, want %q", names, got, want)
		}
	}
}
