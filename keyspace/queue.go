package keyspace

import (
	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// How a keyspace command reaches its pipeline: through redpipe.Queue, or
// redpipe.Reject for one built with a value the encoder refused.

func queue[T any](p *redpipe.Pipeline, decode func(ports.Reply) (T, error), cmd ports.Command) *redpipe.Future[T] {
	return redpipe.Queue(p, cmd, decode)
}

// queueKey queues NAME key args..., the most common shape.
func queueKey[T any](p *redpipe.Pipeline, decode func(ports.Reply) (T, error), readOnly bool, name, key string, args ...string) *redpipe.Future[T] {
	cmd := ports.Command{Args: domain.KeyArgs(name, key, args), Keys: domain.FirstKey, ReadOnly: readOnly}
	return redpipe.Queue(p, cmd, decode)
}

// queueBuilt queues what b built, or rejects it with b's encoding error.
func queueBuilt[T any](p *redpipe.Pipeline, decode func(ports.Reply) (T, error), b *domain.Builder) *redpipe.Future[T] {
	cmd, err := b.Command()
	if err != nil {
		return redpipe.Reject[T](p, cmd, err)
	}
	return redpipe.Queue(p, cmd, decode)
}

// reject queues a command that is never sent: its future and Exec's
// error carry err.
func reject[R any](p *redpipe.Pipeline, name string, err error) *redpipe.Future[R] {
	return redpipe.Reject[R](p, ports.Command{Args: []string{name}}, err)
}

// rangeBy is NAME key bounds [WITHSCORES] [LIMIT] of the ...BYSCORE and
// ...BYLEX forms, opt's fields going through the one copy of that rule.
func rangeBy(name, key string, opt *redpipe.ZRangeBy, rev, withScores bool) *domain.Builder {
	if opt == nil {
		opt = &redpipe.ZRangeBy{}
	}
	return domain.KeyCmd(true, name, key).AppendRangeBy(opt.Min, opt.Max, opt.Offset, opt.Count, rev, withScores)
}

// combine is ZUNION / ZINTER numkeys keys... [WEIGHTS] [AGGREGATE] [WITHSCORES].
func combine(name string, store *redpipe.ZStore, withScores bool) *domain.Builder {
	b := domain.NewBuilder(true, nil, name)
	if store == nil {
		b.Str("0")
	} else {
		b.AppendZStore(store.Keys, store.Weights, store.Aggregate)
	}
	if withScores {
		b.Str("WITHSCORES")
	}
	return b.Described()
}
