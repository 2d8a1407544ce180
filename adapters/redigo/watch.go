package redigo

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/gomodule/redigo/redis"
)

// expired is a context whose deadline passed long ago; see kill.
var expired = func() context.Context {
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	cancel() // already done; cancel only releases what WithDeadline holds
	return ctx
}()

// kill puts c into redigo's error state and closes its socket, from any
// goroutine, even while another goroutine is blocked in c's Send, Flush or
// Receive. It reports whether it could.
//
// redigo has no exported way to abort a connection in use, but
// conn.ReceiveContext (redis/conn.go) starts with: a ctx deadline already
// past => return c.fatal(context.DeadlineExceeded), before touching the
// reader. fatal takes the conn's mutex, records the error and closes the
// net.Conn, which wakes the blocked I/O with an error; and activeConn's
// ReceiveContext (redis/pool.go) only reads ac.pc. So this call shares no
// unsynchronised state with the goroutine doing I/O. Afterwards c.Err() is
// non-nil, which is what makes activeConn.Close discard the connection
// instead of pooling it (Pool.put's forceClose), and makes the Do("") that
// Close uses to drain pending replies fail at once instead of reading.
//
// A Conn the application's Dial wrapped without ConnWithContext cannot be
// aborted; kill reports false and the I/O runs until the driver's own
// timeouts.
func kill(c redis.Conn) bool {
	cc, ok := c.(redis.ConnWithContext)
	if !ok {
		return false
	}
	_, err := cc.ReceiveContext(expired)
	return errors.Is(err, context.DeadlineExceeded)
}

// watcher aborts a connection's I/O when ctx ends.
type watcher struct {
	stop func() bool
	done chan struct{}

	mu       sync.Mutex
	finished bool // the batch's I/O is over: nothing left to abort
	killed   bool
}

// watch kills c when ctx ends, until end is called. A ctx that can never
// end costs nothing.
func watch(ctx context.Context, c redis.Conn) *watcher {
	if ctx.Done() == nil {
		return nil
	}
	w := &watcher{done: make(chan struct{})}
	w.stop = context.AfterFunc(ctx, func() {
		defer close(w.done)
		w.mu.Lock()
		defer w.mu.Unlock()
		if !w.finished {
			w.killed = true
			kill(c)
		}
	})
	return w
}

// end stops watching and reports whether ctx ended while the batch's I/O
// was under way, and so c was killed (or tried to be). A ctx that ends
// after the last reply was read leaves c alone: a pinned connection must
// not break for a deadline that no longer mattered. end waits for a kill
// in progress, so that nothing touches c once it returns (c.Close must not
// run beside it).
func (w *watcher) end() bool {
	if w == nil {
		return false
	}
	w.mu.Lock()
	w.finished = true
	w.mu.Unlock()
	if !w.stop() {
		<-w.done
	}
	return w.killed
}
