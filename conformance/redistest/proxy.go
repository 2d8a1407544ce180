package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Proxy is a loopback TCP proxy in front of one server that adds latency and
// counts round trips. Each chunk read from either side is forwarded Delay
// after it arrived: chunks queued back to back do not add up their delays,
// so it models a long link, not a slow one. All methods are safe for
// concurrent use.
type Proxy struct {
	Addr string // where clients connect

	target string
	ln     net.Listener
	delay  atomic.Int64 // time.Duration
	trips  atomic.Int64

	ctx    context.Context // cancels dials in flight on Close
	cancel context.CancelFunc

	mu     sync.Mutex
	conns  map[*proxyConn]struct{}
	closed bool

	wg sync.WaitGroup // accept loop and every connection's goroutines
}

// targetDialTimeout bounds connecting to the target; the target is local.
const targetDialTimeout = 2 * time.Second

// NewProxy listens on a free loopback port and forwards every connection to
// target (which must be a loopback address) with the given one-way delay in
// each direction, so a request/reply exchange takes at least 2*delay.
func NewProxy(target string, delay time.Duration) (*Proxy, error) {
	if err := checkLoopback(target); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("redistest: proxy listen: %w", err)
	}
	p := &Proxy{
		Addr:   ln.Addr().String(),
		target: target,
		ln:     ln,
		conns:  make(map[*proxyConn]struct{}),
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.SetDelay(delay)
	p.wg.Add(1)
	go p.acceptLoop()
	return p, nil
}

// SetDelay changes the one-way delay for chunks that arrive from now on.
func (p *Proxy) SetDelay(d time.Duration) { p.delay.Store(int64(max(d, 0))) }

// Delay is the current one-way delay.
func (p *Proxy) Delay() time.Duration { return time.Duration(p.delay.Load()) }

// RoundTrips is the number of client-to-server bursts since the last
// ResetCounts, over all connections: a client chunk counts when it is the
// first on its connection or when a server reply was delivered to the client
// since that connection's previous client chunk. A pipeline written in
// several chunks before any reply therefore counts once.
func (p *Proxy) RoundTrips() int64 { return p.trips.Load() }

// ResetCounts sets RoundTrips back to zero.
func (p *Proxy) ResetCounts() { p.trips.Store(0) }

// CloseConns abruptly closes (RST) every proxied connection, on both sides,
// now. The proxy keeps accepting new ones.
func (p *Proxy) CloseConns() {
	for _, c := range p.snapshot() {
		c.abort()
	}
}

// Close stops listening, closes every connection and waits until all of the
// proxy's goroutines have ended. Idempotent.
func (p *Proxy) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.mu.Unlock()
	p.cancel()
	err := p.ln.Close()
	p.CloseConns()
	p.wg.Wait()
	return err
}

func (p *Proxy) snapshot() []*proxyConn {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*proxyConn, 0, len(p.conns))
	for c := range p.conns {
		out = append(out, c)
	}
	return out
}

func (p *Proxy) acceptLoop() {
	defer p.wg.Done()
	for {
		conn, err := p.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || p.isClosed() {
				return
			}
			// Transient (e.g. out of file descriptors): back off, don't spin.
			time.Sleep(5 * time.Millisecond)
			continue
		}
		p.wg.Add(1)
		go p.serve(conn.(*net.TCPConn))
	}
}

func (p *Proxy) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

func (p *Proxy) serve(client *net.TCPConn) {
	defer p.wg.Done()
	d := net.Dialer{Timeout: targetDialTimeout}
	server, err := d.DialContext(p.ctx, "tcp", p.target)
	if err != nil {
		// The client sees a reset, as it would if the target were down.
		_ = client.SetLinger(0)
		_ = client.Close()
		return
	}
	c := newProxyConn(p, client, server.(*net.TCPConn))
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		c.abort()
		return
	}
	p.conns[c] = struct{}{}
	p.mu.Unlock()

	c.run()

	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
}
