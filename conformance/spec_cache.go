package conformance

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// dataServers are the addresses of every server that may answer the main
// connection's commands: the standalone server, every cluster node, every
// node of the sentinel deployment.
func (s *Suite) dataServers() []string {
	switch {
	case s.ClusterNodes != nil:
		return s.ClusterNodes.Addrs()
	case s.SentinelNodes != nil:
		addrs := make([]string, len(s.SentinelNodes.Nodes))
		for i, n := range s.SentinelNodes.Nodes {
			addrs[i] = n.Addr
		}
		return addrs
	}
	return []string{s.MainAddr}
}

// serverCalls is how many times the main connection's servers have run
// the command name (INFO commandstats, summed over dataServers), so a spec
// can tell whether a read reached a server.
func (s *Suite) serverCalls(ctx context.Context, name string) int64 {
	GinkgoHelper()
	field := "cmdstat_" + strings.ToLower(name) + ":calls="
	var n int64
	for _, addr := range s.dataServers() {
		v, err := redistest.Do(ctx, addr, "INFO", "commandstats")
		Expect(err).NotTo(HaveOccurred(), "INFO commandstats on %s", addr)
		text, _ := v.(string)
		for line := range strings.SplitSeq(text, "\r\n") {
			if rest, ok := strings.CutPrefix(line, field); ok {
				calls, _, _ := strings.Cut(rest, ",")
				c, err := strconv.ParseInt(calls, 10, 64)
				Expect(err).NotTo(HaveOccurred(), "%q on %s", line, addr)
				n += c
			}
		}
	}
	return n
}

// keyServer is the address of the server that holds key, for a write that
// must come from another client than the backend's.
func (s *Suite) keyServer(ctx context.Context, key string) string {
	GinkgoHelper()
	if s.ClusterNodes != nil {
		return s.owner(ctx, key)
	}
	if s.SentinelNodes != nil {
		addr, err := s.SentinelNodes.Master(ctx)
		Expect(err).NotTo(HaveOccurred())
		return addr
	}
	return s.MainAddr
}

// caches reports whether the main backend answers Cached reads from a
// client-side cache (ports.ReadCacher).
func (s *Suite) caches(ctx context.Context) bool {
	GinkgoHelper()
	ok, err := ports.CachesReads(ctx, s.Main)
	Expect(err).NotTo(HaveOccurred(), "ports.CachesReads")
	return ok
}

// requireCaching skips a spec about the cache on a backend without one.
func (s *Suite) requireCaching(ctx context.Context) {
	GinkgoHelper()
	if !s.caches(ctx) {
		Skip(fmt.Sprintf("%s has no client-side cache (ports.CachesReads is false for %T): it sends Cached reads to the server, as \"Cached reads are sent to the server by a backend without a cache\" checks",
			CurrentSpecReport().ContainerHierarchyTexts[0], s.Main))
	}
}

// cachedGet reads key in a root pipeline of its own, Cached(ttl).
func (s *Suite) cachedGet(ctx context.Context, c *redpipe.Client, key string, ttl time.Duration) string {
	GinkgoHelper()
	p := c.Pipeline(redpipe.Cached(ttl))
	v := p.Get(key)
	Expect(p.Exec(ctx)).To(Succeed())
	return v.Val()
}

