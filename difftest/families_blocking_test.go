//lint:file-ignore SA1019 the differential test calls deprecated methods on purpose: go-redis still has them, so redpipe does, and both must agree

package difftest

import (
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// emptyWait is the timeout of a blocking call on keys that stay empty: both
// sides must give nil once it passes. go-redis rounds a sub-second timeout
// up to one second (formatSec), which would cost a second per call and
// configuration; so the oracle half of those calls sends the same command
// through go-redis's own Cmd type of the method (the decoding under test
// is go-redis's, only the argument is spelled as redpipe spells it,
// domain.Timeout's "0.02").
const emptyWait = 20 * time.Millisecond

// Blocking pops and moves, on data that is there (served at once, the
// timeout never reached) and on empty keys (nil after emptyWait), and the
// LMOVEM / BLMOVEM pair (Redis 8.10) with COUNT/EXACTLY and OBO/BULK.
var _ = family(func() []tcase {
	return []tcase{
		{name: "BLMPop", arrange: [][]string{args("RPUSH", "@l", "a", "", "\x00\xff")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				key, vals, err := r.BLMPop(ctx, time.Second, "right", 2, k("none"), k("l")).Result()
				return redpipe.KeyValues{Key: key, Values: vals}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BLMPop(time.Second, "right", 2, k("none"), k("l")))
			}),
			// COUNT 0: the server's error, before any wait.
			c(func(r *redis.Client, k K) (any, error) {
				key, vals, err := r.BLMPop(ctx, time.Second, "left", 0, k("l")).Result()
				return redpipe.KeyValues{Key: key, Values: vals}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BLMPop(time.Second, "left", 0, k("l")))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				cmd := redis.NewKeyValuesCmd(ctx, "blmpop", "0.02", 1, k("none"), "LEFT", "COUNT", 1)
				_ = r.Process(ctx, cmd)
				key, vals, err := cmd.Result()
				return redpipe.KeyValues{Key: key, Values: vals}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BLMPop(emptyWait, "left", 1, k("none")))
			}),
		}},
		{name: "BLMove", arrange: [][]string{args("RPUSH", "@l", "\r\n", "b")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.BLMove(ctx, k("l"), k("d"), "LEFT", "RIGHT", time.Second).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BLMove(k("l"), k("d"), "LEFT", "RIGHT", time.Second))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				cmd := redis.NewStringCmd(ctx, "blmove", k("none"), k("d"), "RIGHT", "LEFT", "0.02")
				_ = r.Process(ctx, cmd)
				return cmd.Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BLMove(k("none"), k("d"), "RIGHT", "LEFT", emptyWait))
			}),
		}},
		{name: "BRPopLPush", arrange: [][]string{args("RPUSH", "@l", "a", "")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.BRPopLPush(ctx, k("l"), k("d"), time.Second).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.BRPopLPush(k("l"), k("d"), time.Second))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				cmd := redis.NewStringCmd(ctx, "brpoplpush", k("none"), k("d"), "0.02")
				_ = r.Process(ctx, cmd)
				return cmd.Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BRPopLPush(k("none"), k("d"), emptyWait))
			}),
		}},
		{name: "BZMPop", arrange: [][]string{args("ZADD", "@z", "-inf", "lo", "1.5", "", "inf", "\x00hi")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				key, zs, err := r.BZMPop(ctx, time.Second, "max", 2, k("none"), k("z")).Result()
				return redpipe.ZSliceWithKey{Key: key, Members: toZ(zs)}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BZMPop(time.Second, "max", 2, k("none"), k("z")))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				key, zs, err := r.BZMPop(ctx, time.Second, "MIN", 10, k("z")).Result()
				return redpipe.ZSliceWithKey{Key: key, Members: toZ(zs)}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BZMPop(time.Second, "MIN", 10, k("z")))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				cmd := redis.NewZSliceWithKeyCmd(ctx, "bzmpop", "0.02", 1, k("none"), "MIN", "COUNT", 1)
				_ = r.Process(ctx, cmd)
				key, zs, err := cmd.Result()
				return redpipe.ZSliceWithKey{Key: key, Members: toZ(zs)}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BZMPop(emptyWait, "min", 1, k("none")))
			}),
		}},
		{name: "LMoveM", needs: []string{"LMOVEM"}, arrange: [][]string{args("RPUSH", "@l", "a", "b", "\x00", "", "e")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.LMoveM(ctx, k("l"), k("d"), "LEFT", "LEFT", redis.LMoveMArgs{Mode: redis.LMoveMCount, Count: 2, Order: redis.LMoveMOBO}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LMoveM(k("l"), k("d"), "LEFT", "LEFT", redpipe.LMoveMArgs{Mode: redpipe.LMoveMCount, Count: 2, Order: redpipe.LMoveMOBO}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.LMoveM(ctx, k("l"), k("d"), "RIGHT", "RIGHT", redis.LMoveMArgs{}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LMoveM(k("l"), k("d"), "RIGHT", "RIGHT", redpipe.LMoveMArgs{}))
			}),
			// EXACTLY 5 of the 2 left: nothing moves, nil.
			c(func(r *redis.Client, k K) (any, error) {
				return r.LMoveM(ctx, k("l"), k("d"), "LEFT", "RIGHT", redis.LMoveMArgs{Mode: redis.LMoveMExactly, Count: 5, Order: redis.LMoveMBulk}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LMoveM(k("l"), k("d"), "LEFT", "RIGHT", redpipe.LMoveMArgs{Mode: redpipe.LMoveMExactly, Count: 5, Order: redpipe.LMoveMBulk}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.LMoveM(ctx, k("l"), k("d"), "LEFT", "RIGHT", redis.LMoveMArgs{Count: 10}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LMoveM(k("l"), k("d"), "LEFT", "RIGHT", redpipe.LMoveMArgs{Count: 10}))
			}),
		}},
		{name: "BLMoveM", needs: []string{"BLMOVEM"}, arrange: [][]string{args("RPUSH", "@l", "a", "b", "c")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.BLMoveM(ctx, k("l"), k("d"), "RIGHT", "LEFT", time.Second, redis.LMoveMArgs{Mode: redis.LMoveMCount, Count: 2, Order: redis.LMoveMBulk}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BLMoveM(k("l"), k("d"), "RIGHT", "LEFT", time.Second, redpipe.LMoveMArgs{Mode: redpipe.LMoveMCount, Count: 2, Order: redpipe.LMoveMBulk}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				cmd := redis.NewStringSliceCmd(ctx, "blmovem", k("none"), k("d"), "LEFT", "LEFT", "0.02", "EXACTLY", 1, "OBO")
				_ = r.Process(ctx, cmd)
				return cmd.Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BLMoveM(k("none"), k("d"), "LEFT", "LEFT", emptyWait, redpipe.LMoveMArgs{Mode: redpipe.LMoveMExactly, Count: 1, Order: redpipe.LMoveMOBO}))
			}),
		}},
	}
})
