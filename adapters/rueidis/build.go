package rueidis

import (
	"errors"
	"fmt"
	"strings"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	// errEmptyCommand: rueidis's Arbitrary(...).Build() panics on it
	// (internal/cmds/builder.go); it is never sent.
	errEmptyCommand = errors.New("rueidis adapter: empty command")
	// errEmptyName: same panic for a command whose name is "".
	errEmptyName = errors.New("rueidis adapter: a command without a name cannot be sent through rueidis")
	// errSubscribe: the same builder panics on SUBSCRIBE, UNSUBSCRIBE and
	// their P and S forms, which belong to rueidis's Receive: their replies
	// are pub/sub messages, not a pipeline's.
	errSubscribe = errors.New("rueidis adapter: (un)subscribe commands cannot be pipelined; use rueidis's Receive")
	// errBadKey: a key position outside the arguments (a caller bug).
	errBadKey = errors.New("rueidis adapter: key position outside the command's arguments")
)

// build makes one rueidis command, returning the position of the key it
// gave to Keys (0: none). Any panic of rueidis's builder becomes the
// command's error.
func build(b rueidis.Builder, cmd *ports.Command, keyed bool) (c rueidis.Completed, key int, err error) {
	if err := sendable(cmd); err != nil {
		return c, 0, err
	}
	defer func() {
		if r := recover(); r != nil {
			c, key, err = rueidis.Completed{}, 0, fmt.Errorf("rueidis adapter: rueidis refused %q: %v", cmd.Name(), r)
		}
	}()
	args, cut := cmd.Args, len(cmd.Args)
	if keyed && len(cmd.Keys) > 0 {
		key, cut = cmd.Keys[0], cmd.Keys[0]
	}
	a := b.Arbitrary(args[:cut]...)
	if key > 0 {
		a = a.Keys(args[key]).Args(args[key+1:]...)
	}
	switch {
	case domain.Blocks(args):
		// A dedicated pooled connection: a blocking command on rueidis's
		// shared connection would hold back every other caller's replies,
		// and its keep-alive PING would close the connection under it
		// (pipe.go backgroundPing skips only commands marked blocking).
		c = a.Blocking()
	case cmd.ReadOnly:
		// Marks it retryable too: see "Resends" in doc.go.
		c = a.ReadOnly()
	default:
		c = a.Build()
	}
	return c, key, nil
}

// sendable reports why rueidis cannot send cmd, if it cannot.
func sendable(cmd *ports.Command) error {
	if len(cmd.Args) == 0 {
		return errEmptyCommand
	}
	if cmd.Args[0] == "" {
		return errEmptyName
	}
	if n := len(cmd.Args[0]); n >= len("SUBSCRIBE") && strings.EqualFold(cmd.Args[0][n-len("SUBSCRIBE"):], "SUBSCRIBE") {
		return errSubscribe
	}
	if len(cmd.Keys) > 0 && (cmd.Keys[0] <= 0 || cmd.Keys[0] >= len(cmd.Args)) {
		return errBadKey
	}
	return nil
}
