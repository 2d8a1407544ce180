package redistest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is one redis-server child process on 127.0.0.1 (a data node or,
// in a Sentinel deployment, a sentinel). Addr, Port and Dir
// never change, not even across Restart. All methods are safe for concurrent use.
type Server struct {
	Addr string // "127.0.0.1:Port"
	Port int
	Dir  string // working dir: redis.log, stdout.log, nodes-PORT.conf or sentinel.conf

	bin  string
	argv []string

	op sync.Mutex // serialises Stop/Kill/Restart/Freeze/Thaw

	mu     sync.Mutex // guards proc and frozen
	proc   *process
	frozen bool
}

// process is one incarnation of a Server; Restart makes a new one.
type process struct {
	pid  int
	done chan struct{} // closed once the process has been reaped
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

type serverConfig struct {
	args    []string
	cluster bool
	parent  string // directory to create the server's dir in; "" = base dir
	// sentinel, when set, is the text of the sentinel.conf the process is
	// started with (in sentinel mode); StartSentinel's business.
	sentinel string
}

// ServerOption configures StartServer.
type ServerOption func(*serverConfig)

// WithArgs appends extra redis-server command-line arguments, for example
// WithArgs("--maxmemory", "10mb"). They come last, so they override defaults.
func WithArgs(extra ...string) ServerOption {
	return func(c *serverConfig) { c.args = append(c.args, extra...) }
}

// withCluster makes a cluster-enabled node; StartCluster's business.
func withCluster(parent string) ServerOption {
	return func(c *serverConfig) { c.cluster, c.parent = true, parent }
}

// withParent puts the server's dir inside parent (a deployment's own dir).
func withParent(parent string) ServerOption {
	return func(c *serverConfig) { c.parent = parent }
}

// withSentinel makes a sentinel process configured by conf (the text of its
// sentinel.conf); StartSentinel's business.
func withSentinel(parent, conf string) ServerOption {
	return func(c *serverConfig) { c.parent, c.sentinel = parent, conf }
}

// Limits for starting one process. Redis answers PING well under 0.5 s here;
// the cap only matters when something is badly wrong.
const (
	startLimit    = 10 * time.Second
	startAttempts = 5
)

var errBindFailed = errors.New("port already in use")

// StartServer starts redis-server on a free loopback port and returns once it
// answers PING. If the port is taken between choosing and binding it (another
// process on the machine), it retries with another port.
func StartServer(ctx context.Context, opts ...ServerOption) (*Server, error) {
	var cfg serverConfig
	for _, o := range opts {
		o(&cfg)
	}
	bin, lead, err := cfg.binary()
	if err != nil {
		return nil, err
	}
	parent := cfg.parent
	if parent == "" {
		if parent, err = baseDir(); err != nil {
			return nil, err
		}
	}
	var lastErr error
	for range startAttempts {
		port, err := reservePort(cfg.cluster)
		if err != nil {
			return nil, err
		}
		// A fresh Server (and dir) per attempt: fields never change once
		// other goroutines (Main's cleanup) can see the Server, and a failed
		// attempt's log stays for the post-mortem.
		dir, err := os.MkdirTemp(parent, fmt.Sprintf("redis-%d-", port))
		if err != nil {
			return nil, fmt.Errorf("redistest: %w", err)
		}
		s := &Server{
			Addr: "127.0.0.1:" + strconv.Itoa(port),
			Port: port,
			Dir:  dir,
			bin:  bin,
		}
		if cfg.sentinel != "" {
			// Sentinel rewrites its file as it learns the deployment; a
			// Restart starts from what it knew.
			if err := os.WriteFile(filepath.Join(dir, sentinelConfName), []byte(cfg.sentinel), 0o644); err != nil {
				return nil, fmt.Errorf("redistest: %w", err)
			}
		}
		s.argv = s.commandLine(cfg, lead)
		register(s)
		s.op.Lock()
		err = s.launch(ctx)
		s.op.Unlock()
		if err == nil {
			return s, nil
		}
		lastErr = err
		if !errors.Is(err, errBindFailed) || ctx.Err() != nil {
			break
		}
	}
	return nil, lastErr
}

const sentinelConfName = "sentinel.conf"

// binary is the executable to run and the arguments it needs first. A
// sentinel runs as redis-sentinel, or as redis-server --sentinel where the
// redis-sentinel package is not installed (it is only a link to the same
// program); either way the config file must come first.
func (cfg serverConfig) binary() (string, []string, error) {
	if cfg.sentinel == "" {
		bin, err := lookBinary(ServerBinary())
		return bin, nil, err
	}
	if os.Getenv(ServerEnv) == "" {
		if bin, err := exec.LookPath("redis-sentinel"); err == nil {
			return bin, nil, nil
		}
	}
	bin, err := lookBinary(ServerBinary())
	return bin, []string{"--sentinel"}, err
}

func (s *Server) commandLine(cfg serverConfig, lead []string) []string {
	if cfg.sentinel != "" {
		a := append([]string{filepath.Join(s.Dir, sentinelConfName)}, lead...)
		a = append(a,
			"--port", strconv.Itoa(s.Port),
			"--bind", "127.0.0.1",
			"--daemonize", "no",
			"--dir", s.Dir,
			"--logfile", filepath.Join(s.Dir, "redis.log"),
		)
		return append(a, cfg.args...)
	}
	a := []string{
		"--port", strconv.Itoa(s.Port),
		"--bind", "127.0.0.1",
		"--daemonize", "no",
		"--save", "",
		"--appendonly", "no",
		"--dir", s.Dir,
		"--logfile", filepath.Join(s.Dir, "redis.log"),
		"--enable-debug-command", "local",
	}
	if cfg.cluster {
		a = append(a,
			"--cluster-enabled", "yes",
			"--cluster-config-file", filepath.Base(s.nodesConf()),
			"--cluster-node-timeout", "2000",
			// Without this, replicas wait 5 s for a full sync: 6-7 s vs ~2.3 s to a ready cluster.
			"--repl-diskless-sync-delay", "0",
		)
	}
	return append(a, cfg.args...)
}

// launch starts a new process and waits until it answers. Caller holds s.op.
func (s *Server) launch(ctx context.Context) error {
	cmd := exec.Command(s.bin, s.argv...)
	cmd.Dir = s.Dir
	// Setpgid: a terminal's Ctrl-C reaches only the test binary, which then
	// stops servers in order; Pdeathsig: if the test binary is killed
	// outright, the kernel kills the servers. (Pdeathsig follows the forking
	// OS thread, which the Go runtime keeps alive unless a goroutine exits
	// while locked to it.)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	// Errors before redis opens its logfile (bad arguments) go to stdout.
	out, err := os.OpenFile(filepath.Join(s.Dir, "stdout.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("redistest: %w", err)
	}
	cmd.Stdout, cmd.Stderr = out, out
	err = cmd.Start()
	out.Close() // the child has its own copy
	if err != nil {
		return fmt.Errorf("redistest: start redis-server: %w", err)
	}
	p := &process{pid: cmd.Process.Pid, done: make(chan struct{})}
	// This goroutine ends when the process does; Stop/Kill wait for that.
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	s.mu.Lock()
	s.proc, s.frozen = p, false
	s.mu.Unlock()

	if err := s.waitReady(ctx, p); err != nil {
		_ = s.killProc(p)
		return fmt.Errorf("%w\n--- %s/redis.log (tail) ---\n%s", err, s.Dir, s.LogTail(15))
	}
	return nil
}

// waitReady waits for PONG from the process we started. The pid check matters:
// if another process took our port, a PONG could come from someone else's Redis.
func (s *Server) waitReady(ctx context.Context, p *process) error {
	return poll(ctx, startLimit, "redis-server on "+s.Addr+" not ready", func(ctx context.Context) error {
		if p.exited() {
			if s.bindFailed() {
				return permanent(fmt.Errorf("%w: %w", errBindFailed, errors.New("redis-server exited")))
			}
			return permanent(errors.New("redis-server exited during startup"))
		}
		v, err := doWithin(ctx, callTimeout, s.Addr, "PING")
		if err != nil {
			return err
		}
		if v != "PONG" {
			return fmt.Errorf("PING replied %v", v)
		}
		info, err := doString(ctx, s.Addr, "INFO", "server")
		if err != nil {
			return err
		}
		if pid := infoField(info, "process_id"); pid != strconv.Itoa(p.pid) {
			return fmt.Errorf("port answered by process %s, not ours (%d)", pid, p.pid)
		}
		return nil
	})
}

func (s *Server) bindFailed() bool {
	tail := s.LogTail(20)
	return strings.Contains(tail, "Address already in use") || strings.Contains(tail, "Failed listening on port")
}

// Restart starts the server again on the same port, in the same dir, with
// the same arguments (a cluster node rejoins from its nodes-PORT.conf). A
// running server is stopped first. It returns once the server answers PING.
func (s *Server) Restart(ctx context.Context) error {
	s.op.Lock()
	defer s.op.Unlock()
	if err := s.stopLocked(); err != nil {
		return err
	}
	if err := alignShardIDs(s.nodesConf()); err != nil {
		return err
	}
	var err error
	// The port is ours, but give a briefly lingering holder a chance.
	for range 3 {
		if err = s.launch(ctx); err == nil || !errors.Is(err, errBindFailed) || ctx.Err() != nil {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

func (s *Server) current() *process {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.proc
}

// Pid is the process id of the running redis-server, 0 if it is not running.
func (s *Server) Pid() int {
	p := s.current()
	if p == nil || p.exited() {
		return 0
	}
	return p.pid
}

// Running reports whether the process is alive (it may be frozen).
func (s *Server) Running() bool { return s.Pid() != 0 }

// Frozen reports whether Freeze was called and Thaw not yet.
func (s *Server) Frozen() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.frozen && s.proc != nil && !s.proc.exited()
}

// live is a running, unfrozen server: one that can answer.
func (s *Server) live() bool { return s.Running() && !s.Frozen() }

// LogTail returns the last n lines of the server's log (redis.log, or the
// startup output if redis never got as far as opening its log).
func (s *Server) LogTail(n int) string {
	for _, name := range []string{"redis.log", "stdout.log"} {
		if t := tailFile(filepath.Join(s.Dir, name), n); t != "" {
			return t
		}
	}
	return ""
}

func tailFile(path string, n int) string {
	const window = 256 << 10 // logs here are small; cap the read anyway
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ""
	}
	off := max(st.Size()-window, 0)
	buf := make([]byte, st.Size()-off)
	nr, _ := f.ReadAt(buf, off)
	lines := strings.Split(strings.TrimRight(string(buf[:nr]), "\n"), "\n")
	if n >= 0 && len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
