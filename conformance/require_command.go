package conformance

import (
	"context"
	"fmt"
	"strings"
	"sync"

	. "github.com/onsi/ginkgo/v2"

	"github.com/redpipe-go/redpipe/ports"
)

// knownCommands caches, per backend, which commands its server has, so
// that RequireCommand asks each server once per test binary.
var knownCommands sync.Map // key commandKey, value bool

type commandKey struct {
	backend ports.Backend
	name    string
}

// RequireCommand skips the running spec when the server behind the main
// connection lacks the command, found out from COMMAND INFO (never from a
// version number): a spec of a command newer than the server says so in
// its skip reason. name is the command, or "container|subcommand" as
// COMMAND INFO spells it ("client|no-touch").
func (s *Suite) RequireCommand(ctx context.Context, name string) {
	if has, err := serverHas(ctx, s.Main, name); err != nil {
		Fail(fmt.Sprintf("COMMAND INFO %s: %v", name, err))
	} else if !has {
		Skip(fmt.Sprintf("the server lacks %s (COMMAND INFO %s gives nil): the command is newer than this server",
			strings.ToUpper(name), strings.ToLower(name)))
	}
}

func serverHas(ctx context.Context, b ports.Backend, name string) (bool, error) {
	key := commandKey{b, strings.ToLower(name)}
	if has, ok := knownCommands.Load(key); ok {
		return has.(bool), nil
	}
	r := RunOne(ctx, b, "COMMAND", "INFO", key.name)
	if r.Err != nil {
		return false, r.Err
	}
	// COMMAND INFO answers one element per name asked: nil when unknown.
	has := len(r.Reply.Elems) == 1 && !r.Reply.Elems[0].IsNil()
	knownCommands.Store(key, has)
	return has, nil
}
