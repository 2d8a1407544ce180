package goredis_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/goredis"
)

// ringFixture is a *redis.Ring over the two shared servers, and a redpipe
// Client with the Ring as a plain connection ("plain") and as a
// WithTransaction one ("tx").
type ringFixture struct {
	ring   *redis.Ring
	addrs  [2]string
	client *redpipe.Client
}

func newRingFixture(t *testing.T, ctx context.Context) *ringFixture {
	f := &ringFixture{addrs: [2]string{sharedAddr(t, ctx, 0), sharedAddr(t, ctx, 1)}}
	f.ring = redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": f.addrs[0], "b": f.addrs[1]}})
	t.Cleanup(func() { _ = f.ring.Close() })
	if err := f.ring.ForEachShard(ctx, func(ctx context.Context, c *redis.Client) error { return c.Ping(ctx).Err() }); err != nil {
		t.Fatal(err)
	}
	b := goredis.NewBackend(f.ring)
	f.client = redpipe.New()
	if err := f.client.Connect("plain", b); err != nil {
		t.Fatal(err)
	}
	if err := f.client.Connect("tx", b, redpipe.WithTransaction()); err != nil {
		t.Fatal(err)
	}
	return f
}

// keysOnTwoShards returns n keys of the shard of the first one, and one key
// of the other shard.
func (f *ringFixture) keysOnTwoShards(t *testing.T, p string, n int) (same []string, other string) {
	t.Helper()
	p = strings.NewReplacer("{", "", "}", "").Replace(p) // no shared hash tag: keys spread over the shards
	first, err := f.ring.GetShardClientForKey(p + "k0")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000 && (len(same) < n || other == ""); i++ {
		k := fmt.Sprintf("%sk%d", p, i)
		s, err := f.ring.GetShardClientForKey(k)
		if err != nil {
			t.Fatal(err)
		}
		if s == first && len(same) < n {
			same = append(same, k)
		} else if s != first && other == "" {
			other = k
		}
	}
	if len(same) < n || other == "" {
		t.Fatal("could not find keys on both shards")
	}
	return same, other
}

// serverOf is the address of the shard that owns key.
func (f *ringFixture) serverOf(t *testing.T, key string) string {
	s, err := f.ring.GetShardClientForKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return s.Options().Addr
}

// A WithTransaction batch over a Ring runs as one MULTI/EXEC on the shard of
// its keys, and leaves no connection inside MULTI for later pipelines.
func TestRingTransactionOnOneShard(t *testing.T) {
	ctx := testCtx(t)
	f := newRingFixture(t, ctx)
	p := prefix(t)
	keys, _ := f.keysOnTwoShards(t, p, 8)

	for round := int64(1); round <= 3; round++ {
		tx := f.client.Pipeline(redpipe.On("tx"))
		var fs []*redpipe.Future[int64]
		for _, k := range keys {
			fs = append(fs, tx.Incr(k))
		}
		if err := tx.Exec(ctx); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for i, fu := range fs {
			if v, err := fu.Result(); err != nil || v != round {
				t.Errorf("round %d: INCR %s = %d, %v; want %d", round, keys[i], v, err, round)
			}
		}
		// Ordinary pipelines on the same Ring, after it: real values, never "QUEUED".
		for range 4 {
			pl := f.client.Pipeline(redpipe.On("plain"))
			gets := make([]*redpipe.Future[string], len(keys))
			for i, k := range keys {
				gets[i] = pl.Get(k)
			}
			if err := pl.Exec(ctx); err != nil {
				t.Fatal(err)
			}
			for i, g := range gets {
				if v := g.Val(); v != fmt.Sprint(round) {
					t.Fatalf("round %d: GET %s after the transaction = %q, want %q", round, keys[i], v, fmt.Sprint(round))
				}
			}
		}
	}
	for _, k := range keys {
		if got := raw(t, ctx, f.serverOf(t, k), "GET", k); got != "3" {
			t.Errorf("%s on its shard = %v, want 3", k, got)
		}
	}
}

