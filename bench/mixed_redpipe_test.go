package bench

import (
	"context"

	"github.com/redpipe-go/redpipe"
)

// redpipeMixed queues ops on one redpipe pipeline and executes it once.
// The future slices are the benchmark's bookkeeping (an application keeps
// futures in locals), so they are allocated once, not per call.
func redpipeMixed(c *redpipe.Client, n int) func(context.Context, []op, bool) error {
	ints := make([]*redpipe.Future[int64], n)
	strs := make([]*redpipe.Future[string], n)
	maps := make([]*redpipe.Future[map[string]string], n)
	bools := make([]*redpipe.Future[bool], n)
	return func(ctx context.Context, ops []op, check bool) error {
		p := c.Pipeline()
		for i, o := range ops {
			switch o.kind {
			case opIncr:
				ints[i] = p.Incr(o.key)
			case opSet:
				strs[i] = p.Set(o.key, o.val, 0)
			case opGet:
				strs[i] = p.Get(o.key)
			case opHSet:
				ints[i] = p.HSet(o.key, "f", o.val)
			case opHGetAll:
				maps[i] = p.HGetAll(o.key)
			case opZAdd:
				ints[i] = p.ZAdd(o.key, redpipe.Z{Score: zscore, Member: o.val})
			case opExpire:
				bools[i] = p.Expire(o.key, ttl)
			}
		}
		if err := p.Exec(ctx); err != nil || !check {
			return err // the futures hold their typed values already
		}
		for i, o := range ops {
			var got any
			var err error
			switch o.kind {
			case opIncr, opHSet, opZAdd:
				got, err = ints[i].Result()
			case opSet, opGet:
				got, err = strs[i].Result()
			case opHGetAll:
				got, err = maps[i].Result()
			case opExpire:
				got, err = bools[i].Result()
			}
			if err != nil {
				return err
			}
			if err := verify(ops, i, got); err != nil {
				return err
			}
		}
		return nil
	}
}
