package redistest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// chunk is one read from a socket, stamped with when it may be written on.
type chunk struct {
	data    []byte
	release time.Time
}

// chunkQueue is deep enough that a slow reader on one side rarely stalls the
// other side's reads (a stall would add delay on top of Delay).
const chunkQueue = 256

// proxyConn is one proxied connection: a reader and a writer goroutine per
// direction, joined by a queue of stamped chunks.
type proxyConn struct {
	p              *Proxy
	client, server *net.TCPConn

	// replied: a reply reached the client since its last chunk. Starts
	// true so the first client chunk on a connection counts as a round trip.
	replied atomic.Bool

	done      chan struct{} // closed on abort: every goroutine must return
	closeOnce sync.Once
}

func newProxyConn(p *Proxy, client, server *net.TCPConn) *proxyConn {
	c := &proxyConn{p: p, client: client, server: server, done: make(chan struct{})}
	c.replied.Store(true)
	return c
}

// run pumps both directions and returns when all four goroutines ended.
func (c *proxyConn) run() {
	toServer := make(chan chunk, chunkQueue)
	toClient := make(chan chunk, chunkQueue)
	var wg sync.WaitGroup
	wg.Go(func() { c.read(c.client, toServer, true) })
	wg.Go(func() { c.write(c.server, toServer, false) })
	wg.Go(func() { c.read(c.server, toClient, false) })
	wg.Go(func() { c.write(c.client, toClient, true) })
	wg.Wait()
	c.closeWith(false)
}

func (c *proxyConn) read(src *net.TCPConn, q chan<- chunk, fromClient bool) {
	defer close(q)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			now := time.Now()
			if fromClient && c.replied.Swap(false) {
				c.p.trips.Add(1)
			}
			select {
			case q <- chunk{data: bytes.Clone(buf[:n]), release: now.Add(c.p.Delay())}:
			case <-c.done:
				return
			}
		}
		if err != nil {
			// EOF is a half-close: the writer passes it on after the queue
			// drains. Anything else (reset, our own abort) ends everything.
			if !errors.Is(err, io.EOF) {
				c.abort()
			}
			return
		}
	}
}

func (c *proxyConn) write(dst *net.TCPConn, q <-chan chunk, toClient bool) {
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	for ch := range q {
		if d := time.Until(ch.release); d > 0 {
			t.Reset(d)
			select {
			case <-t.C:
			case <-c.done:
				return
			}
		}
		if toClient {
			// Before the Write, not after: the client may read the reply
			// and send its next request before this goroutine runs again.
			c.replied.Store(true)
		}
		if _, err := dst.Write(ch.data); err != nil {
			c.abort()
			return
		}
	}
	select {
	case <-c.done:
	default:
		_ = dst.CloseWrite()
	}
}

// abort resets both sockets (fault injection, errors, Close).
func (c *proxyConn) abort() { c.closeWith(true) }

func (c *proxyConn) closeWith(reset bool) {
	c.closeOnce.Do(func() {
		close(c.done)
		if reset {
			// Linger 0 sends RST: the peers see "connection reset", and
			// nothing already queued in the kernel is delivered.
			_ = c.client.SetLinger(0)
			_ = c.server.SetLinger(0)
		}
		_ = c.client.Close()
		_ = c.server.Close()
	})
}