// A transaction whose keys span Ring shards is refused before anything is
// sent: never half-applied.
func TestRingTransactionAcrossShardsRefused(t *testing.T) {
	ctx := testCtx(t)
	f := newRingFixture(t, ctx)
	p := prefix(t)
	same, other := f.keysOnTwoShards(t, p, 2)

	tx := f.client.Pipeline(redpipe.On("tx"))
	a := tx.Incr(same[0])
	b := tx.Incr(other)
	c := tx.Incr(same[1])
	err := tx.Exec(ctx)
	if !errors.Is(err, redpipe.ErrCrossSlot) {
		t.Fatalf("Exec: %v, want ErrCrossSlot", err)
	}
	for _, fu := range []*redpipe.Future[int64]{a, b, c} {
		if !errors.Is(fu.Err(), redpipe.ErrCrossSlot) {
			t.Errorf("future: %v, want ErrCrossSlot", fu.Err())
		}
	}
	for _, k := range []string{same[0], other, same[1]} {
		if got := raw(t, ctx, f.serverOf(t, k), "GET", k); got != nil {
			t.Errorf("%s = %v after a refused transaction, want nothing written", k, got)
		}
	}
	// The Ring is not poisoned: a plain pipeline gets real replies.
	pl := f.client.Pipeline(redpipe.On("plain"))
	n := pl.Incr(other)
	g := pl.Get(other)
	if err := pl.Exec(ctx); err != nil || n.Val() != 1 || g.Val() != "1" {
		t.Errorf("plain pipeline after the refusal: %v, INCR %d, GET %q; want 1, \"1\"", err, n.Val(), g.Val())
	}
}

// Watch over a Ring pins a connection of the keys' shard; keys of two
// shards are refused before anything is sent.
func TestRingWatch(t *testing.T) {
	ctx := testCtx(t)
	f := newRingFixture(t, ctx)
	p := prefix(t)
	same, other := f.keysOnTwoShards(t, p, 2)

	var n *redpipe.Future[int64]
	err := f.client.Watch(ctx, same, func(tx *redpipe.Tx) error {
		r := tx.Pipeline()
		cur := r.Get(same[0])
		if err := r.Exec(ctx); err != nil && !errors.Is(err, redpipe.ErrNil) {
			return err
		}
		_ = cur
		n = tx.Multi().IncrBy(same[1], 5)
		return nil
	}, redpipe.On("plain"))
	if err != nil || n.Val() != 5 {
		t.Fatalf("Watch on one shard: %v, IncrBy %d; want 5", err, n.Val())
	}
	if got := raw(t, ctx, f.serverOf(t, same[1]), "GET", same[1]); got != "5" {
		t.Errorf("%s on its shard = %v, want 5", same[1], got)
	}

	called := false
	err = f.client.Watch(ctx, []string{same[0], other}, func(tx *redpipe.Tx) error {
		called = true
		r := tx.Pipeline()
		r.Get(same[0])
		_ = r.Exec(ctx)
		tx.Multi().Incr(other)
		return nil
	}, redpipe.On("plain"))
	if !errors.Is(err, redpipe.ErrCrossSlot) {
		t.Errorf("Watch across shards: %v (fn called: %v), want ErrCrossSlot", err, called)
	}
	if got := raw(t, ctx, f.serverOf(t, other), "GET", other); got != nil {
		t.Errorf("%s = %v after a refused Watch, want nothing written", other, got)
	}
}

// Through an AutoPipeliner, whose connections are shared between callers,
// plain pipelines work; transactions and Watch are refused, nothing sent.
func TestAutoPipelinerRefusesTransactions(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	rdb := newClient(t, &redis.Options{Addr: addr})
	ap, err := rdb.AutoPipeline()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ap.Close() })
	c := redpipe.New()
	b := goredis.NewBackend(ap)
	if err := c.Connect("plain", b); err != nil {
		t.Fatal(err)
	}
	if err := c.Connect("tx", b, redpipe.WithTransaction()); err != nil {
		t.Fatal(err)
	}
	k := prefix(t) + "n"

	pl := c.Pipeline(redpipe.On("plain"))
	n := pl.Incr(k)
	if err := pl.Exec(ctx); err != nil || n.Val() != 1 {
		t.Fatalf("plain pipeline through an AutoPipeliner: %v, %d; want 1", err, n.Val())
	}
	tx := c.Pipeline(redpipe.On("tx"))
	m := tx.Incr(k)
	err = tx.Exec(ctx)
	want := "goredis adapter: a MULTI ... EXEC transaction cannot be sent through a *redis.AutoPipeliner: it could split MULTI and EXEC across connections or servers; nothing of it was sent (give NewBackend a *redis.Client, *redis.ClusterClient or *redis.Ring)"
	if err == nil || m.Err() == nil || m.Err().Error() != want {
		t.Errorf("transaction through an AutoPipeliner: %v / %v, want %q", err, m.Err(), want)
	}
	if err := c.Watch(ctx, []string{k}, func(*redpipe.Tx) error { return nil }, redpipe.On("plain")); err == nil {
		t.Error("Watch through an AutoPipeliner succeeded, want it refused")
	}
	if got := raw(t, ctx, addr, "GET", k); got != "1" {
		t.Errorf("%s = %v, want 1: nothing of the refused transaction ran", k, got)
	}
}
