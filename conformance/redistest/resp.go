package redistest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// defaultDoTimeout bounds Do when the caller's context has no deadline: a
// frozen or silent server must not hang a test forever.
const defaultDoTimeout = 30 * time.Second

// Do sends one command over a fresh TCP connection and returns the reply:
// simple and bulk strings as string, integers as int64, arrays as []any,
// nil replies as nil, and an error reply as a ReplyError (inside arrays the
// ReplyError is an element; at top level it is the returned error).
//
// A fresh connection per call is slow but has no state to get wrong, which is
// what a harness that checks other clients needs. If ctx has no deadline, Do
// gives up after 30 s. If ctx ends first, the error wraps ctx.Err().
func Do(ctx context.Context, addr string, args ...string) (any, error) {
	if len(args) == 0 {
		return nil, errors.New("redistest: Do needs a command")
	}
	if err := checkLoopback(addr); err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultDoTimeout)
		defer cancel()
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("redistest: %s %s: %w", addr, args[0], err)
	}
	defer conn.Close()
	dl, _ := ctx.Deadline()
	_ = conn.SetDeadline(dl)
	// The deadline covers expiry; cancellation needs its own wake-up. Wait for
	// the callback if it already started so that nothing outlives Do.
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		_ = conn.SetDeadline(time.Unix(1, 0))
		close(fired)
	})
	defer func() {
		if !stop() {
			<-fired
		}
	}()

	v, err := roundTrip(conn, args)
	if err != nil {
		var re ReplyError
		if errors.As(err, &re) {
			return nil, re
		}
		// The socket deadline can fire a hair before ctx notices its own;
		// report both the same way so callers can test for DeadlineExceeded.
		var ne net.Error
		if ctx.Err() != nil {
			err = ctx.Err()
		} else if errors.As(err, &ne) && ne.Timeout() && !time.Now().Before(dl) {
			err = context.DeadlineExceeded
		}
		return nil, fmt.Errorf("redistest: %s %s: %w", addr, args[0], err)
	}
	return v, nil
}

func roundTrip(conn net.Conn, args []string) (any, error) {
	if _, err := conn.Write(AppendCommand(nil, args...)); err != nil {
		return nil, err
	}
	return ReadReply(bufio.NewReader(conn))
}

// AppendCommand appends args encoded as a RESP array of bulk strings, the
// form Redis accepts for every command. Tests use it to write hand-made
// pipelines in one Write.
func AppendCommand(dst []byte, args ...string) []byte {
	dst = append(dst, '*')
	dst = strconv.AppendInt(dst, int64(len(args)), 10)
	dst = append(dst, '\r', '\n')
	for _, a := range args {
		dst = append(dst, '$')
		dst = strconv.AppendInt(dst, int64(len(a)), 10)
		dst = append(dst, '\r', '\n')
		dst = append(dst, a...)
		dst = append(dst, '\r', '\n')
	}
	return dst
}

// Sanity caps so that garbage on the wire yields an error, not a huge allocation.
const (
	maxBulkLen  = 512 << 20
	maxArrayLen = 1 << 24
)

// ErrProtocol is wrapped by ReadReply when the bytes are not RESP2.
var ErrProtocol = errors.New("redistest: RESP protocol error")

// ReadReply reads one RESP2 reply, with the same mapping as Do.
func ReadReply(r *bufio.Reader) (any, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		if errors.Is(err, io.EOF) && line != "" {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if len(line) < 3 || line[len(line)-2] != '\r' {
		return nil, fmt.Errorf("%w: bad line %q", ErrProtocol, line)
	}
	body := line[1 : len(line)-2]
	switch line[0] {
	case '+':
		return body, nil
	case '-':
		return nil, ReplyError(body)
	case ':':
		n, err := strconv.ParseInt(body, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: bad integer %q", ErrProtocol, body)
		}
		return n, nil
	case '$':
		n, err := strconv.Atoi(body)
		if err != nil || n > maxBulkLen {
			return nil, fmt.Errorf("%w: bad bulk length %q", ErrProtocol, body)
		}
		if n < 0 {
			return nil, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		if buf[n] != '\r' || buf[n+1] != '\n' {
			return nil, fmt.Errorf("%w: bulk string not terminated by CRLF", ErrProtocol)
		}
		return string(buf[:n]), nil
	case '*':
		n, err := strconv.Atoi(body)
		if err != nil || n > maxArrayLen {
			return nil, fmt.Errorf("%w: bad array length %q", ErrProtocol, body)
		}
		if n < 0 {
			return nil, nil
		}
		arr := make([]any, n)
		for i := range arr {
			v, err := ReadReply(r)
			var re ReplyError
			switch {
			case errors.As(err, &re):
				arr[i] = re
			case err != nil:
				return nil, err
			default:
				arr[i] = v
			}
		}
		return arr, nil
	}
	return nil, fmt.Errorf("%w: unknown type byte %q", ErrProtocol, line[0])
}

// checkLoopback refuses any address that is not on this machine's loopback:
// the harness injects faults and must never point them at a real host.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("redistest: bad address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("redistest: refusing non-loopback address %q", addr)
}

// infoField returns the value of "key:value" in an INFO or CLUSTER INFO text.
func infoField(info, key string) string {
	for line := range strings.Lines(info) {
		line = strings.TrimRight(line, "\r\n")
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return v
		}
	}
	return ""
}

// doString runs a command whose reply must be a string (INFO, CLUSTER NODES...).
func doString(ctx context.Context, addr string, args ...string) (string, error) {
	v, err := doWithin(ctx, callTimeout, addr, args...)
	if err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("redistest: %s %s: unexpected reply %T", addr, args[0], v)
	}
	return s, nil
}
