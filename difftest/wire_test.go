package difftest

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/redpipe-go/redpipe"
	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
)

// recorder is a stand-in for redis-server that only writes down the
// commands it is sent and answers each with an error (the handshake
// commands excepted). It lets the cases skipped on the local server, for
// commands it lacks, still check one thing: that redpipe puts on the wire
// what go-redis puts there.
type recorder struct {
	ln   net.Listener
	mu   sync.Mutex
	cmds [][]string
}

func startRecorder(t *testing.T) *recorder {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &recorder{ln: ln}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go r.serve(conn)
		}
	}()
	return r
}

func (r *recorder) serve(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		cmd, err := readCommand(br)
		if err != nil {
			return
		}
		reply := "-ERR recorded\r\n"
		switch strings.ToUpper(cmd[0]) {
		case "HELLO":
			// go-redis falls back to RESP2 without HELLO.
			reply = "-ERR unknown command 'HELLO'\r\n"
		case "CLIENT", "PING", "SELECT", "AUTH":
			reply = "+OK\r\n"
		case "DIGEST":
			// A digest that is not 0: the cases match later SETs and
			// DELEXes with it, and a zero digest is where go-redis and
			// redpipe differ on purpose (go-redis drops it, redpipe sends
			// it, see DelExArgs), which a real server never gives.
			reply = "$16\r\n00000000000000ff\r\n"
			fallthrough
		default:
			r.mu.Lock()
			r.cmds = append(r.cmds, cmd)
			r.mu.Unlock()
		}
		if _, err := io.WriteString(conn, reply); err != nil {
			return
		}
	}
}

// readCommand reads one RESP array of bulk strings.
func readCommand(br *bufio.Reader) ([]string, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(line, "*") {
		return nil, fmt.Errorf("not an array: %q", line)
	}
	n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
	if err != nil {
		return nil, err
	}
	out := make([]string, n)
	for i := range out {
		head, err := br.ReadString('\n')
		if err != nil {
			return nil, err
		}
		size, err := strconv.Atoi(strings.TrimSpace(head[1:]))
		if err != nil {
			return nil, err
		}
		buf := make([]byte, size+2)
		if _, err := io.ReadFull(br, buf); err != nil {
			return nil, err
		}
		out[i] = string(buf[:size])
	}
	return out, nil
}

func (r *recorder) take() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.cmds
	r.cmds = nil
	return out
}

// newArgument names the cases that run on the local server but use an
// argument newer than it (BITOP DIFF, SET IFEQ, XTRIM KEEPREF, HSCAN
// NOVALUES): there both sides only get the same syntax error, so what
// they send is checked here too.
var newArgument = map[string]bool{
	"BitOpDiff": true, "BitOpDiff1": true, "BitOpAndOr": true, "BitOpOne": true,
	"SetIFEQ": true, "SetIFNE": true, "XTrimMaxLenMode": true, "XTrimMinIDMode": true, "HScanNoValues": true,
}

// wireDiffs lists the wire differences that are understood and kept, by
// case name, with the reason; none so far.
var wireDiffs = map[string]string{}

// TestWireSkipped sends the calls of every case the local server cannot run
// (its needs name a command COMMAND INFO lacks, or it is in newArgument)
// through go-redis and
// through redpipe (go-redis adapter, RESP2) to two recorders, and compares
// the commands each wrote: the same commands in the same order with the
// same arguments (keywords compared without regard to case, as Redis reads
// them). Replies are not compared: the recorders answer with errors. The
// cases still run in full, values and state, on a server that has the
// commands.
func TestWireSkipped(t *testing.T) {
	s := startServers(t)
	oracleRec, subjectRec := startRecorder(t), startRecorder(t)
	oracle := goredisClient(t, oracleRec.ln.Addr().String(), 2)
	c := redpipe.New()
	if err := c.Connect(redpipe.DefaultConn, goredisadapter.NewBackend(goredisClient(t, subjectRec.ln.Addr().String(), 2))); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	var checked int
	seen := map[string]bool{}
	for _, tc := range append(allCases(), clusterCases(servers{})...) {
		seen[tc.name] = true
		if missingCommand(t, s, tc.needs) == "" && !newArgument[tc.name] {
			continue
		}
		checked++
		k := keyer(tc.name)
		for _, cl := range tc.calls {
			_, _ = cl.oracle(oracle, k)
		}
		p := c.Pipeline()
		for _, cl := range tc.calls {
			cl.queue(p, k)
		}
		_ = p.Exec(ctx)
		want, got := oracleRec.take(), subjectRec.take()
		if d := wireDiff(want, got); d != "" {
			if reason, ok := wireDiffs[tc.name]; ok {
				t.Logf("%s (expected: %s): %s", tc.name, reason, d)
				continue
			}
			t.Errorf("%s: %s", tc.name, d)
		}
	}
	for name := range newArgument {
		if !seen[name] {
			t.Errorf("newArgument names %q, which no case is", name)
		}
	}
	t.Logf("%d cases the local server cannot check in full checked on the wire", checked)
	if checked == 0 {
		t.Log("the local server has every command the cases need: nothing was skipped")
	}
}

func wireDiff(want, got [][]string) string {
	same := len(want) == len(got)
	for i := 0; same && i < len(want); i++ {
		same = len(want[i]) == len(got[i])
		for j := 0; same && j < len(want[i]); j++ {
			same = strings.EqualFold(want[i][j], got[i][j])
		}
	}
	if same {
		return ""
	}
	var b strings.Builder
	b.WriteString("commands differ:\n  go-redis:")
	for _, c := range want {
		fmt.Fprintf(&b, "\n    %q", c)
	}
	b.WriteString("\n  redpipe:")
	for _, c := range got {
		fmt.Fprintf(&b, "\n    %q", c)
	}
	return b.String()
}
