package keyspace_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
)

var _ = register(func(s *conformance.Suite) {
	Describe("Keyspaces of each type: Hash field expiration", func() {
		It("HExpire, HPExpire and HPersist set and clear each field's time to live; HTTL and HPTTL read it", func(ctx SpecContext) {
			s.RequireCommand(ctx, "hexpire")
			users := keyspace.NewHash(s.Prefix("users"), redpipe.Fields{"age": redpipe.Int}, redpipe.Text)
			p := s.Client.Pipeline()
			b := users.With(ctx, p)
			b.HSet("alice", map[string]any{"age": 30, "name": "Alice", "nick": "al"})
			expire := b.HExpire("alice", time.Minute, "age", "nope")
			ttl := b.HTTL("alice", "age", "name", "nope")
			nx := b.HExpireWithArgs("alice", time.Hour, redpipe.HExpireArgs{NX: true}, "age", "name")
			gt := b.HPExpireWithArgs("alice", time.Second, redpipe.HExpireArgs{GT: true}, "age")
			pexpire := b.HPExpire("alice", 90*time.Second, "nick")
			persist := b.HPersist("alice", "age", "name", "nope")
			after := b.HTTL("alice", "age", "name")
			zero := b.HExpire("alice", 0, "nick")
			left := b.HGetAll("alice")
			none := b.HTTL("nobody", "age")
			s.ExecOnce(ctx, p)
			Expect(expire.Result()).To(Equal([]int64{1, -2}))
			Expect(ttl.Result()).To(Equal([]int64{60, -1, -2}))
			Expect(nx.Result()).To(Equal([]int64{0, 1}))
			Expect(gt.Result()).To(Equal([]int64{0}))
			Expect(pexpire.Result()).To(Equal([]int64{1}))
			Expect(persist.Result()).To(Equal([]int64{1, 1, -2}))
			Expect(after.Result()).To(Equal([]int64{-1, -1}))
			Expect(zero.Result()).To(Equal([]int64{2}))
			Expect(left.Result()).To(Equal(map[string]any{"age": int64(30), "name": "Alice"}))
			Expect(none.Result()).To(Equal([]int64{-2}))
		})

		It("HExpireAt and HPExpireAt set an exact instant that HExpireTime and HPExpireTime give back", func(ctx SpecContext) {
			s.RequireCommand(ctx, "hexpire")
			users := keyspace.NewHash(s.Prefix("users"), nil, redpipe.Text)
			at := time.Now().Add(time.Hour).Truncate(time.Second)
			atMs := time.UnixMilli(at.UnixMilli() + 123)
			p := s.Client.Pipeline()
			b := users.With(ctx, p)
			b.HSet("bob", map[string]any{"a": "1", "b": "2", "c": "3"})
			expireAt := b.HExpireAt("bob", at, "a")
			pexpireAt := b.HPExpireAt("bob", atMs, "b")
			xx := b.HExpireAtWithArgs("bob", at, redpipe.HExpireArgs{XX: true}, "c")
			lt := b.HPExpireAtWithArgs("bob", atMs, redpipe.HExpireArgs{LT: true}, "a")
			secs := b.HExpireTime("bob", "a", "b", "c", "nope")
			millis := b.HPExpireTime("bob", "a", "b")
			pttl := b.HPTTL("bob", "b", "c")
			past := b.HExpireAt("bob", time.Unix(1, 0), "c")
			exists := b.HExists("bob", "c")
			s.ExecOnce(ctx, p)
			Expect(expireAt.Result()).To(Equal([]int64{1}))
			Expect(pexpireAt.Result()).To(Equal([]int64{1}))
			Expect(xx.Result()).To(Equal([]int64{0}))
			Expect(lt.Result()).To(Equal([]int64{0}))
			Expect(secs.Result()).To(Equal([]int64{at.Unix(), atMs.Unix(), -1, -2}))
			Expect(millis.Result()).To(Equal([]int64{at.UnixMilli(), atMs.UnixMilli()}))
			Expect(pttl.Val()).To(HaveLen(2))
			Expect(pttl.Val()[0]).To(BeNumerically("~", time.Until(atMs).Milliseconds(), 5000))
			Expect(pttl.Val()[1]).To(Equal(int64(-1)))
			Expect(past.Result()).To(Equal([]int64{2}))
			Expect(exists.Result()).To(BeFalse())
		})
	})
})
