package keyspace_test

import (
	"fmt"
	"math"
	"slices"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/keyspace"
	"github.com/redpipe-go/redpipe/ports"
	"github.com/redpipe-go/redpipe/structs"
)

// sameSlotIDs returns n other ids whose keys hash to id's cluster slot,
// so that commands over several ids (RENAME, SINTER, ...) run on a
// cluster too.
func sameSlotIDs(id string, n int) []string {
	var out []string
	for i := 0; len(out) < n; i++ {
		if other := fmt.Sprintf("%s-%d", id, i); domain.Slot(other) == domain.Slot(id) {
			out = append(out, other)
		}
	}
	return out
}

// collectIDs drains a keyspace id iterator, failing the spec on an error.
func collectIDs(seq func(func(string, error) bool)) []string {
	GinkgoHelper()
	var ids []string
	for id, err := range seq {
		Expect(err).NotTo(HaveOccurred())
		ids = append(ids, id)
	}
	return ids
}

var _ = register(func(s *conformance.Suite) {
	Describe("Keyspaces", func() {
		It("a keyspace bound to a pipeline joins its batch, bound to a client costs one round trip per call", func(ctx SpecContext) {
			visits := keyspace.NewString(s.Prefix("visits"), redpipe.Int)
			Expect(visits.Key("alice")).To(Equal(visits.Prefix() + "{alice}"))

			p := s.Client.Pipeline()
			v := visits.With(ctx, p)
			set := v.Set("alice", math.MaxInt64-1, 0)
			incr := v.Incr("alice")
			get := v.Get("alice")
			missing := v.Get("bob")
			Expect(s.MainCalls.Calls()).To(Equal(0))
			Expect(get.Ready()).To(BeFalse())
			s.ExecOnce(ctx, p)
			Expect(set.Result()).To(Equal("OK"))
			Expect(incr.Result()).To(Equal(int64(math.MaxInt64)))
			Expect(get.Result()).To(Equal(int64(math.MaxInt64)))
			Expect(missing.Err()).To(MatchError(redpipe.ErrNil))
			conformance.ExpectRawString(s.Raw(ctx, "GET", visits.Key("alice")), "9223372036854775807")

			n := visits.With(ctx, s.Client).IncrBy("bob", 5)
			Expect(n.Ready()).To(BeTrue())
			Expect(n.Result()).To(Equal(int64(5)))
			got := visits.With(ctx, s.Client).Get("bob")
			Expect(got.Result()).To(Equal(int64(5)))
			Expect(s.MainCalls.Calls()).To(Equal(3))
		})

		It("a keyspace defined On a connection sends there, in the same Exec as the rest", func(ctx SpecContext) {
			sessions := keyspace.NewString(s.Prefix("sessions"), redpipe.Text, redpipe.On(conformance.Second))
			local := keyspace.NewString(s.Prefix("local"), redpipe.Text)
			p := s.Client.Pipeline()
			sessions.With(ctx, p).Set("alice", "token-a", 0)
			remote := sessions.With(ctx, p).Get("alice")
			local.With(ctx, p).Set("alice", "here", 0)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(s.MainCalls.Calls()).To(Equal(1))
			Expect(s.OtherCalls.Calls()).To(Equal(1))
			Expect(remote.Result()).To(Equal("token-a"))
			conformance.ExpectRawString(s.RawOther(ctx, "GET", sessions.Key("alice")), "token-a")
			conformance.ExpectRawNil(s.Raw(ctx, "GET", sessions.Key("alice")))
			conformance.ExpectRawString(s.Raw(ctx, "GET", local.Key("alice")), "here")
		})

		It("the generic key commands take ids: DEL, EXISTS, EXPIRE, TTL, PERSIST, TYPE, DUMP/RESTORE, RENAME, SORT", func(ctx SpecContext) {
			ks := keyspace.NewString(s.Prefix("k"), redpipe.Text)
			ids := sameSlotIDs("a", 2)
			twin, spare := ids[0], ids[1]

			p := s.Client.Pipeline()
			b := ks.With(ctx, p)
			b.Set("a", "x", 0)
			b.Set(twin, "y", 0)
			exists := b.Exists("a", twin, spare)
			expire := b.Expire("a", time.Minute)
			ttl := b.TTL("a")
			pexpire := b.PExpire(twin, 90*time.Second)
			pttl := b.PTTL(twin)
			persist := b.Persist("a")
			ttlAfter := b.TTL("a")
			ttlMissing := b.TTL("missing")
			typ := b.Type("a")
			none := b.Type("missing")
			dump := b.Dump("a")
			renameNX := b.RenameNX("a", twin)
			rename := b.Rename("a", spare)
			moved := b.Get(spare)
			gone := b.Exists("a")
			s.ExecOnce(ctx, p)
			Expect(exists.Result()).To(Equal(int64(2)))
			Expect(expire.Result()).To(BeTrue())
			Expect(ttl.Result()).To(Equal(time.Minute))
			Expect(pexpire.Result()).To(BeTrue())
			Expect(pttl.Val()).To(BeNumerically("~", 90*time.Second, 5*time.Second))
			Expect(persist.Result()).To(BeTrue())
			Expect(ttlAfter.Result()).To(Equal(time.Duration(-1)))
			Expect(ttlMissing.Result()).To(Equal(time.Duration(-2)))
			Expect(typ.Result()).To(Equal("string"))
			Expect(none.Result()).To(Equal("none"))
			Expect(dump.Err()).NotTo(HaveOccurred())
			Expect(renameNX.Result()).To(BeFalse())
			Expect(rename.Result()).To(Equal("OK"))
			Expect(moved.Result()).To(Equal("x"))
			Expect(gone.Result()).To(Equal(int64(0)))

			p = s.Client.Pipeline()
			b = ks.With(ctx, p)
			restore := b.Restore("restored", 0, dump.Val())
			restored := b.Get("restored")
			busy := b.Restore("restored", 0, dump.Val())
			at := b.ExpireAt("restored", time.Now().Add(time.Hour))
			del := b.Del(twin, spare)
			Expect(p.Exec(ctx)).To(MatchError(ContainSubstring("BUSYKEY")))
			Expect(restore.Result()).To(Equal("OK"))
			Expect(restored.Result()).To(Equal("x"))
			conformance.ExpectRedisError(busy.Err(), "BUSYKEY Target key name already exists.")
			Expect(at.Result()).To(BeTrue())
			Expect(del.Result()).To(Equal(int64(2)))
			ttl = ks.With(ctx, s.Client).TTL("restored")
			Expect(ttl.Val()).To(BeNumerically("~", time.Hour, 5*time.Second))

			nums := keyspace.NewList(s.Prefix("nums"), redpipe.Int)
			p = s.Client.Pipeline()
			nums.With(ctx, p).RPush("n", 3, 10, 2)
			numeric := nums.With(ctx, p).Sort("n", nil)
			alpha := nums.With(ctx, p).Sort("n", &redpipe.Sort{Alpha: true, Order: "DESC", Count: 2})
			s.ExecOnce(ctx, p)
			Expect(numeric.Result()).To(Equal([]int64{2, 3, 10}))
			Expect(alpha.Result()).To(Equal([]int64{3, 2}))
		})

		It("SCAN and IDs give the keyspace's ids without prefix or braces, and only its own", func(ctx SpecContext) {
			// SCAN has no key, so on a cluster it would see one node only: the
			// keyspace lives on the second connection, a standalone server in
			// every configuration.
			base := s.Prefix("scan")
			ks := keyspace.NewString(base+"*", redpipe.Text, redpipe.On(conformance.Second))
			lookalike := keyspace.NewString(base+"x", redpipe.Text, redpipe.On(conformance.Second))
			p := s.Client.Pipeline()
			for _, id := range []string{"a1", "a2", "b1", "c}d", "with space"} {
				ks.With(ctx, p).Set(id, "v", 0)
			}
			lookalike.With(ctx, p).Set("a3", "v", 0)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(s.RawOther(ctx, "SET", base+"*{unclosed", "v").Err).NotTo(HaveOccurred())

			Expect(collectIDs(ks.IDs(ctx, s.Client, "*"))).To(ConsistOf("a1", "a2", "b1", "c}d", "with space"))
			Expect(collectIDs(ks.IDs(ctx, s.Client, "a*"))).To(ConsistOf("a1", "a2"))
			Expect(collectIDs(lookalike.IDs(ctx, s.Client, ""))).To(ConsistOf("a3"))

			var paged []string
			var cursor uint64
			for i := 0; ; i++ {
				Expect(i).To(BeNumerically("<", 10000))
				page, err := ks.With(ctx, s.Client).Scan(cursor, "?1", 5).Result()
				Expect(err).NotTo(HaveOccurred())
				paged = append(paged, page.Keys...)
				if cursor = page.Cursor; cursor == 0 {
					break
				}
			}
			Expect(paged).To(ConsistOf("a1", "b1"))
		})

		It("IDs and ScanIterator walk every master of a cluster, and ids on every one come back", func(ctx SpecContext) {
			if s.Topology() != conformance.Cluster {
				Skip("a standalone or sentinel server holds every key: the spec above covers it")
			}
			if _, ok := s.Main.(ports.MasterNodes); !ok {
				Skip(fmt.Sprintf("%T does not implement ports.MasterNodes: SCAN walks one node", s.Main))
			}
			// The suite's own Client counts calls through a wrapper that hides
			// the backend's optional interfaces: connect the backend as it is.
			c := redpipe.New()
			Expect(c.Connect(redpipe.DefaultConn, s.Main)).To(Succeed())
			ks := keyspace.NewString(s.Prefix("everywhere"), redpipe.Text)
			var want []string
			thirds := [3]int{}
			for i := 0; len(want) < 12; i++ {
				id := fmt.Sprintf("id%d", i)
				third := domain.Slot(ks.Key(id)) * 3 / domain.SlotCount
				if thirds[third] < 4 {
					thirds[third]++
					want = append(want, id)
				}
			}
			p := c.Pipeline()
			for _, id := range want {
				ks.With(ctx, p).Set(id, "v", 0)
			}
			Expect(p.Exec(ctx)).To(Succeed())
			slices.Sort(want)
			got := slices.Compact(slices.Sorted(slices.Values(collectIDs(ks.IDs(ctx, c, "id*")))))
			Expect(got).To(Equal(want))
			paged := slices.Compact(slices.Sorted(slices.Values(collectIDs(ks.With(ctx, c).ScanIterator("", 3)))))
			Expect(paged).To(Equal(want))
		})

		It("an id that would empty the hash tag (\"\", or starting with '}') is refused with ErrInvalidValue naming the keyspace, and never sent", func(ctx SpecContext) {
			prefix := s.Prefix("tags")
			ks := keyspace.NewString(prefix, redpipe.Text)
			def := &structs.Def{Prefix: prefix + "-rec", KeyName: "id"}
			p := s.Client.Pipeline()
			empty := ks.With(ctx, p).Set("", "v", 0)
			brace := ks.With(ctx, p).Get("}x")
			del := ks.With(ctx, p).Del("ok", "")
			rec := def.Load(ctx, p, "")
			ok := ks.With(ctx, p).Set("ok", "v", 0)
			inner := ks.With(ctx, p).Set("a}b", "v", 0) // tag "a": still one slot per id
			Expect(p.Exec(ctx)).To(MatchError(redpipe.ErrInvalidValue))
			Expect(empty.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(empty.Err().Error()).To(Equal(fmt.Sprintf("redpipe: invalid value: keyspace %q: the id \"\" would make the hash tag of %q empty, so its keys would not share a cluster slot; use an id that is not empty and does not start with '}'", prefix, prefix+"{}")))
			Expect(brace.Err()).To(MatchError(ContainSubstring(`the id "}x" would make the hash tag`)))
			Expect(del.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(rec.Err()).To(MatchError(ContainSubstring(fmt.Sprintf("keyspace %q: the id \"\"", prefix+"-rec"))))
			Expect(ok.Result()).To(Equal("OK"))
			Expect(inner.Result()).To(Equal("OK"))
			conformance.ExpectRawNil(s.Raw(ctx, "GET", prefix+"{}"))
			conformance.ExpectRawString(s.Raw(ctx, "GET", prefix+"{ok}"), "v")
		})

		It("a keyspace whose prefix has a brace fails every command without sending it", func(ctx SpecContext) {
			bad := keyspace.NewString(s.Prefix("bad")+"{", redpipe.Text)
			p := s.Client.Pipeline()
			set := bad.With(ctx, p).Set("a", "v", 0)
			ok := p.Incr(s.Key("n"))
			err := p.Exec(ctx)
			Expect(err).To(MatchError(redpipe.ErrInvalidValue))
			Expect(set.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(set.Err().Error()).To(ContainSubstring("contains a brace"))
			Expect(ok.Result()).To(Equal(int64(1)))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", bad.Key("a")), 0)
		})
	})
})
