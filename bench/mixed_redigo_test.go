package bench

import (
	"context"

	redigo "github.com/gomodule/redigo/redis"
)

// redigoMixed sends ops on one pooled connection: Send each, Flush once,
// Receive each, the way redigo pipelines. Every reply is converted with
// redigo's helpers, as an application would.
func redigoMixed(pool *redigo.Pool) func(context.Context, []op, bool) error {
	return func(ctx context.Context, ops []op, check bool) error {
		conn, err := pool.GetContext(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		for _, o := range ops {
			switch o.kind {
			case opIncr:
				err = conn.Send("INCR", o.key)
			case opSet:
				err = conn.Send("SET", o.key, o.val)
			case opGet:
				err = conn.Send("GET", o.key)
			case opHSet:
				err = conn.Send("HSET", o.key, "f", o.val)
			case opHGetAll:
				err = conn.Send("HGETALL", o.key)
			case opZAdd:
				err = conn.Send("ZADD", o.key, zscore, o.val)
			case opExpire:
				err = conn.Send("EXPIRE", o.key, int64(ttl.Seconds()))
			}
			if err != nil {
				return err
			}
		}
		if err := conn.Flush(); err != nil {
			return err
		}
		for i, o := range ops {
			var got any
			switch o.kind {
			case opIncr, opHSet, opZAdd:
				got, err = redigo.Int64(conn.Receive())
			case opSet, opGet:
				got, err = redigo.String(conn.Receive())
			case opHGetAll:
				got, err = redigo.StringMap(conn.Receive())
			case opExpire:
				got, err = redigo.Bool(conn.Receive())
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
