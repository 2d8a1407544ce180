package bench

import (
	"context"
	"errors"

	goredis "github.com/redis/go-redis/v9"
)

// goredisMixed sends ops as one go-redis pipeline: the application's own
// way of pipelining with go-redis.
func goredisMixed(rdb goredis.UniversalClient) func(context.Context, []op, bool) error {
	return func(ctx context.Context, ops []op, check bool) error {
		pipe := rdb.Pipeline()
		for _, o := range ops {
			switch o.kind {
			case opIncr:
				pipe.Incr(ctx, o.key)
			case opSet:
				pipe.Set(ctx, o.key, o.val, 0)
			case opGet:
				pipe.Get(ctx, o.key)
			case opHSet:
				pipe.HSet(ctx, o.key, "f", o.val)
			case opHGetAll:
				pipe.HGetAll(ctx, o.key)
			case opZAdd:
				pipe.ZAdd(ctx, o.key, goredis.Z{Score: zscore, Member: o.val})
			case opExpire:
				pipe.Expire(ctx, o.key, ttl)
			}
		}
		cmds, err := pipe.Exec(ctx)
		if err != nil || !check {
			return err // go-redis has parsed every reply already
		}
		if len(cmds) != len(ops) {
			return errors.New("go-redis returned a short pipeline")
		}
		for i, c := range cmds {
			var got any
			switch c := c.(type) {
			case *goredis.IntCmd:
				got = c.Val()
			case *goredis.StatusCmd:
				got = c.Val()
			case *goredis.StringCmd:
				got = c.Val()
			case *goredis.MapStringStringCmd:
				got = c.Val()
			case *goredis.BoolCmd:
				got = c.Val()
			}
			if err := verify(ops, i, got); err != nil {
				return err
			}
		}
		return nil
	}
}
