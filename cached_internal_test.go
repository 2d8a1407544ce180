package redpipe

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// ttlBackend writes down the CacheTTL of every command it is given: what
// is checked is which commands redpipe lets a cache answer, its own
// decision (no server is involved in it).
type ttlBackend struct {
	mu   sync.Mutex
	ttls [][]time.Duration
}

func (b *ttlBackend) Exec(_ context.Context, cmds []ports.Command, out []ports.Result) {
	ttls := make([]time.Duration, len(cmds))
	for i := range cmds {
		ttls[i] = cmds[i].CacheTTL
		out[i] = ports.Result{Reply: ports.StatusReply("OK")}
	}
	b.mu.Lock()
	b.ttls = append(b.ttls, ttls)
	b.mu.Unlock()
}

func TestCachedMarksCacheableReads(t *testing.T) {
	const m = time.Minute
	for _, c := range []struct {
		name  string
		queue func(p *Pipeline)
		want  []time.Duration
	}{
		{"reads of one key, not TTL or MGET", func(p *Pipeline) {
			p.Get("a")
			p.HGetAll("h")
			p.TTL("a")
			p.MGet("a", "b")
		}, []time.Duration{m, m, 0, 0}},
		{"nested pipelines inherit it, Cached(0) turns it off", func(p *Pipeline) {
			n := p.Pipeline()
			n.Get("a")
			off := n.Pipeline(Cached(0))
			off.Get("b")
			short := p.Pipeline(Cached(time.Second))
			short.Get("c")
			for _, q := range []*Pipeline{off, n, short} {
				_ = q.Exec(context.Background())
			}
		}, []time.Duration{m, 0, time.Second}},
		{"not in an Atomic pipeline", func(p *Pipeline) {
			tx := p.Pipeline(Atomic())
			tx.Get("a")
			in := tx.Pipeline(Cached(m))
			in.Get("b")
			_ = in.Exec(context.Background())
			_ = tx.Exec(context.Background())
			p.Get("c")
		}, []time.Duration{0, 0, 0, 0, m}}, // MULTI, GET, GET, EXEC, GET
		{"not after a write of its key in the batch", func(p *Pipeline) {
			p.Get("a")
			p.Set("a", "v", 0)
			p.Get("a")
			p.Get("b")
		}, []time.Duration{m, 0, 0, m}},
		{"not after a keyless write", func(p *Pipeline) {
			p.Get("a")
			p.FlushDB()
			p.Get("b")
		}, []time.Duration{m, 0, 0}},
		{"not inside MULTI ... EXEC, and after it only for the keys it wrote", func(p *Pipeline) {
			p.Do("MULTI")
			p.Get("a")
			p.Set("b", "v", 0)
			p.Do("EXEC")
			p.Get("a")
			p.Get("b")
		}, []time.Duration{0, 0, 0, 0, m, 0}},
		{"after an Atomic transaction, only for the keys it wrote", func(p *Pipeline) {
			tx := p.Pipeline(Atomic())
			tx.Incr("n")
			_ = tx.Exec(context.Background())
			p.Get("a")
			p.Get("n")
		}, []time.Duration{0, 0, 0, m, 0}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := &ttlBackend{}
			cl := New()
			if err := cl.Connect(DefaultConn, b); err != nil {
				t.Fatal(err)
			}
			p := cl.Pipeline(Cached(m))
			c.queue(p)
			_ = p.Exec(context.Background())
			if len(b.ttls) != 1 || !slices.Equal(b.ttls[0], c.want) {
				t.Errorf("CacheTTLs sent: %v, want one batch %v", b.ttls, c.want)
			}
		})
	}
}

func TestCachedOnATransactionConnection(t *testing.T) {
	b := &ttlBackend{}
	cl := New()
	if err := cl.Connect(DefaultConn, b, WithTransaction()); err != nil {
		t.Fatal(err)
	}
	p := cl.Pipeline(Cached(time.Minute))
	p.Get("a")
	_ = p.Exec(context.Background())
	for _, ttls := range b.ttls {
		for _, ttl := range ttls {
			if ttl != 0 {
				t.Fatalf("CacheTTLs sent on a WithTransaction connection: %v, want none", b.ttls)
			}
		}
	}
}

func TestCachesReadsOfAnUnknownConnection(t *testing.T) {
	if _, err := New().CachesReads(context.Background(), "nowhere"); err == nil {
		t.Fatal("CachesReads of a connection nobody connected gave no error")
	}
	cl := New()
	if err := cl.Connect(DefaultConn, &ttlBackend{}); err != nil {
		t.Fatal(err)
	}
	if ok, err := cl.CachesReads(context.Background(), DefaultConn); ok || err != nil {
		t.Fatalf("CachesReads of a backend without a cache = %v, %v; want false, nil", ok, err)
	}
}
