package bench

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
)

// cachedReads is how many reads one request of the cached scenario makes
// (half GET, half HGETALL), cachedRTT the injected round-trip time.
const (
	cachedReads = 20
	cachedRTT   = time.Millisecond
)

// cachedKeys are the scenario's keys and what they hold: a request reads
// profiles that change rarely, the case client-side caching is for.
func cachedKeys() (strs []string, hashes []string) {
	for i := range cachedReads / 2 {
		strs = append(strs, "cached:s"+itoa(i))
		hashes = append(hashes, "cached:h"+itoa(i))
	}
	return strs, hashes
}

func cachedValue(k string) string { return "v-" + k }

func cachedHash(k string) map[string]string {
	return map[string]string{"name": "n-" + k, "plan": "pro"}
}

// cachedScenario: one request reads 10 strings and 10 hashes that do not
// change, behind a proxy adding 1 ms per round trip, through one rueidis
// client with its cache on (rueidis's defaults: RESP3 tracking). rueidis
// raw: DoMultiCache (answered by the cache) and DoMulti (one round trip);
// redpipe over the same client with and without redpipe.Cached.
func cachedScenario(tb testing.TB) scenario {
	addr := proxied(tb, standalone(tb, 0), cachedRTT)
	rue := newRueidis(tb, addr)
	strs, hashes := cachedKeys()
	ctx := context.Background()
	for i := range strs {
		if err := rue.Do(ctx, rue.B().Set().Key(strs[i]).Value(cachedValue(strs[i])).Build()).Error(); err != nil {
			tb.Fatal(err)
		}
		h := cachedHash(hashes[i])
		if err := rue.Do(ctx, rue.B().Hset().Key(hashes[i]).FieldValue().FieldValue("name", h["name"]).FieldValue("plan", h["plan"]).Build()).Error(); err != nil {
			tb.Fatal(err)
		}
	}
	c := newRedpipe(tb, rueidisadapter.NewBackend(rue))

	checkReplies := func(get func(i int) (string, error), hgetall func(i int) (map[string]string, error)) error {
		for i := range strs {
			v, err := get(i)
			if err != nil {
				return err
			}
			if want := cachedValue(strs[i]); v != want {
				return fmt.Errorf("GET %s: %q, want %q", strs[i], v, want)
			}
			m, err := hgetall(i)
			if err != nil {
				return err
			}
			if want := cachedHash(hashes[i]); !maps.Equal(m, want) {
				return fmt.Errorf("HGETALL %s: %v, want %v", hashes[i], m, want)
			}
		}
		return nil
	}

	raw := func(cached bool) func(ctx context.Context, check bool) error {
		ct := make([]rueidis.CacheableTTL, 0, cachedReads)
		cmds := make([]rueidis.Completed, 0, cachedReads)
		return func(ctx context.Context, check bool) error {
			var res []rueidis.RedisResult
			if cached {
				ct = ct[:0]
				for i := range strs {
					ct = append(ct, rueidis.CT(rue.B().Get().Key(strs[i]).Cache(), time.Minute),
						rueidis.CT(rue.B().Hgetall().Key(hashes[i]).Cache(), time.Minute))
				}
				res = rue.DoMultiCache(ctx, ct...)
			} else {
				cmds = cmds[:0]
				for i := range strs {
					cmds = append(cmds, rue.B().Get().Key(strs[i]).Build(), rue.B().Hgetall().Key(hashes[i]).Build())
				}
				res = rue.DoMulti(ctx, cmds...)
			}
			if !check {
				for _, r := range res {
					if err := r.Error(); err != nil {
						return err
					}
				}
				return nil
			}
			return checkReplies(
				func(i int) (string, error) { return res[2*i].ToString() },
				func(i int) (map[string]string, error) { return res[2*i+1].AsStrMap() })
		}
	}

	rp := func(opts ...redpipe.Option) func(ctx context.Context, check bool) error {
		gets := make([]*redpipe.Future[string], len(strs))
		alls := make([]*redpipe.Future[map[string]string], len(hashes))
		return func(ctx context.Context, check bool) error {
			p := c.Pipeline(opts...)
			for i := range strs {
				gets[i], alls[i] = p.Get(strs[i]), p.HGetAll(hashes[i])
			}
			if err := p.Exec(ctx); err != nil || !check {
				return err
			}
			return checkReplies(
				func(i int) (string, error) { return gets[i].Result() },
				func(i int) (map[string]string, error) { return alls[i].Result() })
		}
	}

	return scenario{
		cmds: cachedReads,
		variants: []variant{
			{name: "rueidis-domulticache", run: raw(true)},
			{name: "redpipe-rueidis-cached", run: rp(redpipe.Cached(time.Minute))},
			{name: "rueidis-domulti", run: raw(false)},
			{name: "redpipe-rueidis", run: rp()},
		},
		ratios: [][2]string{
			{"redpipe-rueidis-cached", "rueidis-domulticache"},
			{"redpipe-rueidis", "rueidis-domulti"},
			{"redpipe-rueidis", "redpipe-rueidis-cached"}, // what the cache saves
		},
	}
}

