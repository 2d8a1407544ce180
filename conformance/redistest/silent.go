package redistest

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"syscall"
	"time"
)

// NewSilentServer listens on a free loopback port, accepts connections,
// reads and discards everything and never replies: the "hung server" a
// client must time out on. closeFn stops it, closes its connections and waits
// for its goroutines; it is idempotent.
func NewSilentServer() (addr string, closeFn func() error, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("redistest: silent server: %w", err)
	}
	var (
		mu     sync.Mutex
		conns  = make(map[net.Conn]struct{})
		closed bool
		wg     sync.WaitGroup
	)
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				time.Sleep(5 * time.Millisecond)
				continue
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				conn.Close()
				continue
			}
			conns[conn] = struct{}{}
			mu.Unlock()
			wg.Go(func() {
				_, _ = io.Copy(io.Discard, conn)
				mu.Lock()
				delete(conns, conn)
				mu.Unlock()
				conn.Close()
			})
		}
	})
	closeFn = sync.OnceValue(func() error {
		mu.Lock()
		closed = true
		err := ln.Close()
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
		return err
	})
	return ln.Addr().String(), closeFn, nil
}

// DeadAddr returns a loopback address where nothing listens, so connecting is
// refused: the "server is down" case. The port is one this process will not
// hand to a server it starts; another process could still take it, which is
// why it is checked before being returned.
func DeadAddr() (string, error) {
	for range 10 {
		port, err := reservePort(false)
		if err != nil {
			return "", err
		}
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
			continue
		}
		if errors.Is(err, syscall.ECONNREFUSED) {
			return addr, nil
		}
	}
	return "", errors.New("redistest: could not find a loopback port that refuses connections")
}
