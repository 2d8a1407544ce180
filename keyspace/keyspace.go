package keyspace

import (
	"context"
	"fmt"
	"slices"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// Keyspace is what every typed keyspace shares: a prefix, the connection
// its commands go to, and the generic key commands. The key of id is
// Prefix{id}: the id is the cluster hash tag, so the keys of one id in
// every keyspace share a slot.
type Keyspace struct {
	prefix string
	opts   []redpipe.Option
	err    error // a prefix the key rule rejects: every command fails with it
}

func newKeyspace(prefix string, opts []redpipe.Option) Keyspace {
	opts = append(slices.Clip(opts), CheckKeys(prefix))
	return Keyspace{prefix: prefix, opts: opts, err: domain.CheckKeyspacePrefix(prefix)}
}

// CheckKeys is the pipeline Option (redpipe.CheckCommands) that holds every
// command queued on the pipeline to the key rule of the keyspace prefix:
// an id that would leave a key's hash tag empty ("", or one starting with
// '}') is refused with ErrInvalidValue, as its keys would not share a
// cluster slot. Every keyspace, record type and Repository uses it.
func CheckKeys(prefix string) redpipe.Option {
	return redpipe.CheckCommands(func(cmd ports.Command) error { return domain.CheckKeyspaceKeys(prefix, &cmd) })
}

// newCodecKeyspace is newKeyspace for a keyspace whose values go through
// codec: without one, every command fails rather than panicking at the
// first encode.
func newCodecKeyspace[T any](prefix string, opts []redpipe.Option, codec redpipe.Codec[T]) Keyspace {
	ks := newKeyspace(prefix, opts)
	if codec == nil && ks.err == nil {
		ks.err = fmt.Errorf("%w: keyspace %q has no codec", redpipe.ErrInvalidValue, prefix)
	}
	return ks
}

// Prefix is the keyspace's name, the part of every key before the id.
func (k *Keyspace) Prefix() string { return k.prefix }

// Key is the Redis key of id.
func (k *Keyspace) Key(id string) string { return domain.KeyspaceKey(k.prefix, id) }

// ID is the id of a key of this keyspace, and false for any other key.
func (k *Keyspace) ID(key string) (string, bool) { return domain.KeyspaceID(k.prefix, key) }

func (k *Keyspace) bind(ctx context.Context, s redpipe.Scope) KeyCmds {
	if ctx == nil {
		ctx = context.Background()
	}
	return KeyCmds{ks: k, ctx: ctx, scope: s}
}

var errUnbound = fmt.Errorf("%w: keyspace used without a scope (bind it with With)", redpipe.ErrInvalidPipeline)

// KeyCmds are the commands every keyspace has, bound to a scope: each
// method queues its command on a pipeline of the keyspace's connection
// nested in that scope and executes it, so with a *Client a call is one
// round trip of its own and with a *Pipeline it joins that batch. Every
// typed keyspace's bound form embeds it.
type KeyCmds struct {
	ks    *Keyspace
	ctx   context.Context
	scope redpipe.Scope
}

// run is how every bound method reaches Redis: fn queues the command on a
// fresh pipeline of the keyspace's connection, which is executed at once
// (a root pipeline sends, a nested one hands its command to its parent).
func run[R any](b KeyCmds, fn func(p *redpipe.Pipeline) *redpipe.Future[R]) *redpipe.Future[R] {
	if b.scope == nil || b.ks == nil {
		f := redpipe.NewFuture[R]()
		f.Fail(errUnbound)
		return f
	}
	p := b.scope.Pipeline(b.ks.opts...)
	var f *redpipe.Future[R]
	if b.ks.err != nil {
		f = reject[R](p, "KEYSPACE", b.ks.err)
	} else {
		f = fn(p)
	}
	_ = p.Exec(b.ctx) // the command's outcome is on f
	return f
}

func (b KeyCmds) key(id string) string { return domain.KeyspaceKey(b.ks.prefix, id) }

func (b KeyCmds) keys(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = b.key(id)
	}
	return out
}

// where names the keyspace and id in value and decode errors.
func (b KeyCmds) where(id string) string {
	return fmt.Sprintf("keyspace %q id %q", b.ks.prefix, id)
}

// whereIDs names the keyspace and ids of a command over several ids, whose
// reply cannot be pinned on one of them.
func (b KeyCmds) whereIDs(ids []string) string {
	return fmt.Sprintf("keyspace %q ids %q", b.ks.prefix, ids)
}
