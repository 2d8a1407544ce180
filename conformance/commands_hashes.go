package conformance

import (
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Commands: hashes", func() {
		It("queues every hash command in one round trip and decodes each reply", func(ctx SpecContext) {
			h, one, missing := s.Key("h"), s.Key("one"), s.Key("missing")
			s.Arrange(ctx, []string{"HSET", one, "f", "v"})
			p := s.Client.Pipeline()
			hset := p.HSet(h, "f1", "v1", "f2", 2)
			hsetSlice := p.HSet(h, []string{"f2", "x", "f3", "v3"})
			hsetNXTaken := p.HSetNX(h, "f1", "z")
			hsetNX := p.HSetNX(h, "f4", "v4")
			hmset := p.HMSet(h, "f5", "v5")
			hget := p.HGet(h, "f2")
			hgetMissingField := p.HGet(h, "nope")
			hgetMissingKey := p.HGet(missing, "f")
			hgetall := p.HGetAll(h)
			hgetallMissing := p.HGetAll(missing)
			hexists, hexistsNot := p.HExists(h, "f1"), p.HExists(h, "nope")
			hdel := p.HDel(h, "f5", "nope")
			hlen, hlenMissing := p.HLen(h), p.HLen(missing)
			hkeys := p.HKeys(h)
			hvals := p.HVals(h)
			hstrlen, hstrlenMissing := p.HStrLen(h, "f1"), p.HStrLen(h, "nope")
			hmget := p.HMGet(h, "f1", "nope", "f3")
			hincr := p.HIncrBy(h, "n", 5)
			hincrNeg := p.HIncrBy(h, "n", -7)
			hincrFloat := p.HIncrByFloat(h, "n", 0.5)
			hrand := p.HRandField(h, 10)
			hrandOne := p.HRandField(one, 1)
			hrandRepeat := p.HRandField(one, -3)
			hrandValues := p.HRandFieldWithValues(one, 1)
			hrandValuesRepeat := p.HRandFieldWithValues(one, -2)
			hrandMissing := p.HRandFieldWithValues(missing, 1)
			s.ExecOnce(ctx, p)

			Expect(hset.Result()).To(Equal(int64(2)))
			Expect(hsetSlice.Result()).To(Equal(int64(1)))
			Expect(hsetNXTaken.Result()).To(BeFalse())
			Expect(hsetNX.Result()).To(BeTrue())
			Expect(hmset.Result()).To(BeTrue())
			Expect(hget.Result()).To(Equal("x"))
			Expect(hgetMissingField.Err()).To(MatchError(redpipe.ErrNil))
			Expect(hgetMissingKey.Err()).To(MatchError(redpipe.ErrNil))
			Expect(hgetall.Result()).To(Equal(map[string]string{"f1": "v1", "f2": "x", "f3": "v3", "f4": "v4", "f5": "v5"}))
			Expect(hgetallMissing.Result()).To(Equal(map[string]string{}))
			Expect(hexists.Result()).To(BeTrue())
			Expect(hexistsNot.Result()).To(BeFalse())
			Expect(hdel.Result()).To(Equal(int64(1)))
			Expect(hlen.Result()).To(Equal(int64(4)))
			Expect(hlenMissing.Result()).To(Equal(int64(0)))
			Expect(hkeys.Result()).To(ConsistOf("f1", "f2", "f3", "f4"))
			Expect(hvals.Result()).To(ConsistOf("v1", "x", "v3", "v4"))
			Expect(hstrlen.Result()).To(Equal(int64(2)))
			Expect(hstrlenMissing.Result()).To(Equal(int64(0)))
			Expect(hmget.Result()).To(Equal([]any{"v1", nil, "v3"}))
			Expect(hincr.Result()).To(Equal(int64(5)))
			Expect(hincrNeg.Result()).To(Equal(int64(-2)))
			Expect(hincrFloat.Result()).To(Equal(-1.5))
			Expect(hrand.Result()).To(ConsistOf("f1", "f2", "f3", "f4", "n"))
			Expect(hrandOne.Result()).To(Equal([]string{"f"}))
			Expect(hrandRepeat.Result()).To(Equal([]string{"f", "f", "f"}))
			Expect(hrandValues.Result()).To(Equal([]redpipe.KeyValue{{Key: "f", Value: "v"}}))
			Expect(hrandValuesRepeat.Result()).To(Equal([]redpipe.KeyValue{{Key: "f", Value: "v"}, {Key: "f", Value: "v"}}))
			Expect(hrandMissing.Result()).To(Equal([]redpipe.KeyValue{}))
		})

		It("keeps Redis's error text per command", func(ctx SpecContext) {
			h, str := s.Key("h"), s.Key("str")
			s.Arrange(ctx, []string{"HSET", h, "f", "abc"}, []string{"SET", str, "x"})
			p := s.Client.Pipeline()
			incr := p.HIncrBy(h, "f", 1)
			incrFloat := p.HIncrByFloat(h, "f", 1)
			wrong := p.HGetAll(str)
			odd := p.HSet(h, "a", "1", "b")
			badValue := p.HSet(h, "g", map[string]string{"x": "y"})
			after := p.HGet(h, "f")
			s.ExecOnceFailing(ctx, p)

			ExpectRedisError(incr.Err(), "ERR hash value is not an integer")
			ExpectRedisError(incrFloat.Err(), "ERR hash value is not a float")
			ExpectRedisError(wrong.Err(), cmdWrongType)
			ExpectRedisError(odd.Err(), "ERR wrong number of arguments for 'hset' command")
			Expect(badValue.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(after.Result()).To(Equal("abc"))
			Expect(s.Raw(ctx, "HEXISTS", h, "g").Reply.Int).To(Equal(int64(0)), "the rejected HSET never reached the server")
		})

		It("HSCAN with MATCH and COUNT iterates to cursor 0 over every field and value", func(ctx SpecContext) {
			h := s.Key("big")
			want := map[string]string{}
			args := []string{"HSET", h}
			for i := range 300 {
				f, v := fmt.Sprintf("f%03d", i), fmt.Sprintf("v%d", i)
				want[f] = v
				args = append(args, f, v)
			}
			args = append(args, "other", "o")
			s.Arrange(ctx, args)

			got := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.HScan(h, cursor, "f*", 20)
			})
			Expect(pairsToMap(got)).To(Equal(want))

			small := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.HScan(h, cursor, "oth*", 0)
			})
			Expect(small).To(Equal([]string{"other", "o"}))

			missing := scanAll(ctx, s.Client, func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult] {
				return p.HScan(s.Key("missing"), cursor, "", 0)
			})
			Expect(missing).To(BeEmpty())
		})
	})
})
