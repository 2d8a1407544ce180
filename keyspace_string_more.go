package redpipe

import (
	"maps"
	"slices"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// SetEx stores v with a time to live, as go-redis's SetEx; "OK".
func (b StringCmds[T]) SetEx(id string, v T, expiration time.Duration) *Future[string] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *Pipeline, s string) *Future[string] {
		return p.SetEx(b.key(id), s, expiration)
	})
}

// SetArgs stores v with SET's options; "OK", or ErrNil when a Mode
// condition kept it from being stored. With a.Get the reply is the
// replaced value's stored text: GetSet gives it decoded.
func (b StringCmds[T]) SetArgs(id string, v T, a SetArgs) *Future[string] {
	return withValue(b.KeyCmds, b.codec, "SET", id, v, func(p *Pipeline, s string) *Future[string] {
		return p.SetArgs(b.key(id), s, a)
	})
}

// GetEx gives id's value and sets its time to live as go-redis's GetEx
// does: expiration > 0 sets it, 0 removes it (PERSIST), < 0 leaves it.
// Pipeline.GetEx's future is a string, so its option switch is repeated
// here to decode the reply through the codec in the same command.
func (b StringCmds[T]) GetEx(id string, expiration time.Duration) *Future[T] {
	var opt []string
	switch {
	case expiration > 0 && precise(expiration):
		opt = []string{"PX", msArg(expiration)}
	case expiration > 0:
		opt = []string{"EX", secArg(expiration)}
	case expiration == 0:
		opt = []string{"PERSIST"}
	}
	return b.read(id, func(key string) ports.Command { return writeKey("GETEX", key, opt...) })
}

// Append appends v's encoded text to id's stored text and gives the new
// length in bytes. The result must still decode as a T (Text: always;
// Int: appending digits).
func (b StringCmds[T]) Append(id string, v T) *Future[int64] {
	return withValue(b.KeyCmds, b.codec, "APPEND", id, v, func(p *Pipeline, s string) *Future[int64] {
		return p.Append(b.key(id), s)
	})
}

// GetRange gives bytes start to end (both included, negative from the
// end) of id's stored text: a slice of the encoding, not a T, so it is
// not decoded. A missing id gives "".
func (b StringCmds[T]) GetRange(id string, start, end int64) *Future[string] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[string] { return p.GetRange(b.key(id), start, end) })
}

// SetRange overwrites id's stored text from offset with text (not
// encoded, as GetRange is not decoded) and gives the new length.
func (b StringCmds[T]) SetRange(id string, offset int64, text string) *Future[int64] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[int64] { return p.SetRange(b.key(id), offset, text) })
}

// MGet gives the values of ids in order, nil for an id without one. Its
// ids are several hash tags: redpipe's cluster router splits MGET by
// slot, but go-redis's ClusterClient and rueidis's cluster client refuse
// it with CROSSSLOT unless every id hashes to one slot.
func (b StringCmds[T]) MGet(ids ...string) *Future[[]*T] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]*T] {
		i := 0
		return queueBuilt(p, func(r ports.Reply) ([]*T, error) {
			return domain.Slice(r, func(e ports.Reply) (*T, error) {
				id := ""
				if i < len(ids) {
					id = ids[i]
				}
				i++
				if e.IsNil() {
					return nil, nil
				}
				v, err := named(b.where(id), decodeOne(b.codec))(e)
				if err != nil {
					return nil, err
				}
				return &v, nil
			})
		}, newBuilder(true, nil, "MGET").str(b.keys(ids)...).keysFrom(1))
	})
}

// MSet stores every id's value of values (in sorted id order); "OK". One
// value its codec rejects rejects the command. The cluster caveat of MGet
// applies.
func (b StringCmds[T]) MSet(values map[string]T) *Future[string] {
	return mset(b, "MSET", values, domain.Status)
}

// MSetNX is MSet only when none of the ids has a value: true if stored.
func (b StringCmds[T]) MSetNX(values map[string]T) *Future[bool] {
	return mset(b, "MSETNX", values, domain.Bool)
}

func mset[T, R any](b StringCmds[T], name string, values map[string]T, decode func(ports.Reply) (R, error)) *Future[R] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[R] {
		ids := slices.Sorted(maps.Keys(values))
		cmd := newBuilder(false, nil, name)
		for _, id := range ids {
			s, err := b.codec.Encode(values[id])
			if err != nil {
				return reject[R](p, name, valueError(b.where(id), err))
			}
			cmd.str(b.key(id), s)
		}
		return queueBuilt(p, decode, described(cmd))
	})
}
