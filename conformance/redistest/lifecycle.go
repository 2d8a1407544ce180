package redistest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// errNotRunning is returned by Freeze and Thaw when there is no process.
var errNotRunning = errors.New("redistest: server is not running")

const (
	shutdownGrace = 2 * time.Second // SHUTDOWN, then SIGKILL after this
	reapLimit     = 5 * time.Second // a SIGKILLed process is reaped well within this
)

// Stop shuts the server down (SHUTDOWN NOSAVE NOW) and SIGKILLs it if it is
// still alive 2 s later. It is idempotent; a stopped server can be Restarted.
func (s *Server) Stop() error {
	s.op.Lock()
	defer s.op.Unlock()
	return s.stopLocked()
}

func (s *Server) stopLocked() error {
	p := s.current()
	if p == nil || p.exited() {
		return nil
	}
	// A frozen process would never read the SHUTDOWN.
	_ = syscall.Kill(-p.pid, syscall.SIGCONT)
	s.setFrozen(false)
	deadline := time.Now().Add(shutdownGrace)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	// NOW: a master does not wait (up to 10 s) for lagging replicas.
	// The reply is normally a dropped connection; its error says nothing.
	_, _ = Do(ctx, s.Addr, "SHUTDOWN", "NOSAVE", "NOW")
	cancel()
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-p.done:
		return nil
	case <-t.C:
	}
	return s.killProc(p)
}

// Kill sends SIGKILL (fault injection: no shutdown, connections reset) and
// returns once the process is gone, so the port refuses connections. Killing
// a server that is not running is a no-op.
func (s *Server) Kill() error {
	s.op.Lock()
	defer s.op.Unlock()
	p := s.current()
	if p == nil || p.exited() {
		return nil
	}
	return s.killProc(p)
}

// killProc SIGKILLs the whole process group, so a fork child (replication
// or RDB) dies too, and waits for the reap.
func (s *Server) killProc(p *process) error {
	_ = syscall.Kill(-p.pid, syscall.SIGKILL)
	_ = syscall.Kill(p.pid, syscall.SIGKILL)
	s.setFrozen(false)
	t := time.NewTimer(reapLimit)
	defer t.Stop()
	select {
	case <-p.done:
		return nil
	case <-t.C:
		return fmt.Errorf("redistest: redis-server pid %d on %s survived SIGKILL", p.pid, s.Addr)
	}
}

// forceKill is the last resort of Main: no lock, no wait.
func (s *Server) forceKill() {
	if p := s.current(); p != nil && !p.exited() {
		_ = syscall.Kill(-p.pid, syscall.SIGKILL)
		_ = syscall.Kill(p.pid, syscall.SIGKILL)
	}
}

// Freeze sends SIGSTOP: the kernel still accepts connections into the
// listen backlog, but nothing is ever answered until Thaw — the "hung
// server" case. It returns once the process is actually stopped.
func (s *Server) Freeze() error {
	s.op.Lock()
	defer s.op.Unlock()
	p := s.current()
	if p == nil || p.exited() {
		return errNotRunning
	}
	if err := syscall.Kill(-p.pid, syscall.SIGSTOP); err != nil {
		return fmt.Errorf("redistest: SIGSTOP %d: %w", p.pid, err)
	}
	s.setFrozen(true)
	// Signals are asynchronous; a caller that probes right away must not
	// catch the process still running.
	return poll(context.Background(), time.Second, "SIGSTOP not effective", func(context.Context) error {
		if p.exited() || procState(p.pid) == 'T' {
			return nil
		}
		return errors.New("process still running")
	})
}

// Thaw sends SIGCONT, undoing Freeze.
func (s *Server) Thaw() error {
	s.op.Lock()
	defer s.op.Unlock()
	p := s.current()
	if p == nil || p.exited() {
		return errNotRunning
	}
	s.setFrozen(false)
	if err := syscall.Kill(-p.pid, syscall.SIGCONT); err != nil {
		return fmt.Errorf("redistest: SIGCONT %d: %w", p.pid, err)
	}
	return nil
}

func (s *Server) setFrozen(v bool) {
	s.mu.Lock()
	s.frozen = v
	s.mu.Unlock()
}

// procState is the state letter from /proc/PID/stat ('T' = stopped), 0 if unknown.
func procState(pid int) byte {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name is in parentheses and may contain spaces.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 || i+2 >= len(b) {
		return 0
	}
	return b[i+2]
}
