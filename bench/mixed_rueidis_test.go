package bench

import (
	"context"

	"github.com/redis/rueidis"
)

// rueidisMixed sends ops with one DoMulti, rueidis's pipelining, and
// converts every reply with rueidis's As* helpers.
func rueidisMixed(client rueidis.Client) func(context.Context, []op, bool) error {
	return func(ctx context.Context, ops []op, check bool) error {
		cmds := make(rueidis.Commands, 0, len(ops))
		for _, o := range ops {
			var c rueidis.Completed
			switch o.kind {
			case opIncr:
				c = client.B().Incr().Key(o.key).Build()
			case opSet:
				c = client.B().Set().Key(o.key).Value(o.val).Build()
			case opGet:
				c = client.B().Get().Key(o.key).Build()
			case opHSet:
				c = client.B().Hset().Key(o.key).FieldValue().FieldValue("f", o.val).Build()
			case opHGetAll:
				c = client.B().Hgetall().Key(o.key).Build()
			case opZAdd:
				c = client.B().Zadd().Key(o.key).ScoreMember().ScoreMember(zscore, o.val).Build()
			case opExpire:
				c = client.B().Expire().Key(o.key).Seconds(int64(ttl.Seconds())).Build()
			}
			cmds = append(cmds, c)
		}
		for i, r := range client.DoMulti(ctx, cmds...) {
			var got any
			var err error
			switch ops[i].kind {
			case opIncr, opHSet, opZAdd:
				got, err = r.AsInt64()
			case opSet, opGet:
				got, err = r.ToString()
			case opHGetAll:
				got, err = r.AsStrMap()
			case opExpire:
				var n int64
				n, err = r.AsInt64()
				got = n == 1
			}
			if err != nil {
				return err
			}
			if check {
				if err := verify(ops, i, got); err != nil {
					return err
				}
			}
		}
		return nil
	}
}
