package conformance

import (
	"fmt"
	"net"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Commands: keys", func() {
		It("queues the generic key commands in one round trip and decodes each reply", func(ctx SpecContext) {
			a, b, c, d, l, missing := s.Key("a"), s.Key("b"), s.Key("c"), s.Key("d"), s.Key("l"), s.Key("missing")
			s.Arrange(ctx,
				[]string{"SET", a, "1"}, []string{"SET", b, "2"}, []string{"SET", c, "3"},
				[]string{"SET", d, "4"}, []string{"RPUSH", l, "x"})
			at := time.Now().Add(time.Hour).Truncate(time.Second)
			atMs := time.Now().Add(2 * time.Hour).Truncate(time.Millisecond)

			p := s.Client.Pipeline()
			exists := p.Exists(a, b, missing, a)
			typeA, typeL, typeMissing := p.Type(a), p.Type(l), p.Type(missing)
			touch := p.Touch(a, missing)
			expire := p.Expire(a, time.Minute)
			ttl := p.TTL(a)
			pttl := p.PTTL(a)
			expireMissing := p.Expire(missing, time.Minute)
			ttlMissing, pttlMissing := p.TTL(missing), p.PTTL(missing)
			ttlNoExpiry := p.TTL(b)
			expireNX := p.ExpireNX(a, 2*time.Minute)
			expireXX := p.ExpireXX(b, time.Minute)
			expireGT := p.ExpireGT(a, 2*time.Minute)
			expireLT := p.ExpireLT(a, 3*time.Minute)
			ttlAfterGT := p.TTL(a)
			pexpire := p.PExpire(b, 1500*time.Millisecond)
			pttlB := p.PTTL(b)
			persist := p.Persist(b)
			persistAgain := p.Persist(b)
			ttlPersisted := p.TTL(b)
			expireAt := p.ExpireAt(c, at)
			expireTime := p.ExpireTime(c)
			pexpireAt := p.PExpireAt(d, atMs)
			pexpireTime := p.PExpireTime(d)
			expireTimeNone, expireTimeMissing := p.ExpireTime(b), p.ExpireTime(missing)
			subSecond := p.Expire(s.Key("sub"), 500*time.Millisecond)
			rename := p.Rename(a, s.Key("a2"))
			renameNXTaken := p.RenameNX(b, s.Key("a2"))
			renameNX := p.RenameNX(b, s.Key("b2"))
			copyNew := p.Copy(s.Key("a2"), s.Key("a3"), 0, false)
			copyTaken := p.Copy(s.Key("b2"), s.Key("a3"), 0, false)
			copyReplace := p.Copy(s.Key("b2"), s.Key("a3"), 0, true)
			getA3 := p.Get(s.Key("a3"))
			ttlRenamed := p.TTL(s.Key("a2"))
			del := p.Del(s.Key("a2"), s.Key("a3"), missing)
			unlink := p.Unlink(s.Key("b2"))
			existsAfter := p.Exists(s.Key("a2"), s.Key("b2"), s.Key("a3"))
			s.ExecOnce(ctx, p)

			Expect(exists.Result()).To(Equal(int64(3)), "a key named twice counts twice")
			Expect(typeA.Result()).To(Equal("string"))
			Expect(typeL.Result()).To(Equal("list"))
			Expect(typeMissing.Result()).To(Equal("none"))
			Expect(touch.Result()).To(Equal(int64(1)))
			Expect(expire.Result()).To(BeTrue())
			Expect(ttl.Result()).To(Equal(time.Minute))
			Expect(pttl.Val()).To(And(BeNumerically(">", 59*time.Second), BeNumerically("<=", time.Minute)))
			Expect(expireMissing.Result()).To(BeFalse())
			Expect(ttlMissing.Result()).To(Equal(time.Duration(-2)), "-2: no such key, as go-redis gives it")
			Expect(pttlMissing.Result()).To(Equal(time.Duration(-2)))
			Expect(ttlNoExpiry.Result()).To(Equal(time.Duration(-1)), "-1: no expiry, as go-redis gives it")
			Expect(expireNX.Result()).To(BeFalse(), "NX: the key already has an expiry")
			Expect(expireXX.Result()).To(BeFalse(), "XX: the key has no expiry")
			Expect(expireGT.Result()).To(BeTrue())
			Expect(expireLT.Result()).To(BeFalse(), "LT: 3 minutes is not sooner than 2")
			Expect(ttlAfterGT.Result()).To(Equal(2 * time.Minute))
			Expect(pexpire.Result()).To(BeTrue())
			Expect(pttlB.Val()).To(And(BeNumerically(">", time.Second), BeNumerically("<=", 1500*time.Millisecond)))
			Expect(persist.Result()).To(BeTrue())
			Expect(persistAgain.Result()).To(BeFalse())
			Expect(ttlPersisted.Result()).To(Equal(time.Duration(-1)))
			Expect(expireAt.Result()).To(BeTrue())
			Expect(expireTime.Result()).To(Equal(time.Duration(at.Unix()) * time.Second))
			Expect(pexpireAt.Result()).To(BeTrue())
			Expect(pexpireTime.Result()).To(Equal(time.Duration(atMs.UnixMilli()) * time.Millisecond))
			Expect(expireTimeNone.Result()).To(Equal(time.Duration(-1)))
			Expect(expireTimeMissing.Result()).To(Equal(time.Duration(-2)))
			Expect(subSecond.Result()).To(BeFalse())
			Expect(rename.Result()).To(Equal("OK"))
			Expect(renameNXTaken.Result()).To(BeFalse())
			Expect(renameNX.Result()).To(BeTrue())
			Expect(copyNew.Result()).To(Equal(int64(1)))
			Expect(copyTaken.Result()).To(Equal(int64(0)))
			Expect(copyReplace.Result()).To(Equal(int64(1)))
			Expect(getA3.Result()).To(Equal("2"))
			Expect(ttlRenamed.Result()).To(Equal(2*time.Minute), "RENAME keeps the time to live")
			Expect(del.Result()).To(Equal(int64(2)))
			Expect(unlink.Result()).To(Equal(int64(1)))
			Expect(existsAfter.Result()).To(Equal(int64(0)))
		})

		It("OBJECT, DUMP / RESTORE, SORT, KEYS and MIGRATE", func(ctx SpecContext) {
			str, num, l, nums, letters := s.Key("str"), s.Key("num"), s.Key("l"), s.Key("nums"), s.Key("letters")
			s.Arrange(ctx,
				[]string{"SET", str, "hello"}, []string{"SET", num, "12345"},
				[]string{"RPUSH", l, "a", "b", "c"},
				[]string{"RPUSH", nums, "3", "1", "2"},
				[]string{"RPUSH", letters, "b", "c", "a"},
				[]string{"MSET", s.Key("w_1"), "30", s.Key("w_2"), "10", s.Key("w_3"), "20"},
				[]string{"MSET", s.Key("o_1"), "one", s.Key("o_3"), "three"},
			)
			p := s.Client.Pipeline()
			encStr, encNum := p.ObjectEncoding(str), p.ObjectEncoding(num)
			encMissing := p.ObjectEncoding(s.Key("missing"))
			refcount := p.ObjectRefCount(str)
			idle := p.ObjectIdleTime(str)
			freq := p.ObjectFreq(str)
			dump := p.Dump(l)
			dumpMissing := p.Dump(s.Key("missing"))
			sorted := p.Sort(nums, nil)
			sortedDesc := p.Sort(nums, &redpipe.Sort{Order: "DESC", Offset: 0, Count: 2})
			sortedAlpha := p.SortRO(letters, &redpipe.Sort{Alpha: true})
			// Redis Cluster (7.0) refuses BY and GET patterns: only a single master sorts by them.
			var sortedBy *redpipe.Future[[]string]
			var sortedGet *redpipe.Future[[]any]
			if s.Topology() != Cluster {
				sortedBy = p.Sort(nums, &redpipe.Sort{By: s.Key("w_*")})
				sortedGet = p.SortInterfaces(nums, &redpipe.Sort{Get: []string{"#", s.Key("o_*")}})
			}
			sortedInterfaces := p.SortInterfaces(nums, &redpipe.Sort{Order: "DESC"})
			sortStore := p.SortStore(nums, s.Key("sorted"), &redpipe.Sort{Order: "DESC"})
			stored := p.LRange(s.Key("sorted"), 0, -1)
			sortWrong := p.Sort(str, nil)
			keys := p.Keys(s.Key("*"))
			s.ExecOnceFailing(ctx, p)

			Expect(encStr.Result()).To(Equal("embstr"))
			Expect(encNum.Result()).To(Equal("int"))
			Expect(encMissing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(refcount.Result()).To(Equal(int64(1)))
			Expect(idle.Val()).To(BeNumerically("<=", 2*time.Second))
			Expect(idle.Err()).NotTo(HaveOccurred())
			Expect(freq.Err()).To(MatchError(HavePrefix("ERR An LFU maxmemory policy is not selected")))
			Expect(dump.Val()).NotTo(BeEmpty())
			Expect(dumpMissing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(sorted.Result()).To(Equal([]string{"1", "2", "3"}))
			Expect(sortedDesc.Result()).To(Equal([]string{"3", "2"}))
			Expect(sortedAlpha.Result()).To(Equal([]string{"a", "b", "c"}))
			if s.Topology() != Cluster {
				Expect(sortedBy.Result()).To(Equal([]string{"2", "3", "1"}), "by weights 30, 10, 20")
				Expect(sortedGet.Result()).To(Equal([]any{"1", "one", "2", nil, "3", "three"}))
			}
			Expect(sortedInterfaces.Result()).To(Equal([]any{"3", "2", "1"}))
			Expect(sortStore.Result()).To(Equal(int64(3)))
			Expect(stored.Result()).To(Equal([]string{"3", "2", "1"}))
			ExpectRedisError(sortWrong.Err(), cmdWrongType)
			Expect(keys.Result()).To(ConsistOf(str, num, l, nums, letters,
				s.Key("w_1"), s.Key("w_2"), s.Key("w_3"), s.Key("o_1"), s.Key("o_3"), s.Key("sorted")))

			p = s.Client.Pipeline()
			restore := p.Restore(s.Key("restored"), 0, dump.Val())
			restoreTTL := p.RestoreReplace(l, time.Minute, dump.Val())
			restoreTaken := p.Restore(l, 0, dump.Val())
			restored := p.LRange(s.Key("restored"), 0, -1)
			ttlRestored := p.TTL(l)
			Expect(p.Exec(ctx)).To(MatchError(ContainSubstring("BUSYKEY")))
			Expect(restore.Result()).To(Equal("OK"))
			Expect(restoreTTL.Result()).To(Equal("OK"))
			ExpectRedisError(restoreTaken.Err(), "BUSYKEY Target key name already exists.")
			Expect(restored.Result()).To(Equal([]string{"a", "b", "c"}))
			Expect(ttlRestored.Result()).To(Equal(time.Minute))

			host, port, err := net.SplitHostPort(s.OtherAddr)
			Expect(err).NotTo(HaveOccurred())
			p = s.Client.Pipeline()
			migrate := p.Migrate(host, port, str, 0, 5*time.Second)
			migrateMissing := p.Migrate(host, port, s.Key("missing"), 0, 5*time.Second)
			gone := p.Exists(str)
			s.ExecOnce(ctx, p)
			Expect(migrate.Result()).To(Equal("OK"))
			Expect(migrateMissing.Result()).To(Equal("NOKEY"))
			Expect(gone.Result()).To(Equal(int64(0)))
			ExpectRawString(s.RawOther(ctx, "GET", str), "hello")
		})

		It("SCAN with MATCH, COUNT and TYPE iterates to cursor 0 over exactly the spec's keys", func(ctx SpecContext) {
			var strs []string
			for i := range 25 {
				strs = append(strs, s.Key(fmt.Sprintf("s:%02d", i)))
				s.Arrange(ctx, []string{"SET", strs[i], "v"})
			}
			hashes := []string{s.Key("h:1"), s.Key("h:2")}
			for _, h := range hashes {
				s.Arrange(ctx, []string{"HSET", h, "f", "v"})
			}

			all := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.Scan(cursor, s.Key("*"), 5)
			})
			Expect(all).To(ConsistOf(append(append([]string{}, strs...), hashes...)))

			onlyS := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.Scan(cursor, s.Key("s:*"), 0)
			})
			Expect(onlyS).To(ConsistOf(strs))

			onlyHashes := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.ScanType(cursor, s.Key("*"), 10, "hash")
			})
			Expect(onlyHashes).To(ConsistOf(hashes))

			none := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.ScanType(cursor, s.Key("*"), 100, "zset")
			})
			Expect(none).To(BeEmpty())
		})
	})
})
