package bench

import (
	"context"

	"github.com/redpipe-go/redpipe"
)

// redpipeBatch holds the futures of one batch of ops queued on a redpipe
// pipeline. The slices are the benchmark's bookkeeping (an application
// keeps futures in locals), so they are allocated once, not per call.
type redpipeBatch struct {
	ints  []*redpipe.Future[int64]
	strs  []*redpipe.Future[string]
	maps  []*redpipe.Future[map[string]string]
	bools []*redpipe.Future[bool]
}

func newRedpipeBatch(n int) *redpipeBatch {
	return &redpipeBatch{
		ints:  make([]*redpipe.Future[int64], n),
		strs:  make([]*redpipe.Future[string], n),
		maps:  make([]*redpipe.Future[map[string]string], n),
		bools: make([]*redpipe.Future[bool], n),
	}
}

// queue queues ops on p with redpipe's typed commands.
func (rb *redpipeBatch) queue(p *redpipe.Pipeline, ops []op) {
	for i, o := range ops {
		switch o.kind {
		case opIncr:
			rb.ints[i] = p.Incr(o.key)
		case opSet:
			rb.strs[i] = p.Set(o.key, o.val, 0)
		case opGet:
			rb.strs[i] = p.Get(o.key)
		case opHSet:
			rb.ints[i] = p.HSet(o.key, "f", o.val)
		case opHGetAll:
			rb.maps[i] = p.HGetAll(o.key)
		case opZAdd:
			rb.ints[i] = p.ZAdd(o.key, redpipe.Z{Score: zscore, Member: o.val})
		case opExpire:
			rb.bools[i] = p.Expire(o.key, ttl)
		}
	}
}

// verify compares every future of an executed batch with its exact value.
func (rb *redpipeBatch) verify(ops []op) error {
	for i, o := range ops {
		var got any
		var err error
		switch o.kind {
		case opIncr, opHSet, opZAdd:
			got, err = rb.ints[i].Result()
		case opSet, opGet:
			got, err = rb.strs[i].Result()
		case opHGetAll:
			got, err = rb.maps[i].Result()
		case opExpire:
			got, err = rb.bools[i].Result()
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

// redpipeMixed queues ops on one redpipe pipeline and executes it once.
func redpipeMixed(c *redpipe.Client, n int) func(context.Context, []op, bool) error {
	rb := newRedpipeBatch(n)
	return func(ctx context.Context, ops []op, check bool) error {
		p := c.Pipeline()
		rb.queue(p, ops)
		if err := p.Exec(ctx); err != nil || !check {
			return err // the futures hold their typed values already
		}
		return rb.verify(ops)
	}
}
