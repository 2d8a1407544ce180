package redistest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// ErrNoRedis is returned (wrapped) when redis-server or redis-cli is not on
// PATH. Its text carries the install command so a failing CI log says what to do.
var ErrNoRedis = errors.New("redistest: redis-server not found on PATH; install it with: apt-get install -y redis-server redis-tools")

// ReplyError is a Redis error reply ("-ERR ...", "-MOVED ..."); its text is
// exactly Redis's text, without the leading '-'.
type ReplyError string

func (e ReplyError) Error() string { return string(e) }

// ServerEnv and CLIEnv name the environment variables that choose the
// server and command-line binaries every test runs (default redis-server
// and redis-cli): REDISTEST_SERVER=valkey-server REDISTEST_CLI=valkey-cli
// runs the whole suite against Valkey (make test-valkey). A sentinel is
// then the server binary run with --sentinel.
const (
	ServerEnv = "REDISTEST_SERVER"
	CLIEnv    = "REDISTEST_CLI"
)

// ServerBinary is the server executable's name the tests run:
// $REDISTEST_SERVER, or redis-server.
func ServerBinary() string { return envOr(ServerEnv, "redis-server") }

// CLIBinary is the command-line client's name: $REDISTEST_CLI, or redis-cli.
func CLIBinary() string { return envOr(CLIEnv, "redis-cli") }

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// lookBinary finds a Redis executable, resolving it once per call so that a
// test that changes PATH sees the change.
func lookBinary(name string) (string, error) {
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w (looking for %s: %v)", ErrNoRedis, name, err)
	}
	return p, nil
}

// permanentError stops a poll loop early: waiting longer cannot help.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return permanentError{err} }