var _ = register(func(s *Suite) {
	Describe("Cached reads (client-side caching)", func() {
		It("a cached read is answered from the client's cache the second time, without reaching the server", func(ctx SpecContext) {
			s.requireCaching(ctx)
			k := s.Key("cached")
			s.Arrange(ctx, []string{"SET", k, "v1"})
			before := s.serverCalls(ctx, "GET")
			Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v1"))
			Expect(s.serverCalls(ctx, "GET")).To(Equal(before+1), "the first read fills the cache")
			Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v1"))
			Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v1"))
			Expect(s.serverCalls(ctx, "GET")).To(Equal(before+1), "the later reads are the cache's")
			Expect(s.MainCalls.Calls()).To(Equal(3), "one backend Exec per root Exec")
		})

		It("cached reads go in the same Exec as the batch's other commands, each with its own reply", func(ctx SpecContext) {
			s.requireCaching(ctx)
			k, h, n := s.Key("cached"), s.Key("hash"), s.Key("counter")
			s.Arrange(ctx, []string{"SET", k, "v1"}, []string{"HSET", h, "a", "1", "b", "2"})
			batch := func() (string, map[string]string, int64) {
				p := s.Client.Pipeline(redpipe.Cached(time.Minute))
				incr := p.Incr(n) // a write of another key: sent, in order
				get := p.Get(k)
				all := p.HGetAll(h)
				Expect(p.Exec(ctx)).To(Succeed())
				return get.Val(), all.Val(), incr.Val()
			}
			gets, hgetalls := s.serverCalls(ctx, "GET"), s.serverCalls(ctx, "HGETALL")
			v, m, i := batch()
			Expect([]any{v, m, i}).To(Equal([]any{"v1", map[string]string{"a": "1", "b": "2"}, int64(1)}))
			v, m, i = batch()
			Expect([]any{v, m, i}).To(Equal([]any{"v1", map[string]string{"a": "1", "b": "2"}, int64(2)}))
			// INCR reached the server both times (its values say so).
			Expect([]int64{s.serverCalls(ctx, "GET") - gets, s.serverCalls(ctx, "HGETALL") - hgetalls}).
				To(Equal([]int64{1, 1}), "GET and HGETALL reached the server once")
			Expect(s.MainCalls.Calls()).To(Equal(2))
		})

		It("a write from another client invalidates the cached read", func(ctx SpecContext) {
			s.requireCaching(ctx)
			k := s.Key("cached")
			s.Arrange(ctx, []string{"SET", k, "v1"})
			Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v1"))
			Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v1"))
			before := s.serverCalls(ctx, "GET")
			_, err := redistest.Do(ctx, s.keyServer(ctx, k), "SET", k, "v2")
			Expect(err).NotTo(HaveOccurred())
			// The server's invalidation comes on the client's own
			// connection, a moment after the write: well within the
			// minute the entry would otherwise live.
			Eventually(func() string { return s.cachedGet(ctx, s.Client, k, time.Minute) }).
				WithTimeout(5 * time.Second).WithPolling(5 * time.Millisecond).Should(Equal("v2"))
			Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v2"))
			Expect(s.serverCalls(ctx, "GET")).To(Equal(before+1), "one read after the invalidation reached the server; the others were the cache's")
		})

		It("a cached read after the client's own acknowledged write sees that write", func(ctx SpecContext) {
			// Redis sends the invalidation of a key after the reply of the
			// write (redis/redis#9422), so a cache that did not wait for it
			// would answer the next read with the old value.
			k := s.Key("cached")
			s.Arrange(ctx, []string{"SET", k, "v0"})
			for i := 1; i <= 50; i++ {
				Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal(fmt.Sprintf("v%d", i-1)))
				p := s.Client.Pipeline()
				p.Set(k, fmt.Sprintf("v%d", i), 0)
				Expect(p.Exec(ctx)).To(Succeed())
				Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal(fmt.Sprintf("v%d", i)), "read %d, right after its write", i)
			}
		})

		It("a cached reply is not kept past its ttl", func(ctx SpecContext) {
			s.requireCaching(ctx)
			k := s.Key("cached")
			s.Arrange(ctx, []string{"SET", k, "v1"})
			const ttl = time.Second
			before := s.serverCalls(ctx, "GET")
			start := time.Now()
			Expect(s.cachedGet(ctx, s.Client, k, ttl)).To(Equal("v1"))
			Expect(s.cachedGet(ctx, s.Client, k, ttl)).To(Equal("v1"))
			Expect(time.Since(start)).To(BeNumerically("<", ttl), "both reads within the ttl")
			Expect(s.serverCalls(ctx, "GET")).To(Equal(before+1), "the second read, within the ttl, was the cache's")
			time.Sleep(ttl + ttl/5)
			Expect(s.cachedGet(ctx, s.Client, k, ttl)).To(Equal("v1"))
			Expect(s.serverCalls(ctx, "GET")).To(Equal(before+2), "past the ttl the read went to the server again")
		})

		It("cached reads keep their place against the batch's writes of their key", func(ctx SpecContext) {
			k, fresh := s.Key("cached"), s.Key("fresh")
			s.Arrange(ctx, []string{"SET", k, "v1"}, []string{"SET", fresh, "f1"})
			Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v1")) // in the cache, where there is one
			p := s.Client.Pipeline(redpipe.Cached(time.Minute))
			early := p.Get(k)
			p.Set(k, "v2", 0)
			late := p.Get(k)
			n := p.Pipeline() // nested: Cached too
			nested := n.Get(k)
			Expect(n.Exec(ctx)).To(Succeed())
			// Not in the cache: its miss must reach the server before the SET.
			before := p.Get(fresh)
			p.Set(fresh, "f2", 0)
			s.ExecOnce(ctx, p)
			Expect([]string{early.Val(), late.Val(), nested.Val(), before.Val()}).To(Equal([]string{"v1", "v2", "v2", "f1"}))
			Expect(s.MainCalls.Commands()[1]).To(Equal([][]string{{"GET", k}, {"SET", k, "v2"}, {"GET", k}, {"GET", k}, {"GET", fresh}, {"SET", fresh, "f2"}}))
		})

		It("reads in an Atomic pipeline, and reads a cache cannot keep exact, reach the server every time", func(ctx SpecContext) {
			s.requireCaching(ctx)
			k := s.Key("cached")
			s.Arrange(ctx, []string{"SET", k, "v1", "EX", "600"})
			gets, ttls := s.serverCalls(ctx, "GET"), s.serverCalls(ctx, "TTL")
			for range 2 {
				p := s.Client.Pipeline(redpipe.Cached(time.Minute))
				tx := p.Pipeline(redpipe.Atomic())
				inTx := tx.Get(k)
				Expect(tx.Exec(ctx)).To(Succeed())
				left := p.TTL(k) // changes with time, no write: never cached
				s.ExecOnce(ctx, p)
				Expect(inTx.Val()).To(Equal("v1"))
				Expect(left.Val()).To(BeNumerically("~", 600*time.Second, 10*time.Second))
			}
			Expect([]int64{s.serverCalls(ctx, "GET") - gets, s.serverCalls(ctx, "TTL") - ttls}).To(Equal([]int64{2, 2}))
		})

		It("cached reads of one key with different arguments keep their own replies", func(ctx SpecContext) {
			// rueidis up to v1.0.79 filed a cached reply under the
			// command's arguments joined without separators, so HGET h ALL
			// and HGETALL h, or GETRANGE s 1 23 and GETRANGE s 12 3, shared
			// one entry and got each other's reply.
			h, str := s.Key("hash"), s.Key("string")
			s.Arrange(ctx, []string{"HSET", h, "ALL", "x", "f", "y"}, []string{"SET", str, "0123456789abcdefghijklmnopqrstuvwxyz"})
			for range 2 { // the second time from the cache, where there is one
				p := s.Client.Pipeline(redpipe.Cached(time.Minute))
				field, all := p.HGet(h, "ALL"), p.HGetAll(h)
				r1, r2 := p.GetRange(str, 1, 23), p.GetRange(str, 12, 3)
				s.ExecOnce(ctx, p)
				Expect([]any{field.Val(), all.Val(), r1.Val(), r2.Val()}).To(Equal([]any{
					"x", map[string]string{"ALL": "x", "f": "y"}, "123456789abcdefghijklmn", ""}))
			}
		})

		It("an Observer is told how many reads of a batch the cache answered", func(ctx SpecContext) {
			s.requireCaching(ctx)
			k, n := s.Key("cached"), s.Key("counter")
			s.Arrange(ctx, []string{"SET", k, "v1"})
			rec := &recorder{}
			c := redpipe.New(redpipe.WithObserver(rec))
			var opts []redpipe.ConnOption
			if s.Coalescing() {
				opts = append(opts, redpipe.WithCoalescing())
			}
			Expect(c.Connect(redpipe.DefaultConn, s.Main, opts...)).To(Succeed())
			for range 2 {
				p := c.Pipeline(redpipe.Cached(time.Minute))
				p.Get(k)
				p.Incr(n)
				Expect(p.Exec(ctx)).To(Succeed())
			}
			Expect(rec.batches).To(HaveLen(2))
			Expect([]int{rec.batches[0].CacheHits, rec.batches[1].CacheHits}).To(Equal([]int{0, 1}))
			ok, err := c.CachesReads(ctx, redpipe.DefaultConn)
			Expect(ok, err).To(BeTrue())
		})

		It("Cached reads are sent to the server by a backend without a cache", func(ctx SpecContext) {
			if s.caches(ctx) {
				Skip(fmt.Sprintf("%s caches reads (ports.CachesReads): the specs above check what its cache does", CurrentSpecReport().ContainerHierarchyTexts[0]))
			}
			k := s.Key("cached")
			s.Arrange(ctx, []string{"SET", k, "v1"})
			before := s.serverCalls(ctx, "GET")
			for range 3 {
				Expect(s.cachedGet(ctx, s.Client, k, time.Minute)).To(Equal("v1"))
			}
			Expect(s.serverCalls(ctx, "GET")).To(Equal(before + 3))
			ok, err := s.Client.CachesReads(ctx, redpipe.DefaultConn)
			Expect(ok, err).To(BeFalse())
		})
	})
})
