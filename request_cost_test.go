package redpipe

import (
	"context"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// replyBackend answers each command with a reply of the shape its typed
// method decodes, without I/O: what BenchmarkRequestCost measures is
// redpipe's own cost per request, for profiling.
type replyBackend struct{}

func (replyBackend) HonoursContext() bool { return true }

func (replyBackend) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	for i := range cmds {
		switch cmds[i].Args[0] {
		case "INCR":
			out[i] = ports.Result{Reply: ports.IntReply(1)}
		case "EXPIRE":
			out[i] = ports.Result{Reply: ports.IntReply(1)}
		case "HGETALL":
			out[i] = ports.Result{Reply: hgetallReply}
		case "SET":
			out[i] = ports.Result{Reply: ports.StatusReply("OK")}
		default:
			out[i] = ports.Result{Reply: ports.BulkReply("v")}
		}
	}
}

// BenchmarkRequestCost: a service request of three composed functions of
// two commands each (GET+HGETALL, INCR+EXPIRE, SET+GET) in one root Exec,
// over a backend that does no I/O.
func BenchmarkRequestCost(b *testing.B) {
	c := New()
	if err := c.Connect(DefaultConn, replyBackend{}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p := c.Pipeline()
			n1 := p.Pipeline()
			n1.Get("profile:1")
			n1.HGetAll("profile:1:h")
			_ = n1.Exec(ctx)
			n2 := p.Pipeline()
			n2.Incr("visits:1")
			n2.Expire("visits:1", time.Minute)
			_ = n2.Exec(ctx)
			n3 := p.Pipeline()
			n3.Set("session:1", "v", 0)
			n3.Get("session:1")
			_ = n3.Exec(ctx)
			if err := p.Exec(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

var hgetallReply = ports.ArrayReply([]ports.Reply{ports.BulkReply("f"), ports.BulkReply("v")})
