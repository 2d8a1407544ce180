package keyspace_test

import (
	"fmt"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
)

var _ = register(func(s *conformance.Suite) {
	Describe("Keyspaces: HashedString", func() {
		It("spreads ids over its shards by a stable hash, and All visits every shard, the last one too", func(ctx SpecContext) {
			const shards = 4
			scores := keyspace.NewHashedString(s.Prefix("scores"), shards, redpipe.Int)
			want := map[string]int64{}
			perShard := make([]int, shards)
			p := s.Client.Pipeline()
			var sets []*redpipe.Future[bool]
			for i := range 20 {
				id := fmt.Sprintf("u%02d", i)
				want[id] = int64(i)
				perShard[scores.Shard(id)]++
				sets = append(sets, scores.With(ctx, p).Set(id, int64(i)))
			}
			again := scores.With(ctx, p).Set("u01", 100)
			setNX := scores.With(ctx, p).SetNX("u02", 7)
			get := scores.With(ctx, p).Get("u01")
			missing := scores.With(ctx, p).Get("nobody")
			incr := scores.With(ctx, p).IncrBy("u03", 10)
			incrF := scores.With(ctx, p).IncrByFloat("u04", 0.5)
			strlen := scores.With(ctx, p).StrLen("u01")
			exists := scores.With(ctx, p).Exists("u05")
			del := scores.With(ctx, p).Del("u05")
			delAgain := scores.With(ctx, p).Del("u05")
			s.ExecOnce(ctx, p)

			Expect(perShard).NotTo(ContainElement(0), "every shard holds ids, so All must visit each")
			for i, f := range sets {
				Expect(f.Result()).To(BeTrue(), "set %d", i)
			}
			Expect(again.Result()).To(BeFalse())
			Expect(setNX.Result()).To(BeFalse())
			Expect(get.Result()).To(Equal(int64(100)))
			Expect(missing.Err()).To(MatchError(redpipe.ErrNil))
			Expect(incr.Result()).To(Equal(int64(13)))
			Expect(incrF.Result()).To(Equal(4.5))
			Expect(strlen.Result()).To(Equal(int64(3)))
			Expect(exists.Result()).To(BeTrue())
			Expect(del.Result()).To(BeTrue())
			Expect(delAgain.Result()).To(BeFalse())
			conformance.ExpectRawString(s.Raw(ctx, "HGET", scores.ShardKey(scores.Shard("u01")), "u01"), "100")
			Expect(scores.ShardKey(3)).To(Equal(scores.Prefix() + "{3}"))

			want["u01"], want["u03"] = 100, 13
			delete(want, "u04") // 4.5 is not an Int: checked below
			delete(want, "u05")
			got := map[string]int64{}
			var decodeErr error
			for item, err := range scores.All(ctx, s.Client, "") {
				if err != nil {
					decodeErr = err
					break
				}
				got[item.ID] = item.Value
			}
			// u04 holds 4.5 now, which the Int codec refuses: All stops there
			// with an error naming the id.
			Expect(decodeErr).To(MatchError(ContainSubstring(`id "u04"`)))
			Expect(len(got)).To(BeNumerically("<", len(want)))
			Expect(s.Raw(ctx, "HDEL", scores.ShardKey(scores.Shard("u04")), "u04").Err).NotTo(HaveOccurred())

			got = map[string]int64{}
			for item, err := range scores.All(ctx, s.Client, "") {
				Expect(err).NotTo(HaveOccurred())
				got[item.ID] = item.Value
			}
			Expect(got).To(Equal(want))

			tens := map[string]int64{}
			for item, err := range scores.All(ctx, s.Client, "u1*") {
				Expect(err).NotTo(HaveOccurred())
				tens[item.ID] = item.Value
			}
			Expect(tens).To(HaveLen(10))
			for i := 10; i < 20; i++ {
				Expect(tens).To(HaveKeyWithValue("u"+strconv.Itoa(i), int64(i)))
			}
		})
	})
})
