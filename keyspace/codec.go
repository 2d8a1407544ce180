package keyspace

import (
	"errors"
	"fmt"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// named prefixes a decode error with where the value came from; server
// errors and nil replies pass through as they are.
func named[T any](where string, d func(ports.Reply) (T, error)) func(ports.Reply) (T, error) {
	return func(r ports.Reply) (T, error) {
		v, err := d(r)
		if err != nil && r.Kind != ports.KindError && !errors.Is(err, redpipe.ErrNil) {
			err = fmt.Errorf("%s: %w", where, err)
		}
		return v, err
	}
}

// decodeOne decodes a bulk reply through a codec; a nil reply is ErrNil.
func decodeOne[T any](c redpipe.Codec[T]) func(ports.Reply) (T, error) {
	return func(r ports.Reply) (T, error) {
		s, err := domain.String(r)
		if err != nil {
			var zero T
			return zero, err
		}
		return c.Decode(s)
	}
}

// decodeEach decodes an array of bulk replies through a codec.
func decodeEach[T any](c redpipe.Codec[T]) func(ports.Reply) ([]T, error) {
	one := decodeOne(c)
	return func(r ports.Reply) ([]T, error) { return domain.Slice(r, one) }
}

// encodeEach encodes values for one command; the first rejected value
// rejects the command.
func encodeEach[T any](c redpipe.Codec[T], vs []T) ([]string, error) {
	out := make([]string, len(vs))
	for i, v := range vs {
		s, err := c.Encode(v)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// valueError names the keyspace and id of a value the codec rejected.
func valueError(where string, err error) error {
	if !errors.Is(err, redpipe.ErrInvalidValue) {
		err = fmt.Errorf("%w: %w", redpipe.ErrInvalidValue, err)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// withValue encodes v, the value of id, and queues fn's command with its
// text; a value the codec rejects fails the command, which is never sent.
func withValue[T, R any](b KeyCmds, c redpipe.Codec[T], name, id string, v T, fn func(p *redpipe.Pipeline, s string) *redpipe.Future[R]) *redpipe.Future[R] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[R] {
		s, err := c.Encode(v)
		if err != nil {
			return reject[R](p, name, valueError(b.where(id), err))
		}
		return fn(p, s)
	})
}

// withValues is withValue for several values of one command.
func withValues[T, R any](b KeyCmds, c redpipe.Codec[T], name, id string, vs []T, fn func(p *redpipe.Pipeline, ss []string) *redpipe.Future[R]) *redpipe.Future[R] {
	return run(b, func(p *redpipe.Pipeline) *redpipe.Future[R] {
		ss, err := encodeEach(c, vs)
		if err != nil {
			return reject[R](p, name, valueError(b.where(id), err))
		}
		return fn(p, ss)
	})
}
