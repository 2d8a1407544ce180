package redistest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"sync"
	"time"
)

// reg is the process-wide record of what this package started, so that Main
// (or a signal) can stop all of it and decide what happens to the logs.
var reg struct {
	mu      sync.Mutex
	base    string       // per-process directory holding every server's dir
	servers []*Server    // every server ever started, running or not
	ports   map[int]bool // ports handed out (incl. cluster bus ports)
}

// baseDir creates the per-process directory on first use.
func baseDir() (string, error) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if reg.base == "" {
		d, err := os.MkdirTemp("", "redistest-")
		if err != nil {
			return "", fmt.Errorf("redistest: %w", err)
		}
		reg.base = d
	}
	return reg.base, nil
}

func register(s *Server) {
	reg.mu.Lock()
	reg.servers = append(reg.servers, s)
	reg.mu.Unlock()
}

// reservePort picks a loopback port that is free now and that this process
// has not handed out before. The kernel may give the same ephemeral port to
// two listeners opened and closed in turn, so the record matters when many
// servers start at once. For cluster nodes port+10000 (the cluster bus) must
// be free too.
func reservePort(cluster bool) (int, error) {
	var lastErr error
	for range 50 {
		port, err := probePort(cluster)
		if err != nil {
			lastErr = err
			continue
		}
		reg.mu.Lock()
		if reg.ports == nil {
			reg.ports = make(map[int]bool)
		}
		taken := reg.ports[port] || (cluster && reg.ports[port+10000])
		if !taken {
			reg.ports[port] = true
			if cluster {
				reg.ports[port+10000] = true
			}
		}
		reg.mu.Unlock()
		if !taken {
			return port, nil
		}
	}
	return 0, fmt.Errorf("redistest: no free loopback port: %v", lastErr)
}

func probePort(cluster bool) (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	if cluster {
		if port+10000 > 65535 {
			return 0, fmt.Errorf("port %d has no room for a cluster bus port", port)
		}
		bus, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port+10000))
		if err != nil {
			return 0, err
		}
		bus.Close()
	}
	return port, nil
}

// stopAll stops every server this process started, in parallel. Each Stop is
// bounded, but a Stop can wait behind a slow Restart holding the server's
// lock, so after limit whatever is left is SIGKILLed without the lock.
func stopAll(limit time.Duration) error {
	reg.mu.Lock()
	servers := slices.Clone(reg.servers)
	reg.mu.Unlock()

	errs := make([]error, len(servers))
	var wg sync.WaitGroup
	for i, s := range servers {
		wg.Go(func() { errs[i] = s.Stop() })
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return errors.Join(errs...)
	case <-time.After(limit):
	}
	for _, s := range servers {
		s.forceKill()
	}
	select {
	case <-done:
		return errors.Join(errs...)
	case <-time.After(3 * time.Second):
		return errors.New("redistest: some redis-server processes did not stop in time")
	}
}