// BenchmarkCached: the uncached variants take a round trip (~1 ms) each.
func BenchmarkCached(b *testing.B) { measure(b, cachedScenario(b)) }

// cachedMissScenario: a request increments a counter and reads a key the
// cache does not hold (a new key each call), behind the same 1 ms proxy:
// raw rueidis DoMulti of both, and redpipe with the read Cached. The
// miss goes out beside the INCR (nothing of the batch writes the read's
// key), so redpipe costs one round trip, as raw DoMulti does.
func cachedMissScenario(tb testing.TB) scenario {
	addr := proxied(tb, standalone(tb, 0), cachedRTT)
	rue := newRueidis(tb, addr)
	c := newRedpipe(tb, rueidisadapter.NewBackend(rue))
	var seq int
	fresh := func(name string) string { seq++; return "miss:" + name + ":" + itoa(seq) }
	check := func(counter string, n int64, v string, err error) error {
		if err != nil {
			return err
		}
		if n != 1 || v != "" {
			return fmt.Errorf("INCR %s, GET of a new key: %d, %q; want 1, \"\"", counter, n, v)
		}
		return nil
	}
	raw := func(ctx context.Context, chk bool) error {
		counter := "miss:raw-counter"
		if chk {
			counter = freshPrefix("raw") + "n"
		}
		res := rue.DoMulti(ctx, rue.B().Incr().Key(counter).Build(), rue.B().Get().Key(fresh("raw")).Build())
		if !chk {
			if err := res[0].Error(); err != nil {
				return err
			}
			if err := res[1].Error(); err != nil && !rueidis.IsRedisNil(err) {
				return err
			}
			return nil
		}
		n, err := res[0].AsInt64()
		if err == nil && !rueidis.IsRedisNil(res[1].Error()) {
			err = fmt.Errorf("GET of a new key: %v, want nil", res[1])
		}
		return check(counter, n, "", err)
	}
	rp := func(ctx context.Context, chk bool) error {
		counter := "miss:redpipe-counter"
		if chk {
			counter = freshPrefix("redpipe") + "n"
		}
		p := c.Pipeline(redpipe.Cached(time.Minute))
		n := p.Incr(counter)
		v := p.Get(fresh("redpipe"))
		err := p.Exec(ctx)
		if errors.Is(err, redpipe.ErrNil) {
			err = nil
		}
		if err != nil || !chk {
			return err
		}
		got, err := v.Result()
		if errors.Is(err, redpipe.ErrNil) {
			err = nil
		}
		return check(counter, n.Val(), got, err)
	}
	return scenario{
		cmds: 2,
		variants: []variant{
			{name: "rueidis-domulti", run: raw},
			{name: "redpipe-rueidis-cached-miss", run: rp},
		},
		ratios: [][2]string{{"redpipe-rueidis-cached-miss", "rueidis-domulti"}},
	}
}

// BenchmarkCachedMiss: one round trip (~1 ms) per call of each variant.
func BenchmarkCachedMiss(b *testing.B) { measure(b, cachedMissScenario(b)) }
