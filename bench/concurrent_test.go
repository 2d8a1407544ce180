package bench

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	goredis "github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
	redigoadapter "github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/ports"
)

// concLevel is one concurrency level: g goroutines doing r requests each
// per burst. g*r is chosen so that a burst takes some tens of ms: long
// enough to dwarf starting the goroutines, short enough to rotate many
// bursts of every variant within the benchtime.
type concLevel struct{ g, r int }

var (
	concLevels    = []concLevel{{1, 128}, {16, 128}, {64, 32}, {256, 8}}
	concRTTLevels = []concLevel{{1, 32}, {16, 32}, {64, 16}}
	// concCheck keeps TestScenarios quick while still running requests
	// from several goroutines at once.
	concCheck = concLevel{4, 3}
)

// concRTT is BenchmarkConcurrentRTT's injected round trip.
const concRTT = time.Millisecond

// concMaxG is the most goroutines any level runs: the hot key sets, one
// per goroutine, are seeded for that many.
const concMaxG = 256

// concKeys is one goroutine's keys. They share a hash tag, so that one
// request stays in one cluster slot.
type concKeys struct {
	k, h, c, s string // GET k, HGETALL h, INCR+EXPIRE c, SET+GET s
	kVal, sVal string
	hVal       map[string]string
}

func newConcKeys(prefix string, g int) concKeys {
	tag := "{" + prefix + "g" + itoa(g) + "}"
	return concKeys{
		k: tag + ":k", h: tag + ":h", c: tag + ":c", s: tag + ":s",
		kVal: "k" + itoa(g), sVal: "s" + itoa(g),
		hVal: map[string]string{"f": "h" + itoa(g), "g": itoa(g)},
	}
}

// concReply is every reply of one request, converted to its Go value.
type concReply struct {
	k      string
	h      map[string]string
	n      int64
	ex     bool
	set, s string
}

// verify checks a request's replies; r is the request's index in its
// goroutine, whose counter started fresh, so INCR must give r+1.
func (ks concKeys) verify(rep concReply, r int) error {
	switch {
	case rep.k != ks.kVal:
		return fmt.Errorf("GET %s: got %q, want %q", ks.k, rep.k, ks.kVal)
	case !maps.Equal(rep.h, ks.hVal):
		return fmt.Errorf("HGETALL %s: got %v, want %v", ks.h, rep.h, ks.hVal)
	case rep.n != int64(r+1):
		return fmt.Errorf("INCR %s: got %d, want %d", ks.c, rep.n, r+1)
	case !rep.ex:
		return fmt.Errorf("EXPIRE %s: false", ks.c)
	case rep.set != "OK":
		return fmt.Errorf("SET %s: got %q, want OK", ks.s, rep.set)
	case rep.s != ks.sVal:
		return fmt.Errorf("GET %s: got %q, want %q", ks.s, rep.s, ks.sVal)
	}
	return nil
}

// concRequest does one request's six commands and returns their replies,
// or the first error.
type concRequest func(ctx context.Context, ks concKeys) (concReply, error)

// concVariant is one way of serving requests, with the keys it uses.
type concVariant struct {
	name string
	do   concRequest
	hot  []concKeys // one per goroutine, seeded once
	// seed stores the values the GET and HGETALL of keys must read.
	seed func(ctx context.Context, keys []concKeys) error
}

// burst runs lv.g goroutines doing lv.r requests each, all released at
// once, and returns the wall time from the release to the last reply.
// Request r of goroutine g records its latency in lat[g*lv.r+r]. Every
// goroutine has returned when burst does.
func (v concVariant) burst(ctx context.Context, lv concLevel, keys []concKeys, lat []time.Duration, check bool) (time.Duration, error) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, lv.g)
	for g := range lv.g {
		wg.Go(func() {
			ks := keys[g]
			<-start
			for r := range lv.r {
				t := time.Now()
				rep, err := v.do(ctx, ks)
				lat[g*lv.r+r] = time.Since(t)
				if err == nil && check {
					err = ks.verify(rep, r)
				}
				if err != nil {
					errs[g] = err
					return
				}
			}
		})
	}
	t := time.Now()
	close(start)
	wg.Wait()
	wall := time.Since(t)
	for _, err := range errs {
		if err != nil {
			return wall, err
		}
	}
	return wall, nil
}

// check runs one burst at concCheck on fresh keys, seeded first.
func (v concVariant) check(ctx context.Context) error {
	prefix := freshPrefix(v.name)
	keys := make([]concKeys, concCheck.g)
	for g := range keys {
		keys[g] = newConcKeys(prefix, g)
	}
	if err := v.seed(ctx, keys); err != nil {
		return err
	}
	_, err := v.burst(ctx, concCheck, keys, make([]time.Duration, concCheck.g*concCheck.r), true)
	return err
}

// concScenario is the concurrent scenario's variants and the ratios to
// report: {a, b} reports tput-a/b (a's req/s over b's: above 1, a serves
// more) and p99-a/b (a's p99 over b's: below 1, a's tail is shorter).
type concScenario struct {
	variants []concVariant
	ratios   [][2]string
}

// asScenario exposes the variants' checks to TestScenarios.
func (sc concScenario) asScenario() scenario {
	var s scenario
	for _, v := range sc.variants {
		s.variants = append(s.variants, variant{name: v.name, run: func(ctx context.Context, _ bool) error { return v.check(ctx) }})
	}
	return s
}

// concTally is one variant's bursts at one level.
type concTally struct {
	wall time.Duration
	reqs int
	lat  []time.Duration
}

// measureConcurrent checks every variant, then, like measure, runs one
// burst of each in a rotating loop, and reports each one's throughput and
// latency percentiles and the ratios.
func measureConcurrent(b *testing.B, sc concScenario, lv concLevel) {
	ctx := context.Background()
	for _, v := range sc.variants {
		if err := v.check(ctx); err != nil {
			b.Fatal(fmtErr(v.name, err))
		}
	}
	n := len(sc.variants)
	tallies := make([]concTally, n)
	buf := make([]time.Duration, lv.g*lv.r)
	b.ResetTimer()
	for i := range b.N {
		for j := range n {
			k := (i + j) % n
			wall, err := sc.variants[k].burst(ctx, lv, sc.variants[k].hot, buf, false)
			if err != nil {
				b.Fatal(fmtErr(sc.variants[k].name, err))
			}
			t := &tallies[k]
			t.wall += wall
			t.reqs += len(buf)
			t.lat = append(t.lat, buf...)
		}
	}
	b.StopTimer()
	tput := make(map[string]float64, n)
	p99 := make(map[string]float64, n)
	for k, v := range sc.variants {
		t := tallies[k]
		slices.Sort(t.lat)
		tput[v.name] = float64(t.reqs) / t.wall.Seconds()
		p99[v.name] = micros(percentile(t.lat, 0.99))
		b.ReportMetric(tput[v.name], v.name+"-req/s")
		b.ReportMetric(micros(percentile(t.lat, 0.50)), v.name+"-p50-µs")
		b.ReportMetric(p99[v.name], v.name+"-p99-µs")
	}
	for _, r := range sc.ratios {
		if _, ok := tput[r[0]]; !ok {
			b.Fatalf("ratio %s/%s: unknown variant %s", r[0], r[1], r[0])
		}
		if _, ok := tput[r[1]]; !ok {
			b.Fatalf("ratio %s/%s: unknown variant %s", r[0], r[1], r[1])
		}
		b.ReportMetric(tput[r[0]]/tput[r[1]], "tput-"+r[0]+"/"+r[1])
		b.ReportMetric(p99[r[0]]/p99[r[1]], "p99-"+r[0]+"/"+r[1])
	}
}

// percentile returns the q-quantile of sorted (nearest rank).
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// The request's three building blocks, written once against redpipe.Scope:
// each queues its two commands on a pipeline nested in the caller's, so
// the request is one root Exec, one round trip.

func readProfile(ctx context.Context, s redpipe.Scope, key, hash string) (*redpipe.Future[string], *redpipe.Future[map[string]string]) {
	p := s.Pipeline()
	k, h := p.Get(key), p.HGetAll(hash)
	_ = p.Exec(ctx) // nested: the root's Exec reports failures
	return k, h
}

func countVisit(ctx context.Context, s redpipe.Scope, counter string) (*redpipe.Future[int64], *redpipe.Future[bool]) {
	p := s.Pipeline()
	n, ex := p.Incr(counter), p.Expire(counter, ttl)
	_ = p.Exec(ctx)
	return n, ex
}

func saveSession(ctx context.Context, s redpipe.Scope, key, val string) (*redpipe.Future[string], *redpipe.Future[string]) {
	p := s.Pipeline()
	set, get := p.Set(key, val, 0), p.Get(key)
	_ = p.Exec(ctx)
	return set, get
}

// resulter is a redpipe future or a go-redis command: both give their
// value and error through Result.
type resulter[T any] interface{ Result() (T, error) }

// read stores r's value in dst unless an earlier read failed, so a
// request's replies are read in order and the first error is kept.
func read[T any](dst *T, r resulter[T], err *error) {
	if *err == nil {
		*dst, *err = r.Result()
	}
}

func redpipeRequest(c *redpipe.Client) concRequest {
	return func(ctx context.Context, ks concKeys) (rep concReply, err error) {
		p := c.Pipeline()
		k, h := readProfile(ctx, p, ks.k, ks.h)
		n, ex := countVisit(ctx, p, ks.c)
		set, s := saveSession(ctx, p, ks.s, ks.sVal)
		if err := p.Exec(ctx); err != nil {
			return rep, err
		}
		read(&rep.k, k, &err)
		read(&rep.h, h, &err)
		read(&rep.n, n, &err)
		read(&rep.ex, ex, &err)
		read(&rep.set, set, &err)
		read(&rep.s, s, &err)
		return rep, err
	}
}

// goredisPipeliner is a go-redis Client or ClusterClient.
type goredisPipeliner interface{ Pipeline() goredis.Pipeliner }

func goredisRequest(rdb goredisPipeliner) concRequest {
	return func(ctx context.Context, ks concKeys) (rep concReply, err error) {
		pipe := rdb.Pipeline()
		k, h := pipe.Get(ctx, ks.k), pipe.HGetAll(ctx, ks.h)
		n, ex := pipe.Incr(ctx, ks.c), pipe.Expire(ctx, ks.c, ttl)
		set, s := pipe.Set(ctx, ks.s, ks.sVal, 0), pipe.Get(ctx, ks.s)
		if _, err := pipe.Exec(ctx); err != nil {
			return rep, err
		}
		read(&rep.k, k, &err)
		read(&rep.h, h, &err)
		read(&rep.n, n, &err)
		read(&rep.ex, ex, &err)
		read(&rep.set, set, &err)
		read(&rep.s, s, &err)
		return rep, err
	}
}

func redigoRequest(pool *redigo.Pool) concRequest {
	return func(ctx context.Context, ks concKeys) (rep concReply, err error) {
		conn, err := pool.GetContext(ctx)
		if err != nil {
			return rep, err
		}
		defer conn.Close()
		for _, c := range [...][]any{
			{"GET", ks.k}, {"HGETALL", ks.h},
			{"INCR", ks.c}, {"EXPIRE", ks.c, int64(ttl.Seconds())},
			{"SET", ks.s, ks.sVal}, {"GET", ks.s},
		} {
			if err := conn.Send(c[0].(string), c[1:]...); err != nil {
				return rep, err
			}
		}
		if err := conn.Flush(); err != nil {
			return rep, err
		}
		// Every reply is received even after a failed one, so that the
		// connection goes back to the pool in step.
		var errs [6]error
		rep.k, errs[0] = redigo.String(conn.Receive())
		rep.h, errs[1] = redigo.StringMap(conn.Receive())
		rep.n, errs[2] = redigo.Int64(conn.Receive())
		rep.ex, errs[3] = redigo.Bool(conn.Receive())
		rep.set, errs[4] = redigo.String(conn.Receive())
		rep.s, errs[5] = redigo.String(conn.Receive())
		for _, err := range errs {
			if err != nil {
				return rep, err
			}
		}
		return rep, nil
	}
}

func rueidisRequest(client rueidis.Client) concRequest {
	return func(ctx context.Context, ks concKeys) (rep concReply, err error) {
		rs := client.DoMulti(ctx,
			client.B().Get().Key(ks.k).Build(),
			client.B().Hgetall().Key(ks.h).Build(),
			client.B().Incr().Key(ks.c).Build(),
			client.B().Expire().Key(ks.c).Seconds(int64(ttl.Seconds())).Build(),
			client.B().Set().Key(ks.s).Value(ks.sVal).Build(),
			client.B().Get().Key(ks.s).Build(),
		)
		if rep.k, err = rs[0].ToString(); err != nil {
			return rep, err
		}
		if rep.h, err = rs[1].AsStrMap(); err != nil {
			return rep, err
		}
		if rep.n, err = rs[2].AsInt64(); err != nil {
			return rep, err
		}
		var ex int64
		if ex, err = rs[3].AsInt64(); err != nil {
			return rep, err
		}
		rep.ex = ex == 1
		if rep.set, err = rs[4].ToString(); err != nil {
			return rep, err
		}
		rep.s, err = rs[5].ToString()
		return rep, err
	}
}

// goredisSeed seeds through rdb, whose pipeline splits keys by slot on a
// cluster.
func goredisSeed(rdb goredisPipeliner) func(ctx context.Context, keys []concKeys) error {
	return func(ctx context.Context, keys []concKeys) error {
		pipe := rdb.Pipeline()
		for _, ks := range keys {
			pipe.Set(ctx, ks.k, ks.kVal, 0)
			pipe.Del(ctx, ks.h)
			pipe.HSet(ctx, ks.h, ks.hVal)
		}
		_, err := pipe.Exec(ctx)
		return err
	}
}

// concVariants builds variants sharing one seeding client, each with its
// own hot keys, seeded now.
type concVariants struct {
	tb   testing.TB
	seed func(ctx context.Context, keys []concKeys) error
	vs   []concVariant
}

func (cv *concVariants) add(name string, do concRequest) {
	cv.tb.Helper()
	hot := make([]concKeys, concMaxG)
	for g := range hot {
		hot[g] = newConcKeys("conc:"+name+":", g)
	}
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if err := cv.seed(ctx, hot); err != nil {
		cv.tb.Fatal(err)
	}
	cv.vs = append(cv.vs, concVariant{name: name, do: do, hot: hot, seed: cv.seed})
}

// concRedigoPool is redigoPool keeping as many idle connections as the
// most goroutines a level runs: with the default 8, every level above 8
// would mostly measure dialling, for raw redigo and redpipe alike.
func concRedigoPool(tb testing.TB, addr string) *redigo.Pool {
	p := newRedigo(tb, addr)
	p.MaxIdle = concMaxG
	return p
}

// standaloneConc adds each driver raw and redpipe over that same client,
// on one server at addr, with the ratios of each redpipe to its driver.
func standaloneConc(tb testing.TB, addr string) concScenario {
	rdb := newGoRedis(tb, addr)
	pool := concRedigoPool(tb, addr)
	rue := newRueidis(tb, addr)
	backends := map[string]ports.Backend{
		"goredis": goredisadapter.NewBackend(rdb),
		"redigo":  redigoadapter.NewBackend(pool),
		"rueidis": rueidisadapter.NewBackend(rue),
	}
	cv := concVariants{tb: tb, seed: goredisSeed(rdb)}
	cv.add("goredis", goredisRequest(rdb))
	cv.add("redigo", redigoRequest(pool))
	cv.add("rueidis", rueidisRequest(rue))
	var ratios [][2]string
	for _, d := range drivers {
		for _, m := range redpipeModes {
			name := "redpipe-" + d + m.suffix
			cv.add(name, redpipeRequest(newRedpipe(tb, backends[d], m.opts...)))
			ratios = append(ratios, [2]string{name, d})
		}
	}
	// What tracing and metrics cost: redpipe over go-redis observed by
	// redpipeotel against the same unobserved.
	cv.add("redpipe-goredis-otel", redpipeRequest(newOtelRedpipe(tb, backends["goredis"])))
	ratios = append(ratios, [2]string{"redpipe-goredis-otel", "redpipe-goredis"})
	// The moonshot: go-redis coalesced against rueidis, which already
	// merges concurrent requests onto shared connections.
	ratios = append(ratios, [2]string{"redpipe-goredis-coalescing", "rueidis"})
	return concScenario{variants: cv.vs, ratios: ratios}
}

// redpipeModes are the ways every redpipe variant is connected: each adds
// one variant per driver, named redpipe-<driver><suffix>.
var redpipeModes = []struct {
	suffix string
	opts   []redpipe.ConnOption
}{
	{"", nil},
	{"-coalescing", []redpipe.ConnOption{redpipe.WithCoalescing()}},
}

var drivers = []string{"goredis", "redigo", "rueidis"}

// clusterConc adds go-redis's ClusterClient pipeline and redpipe's router
// over go-redis node clients, on the shared cluster.
func clusterConc(tb testing.TB) concScenario {
	masters := clusterMasters(tb)
	cc := goredis.NewClusterClient(&goredis.ClusterOptions{Addrs: masters})
	tb.Cleanup(func() { cc.Close() })
	var nodeClients []*goredis.Client
	tb.Cleanup(func() {
		for _, c := range nodeClients {
			c.Close()
		}
	})
	router := newRouter(tb, masters, func(addr string) (ports.Backend, error) {
		c := goredis.NewClient(&goredis.Options{Addr: addr})
		nodeClients = append(nodeClients, c)
		return goredisadapter.NewBackend(c), nil
	})
	cv := concVariants{tb: tb, seed: goredisSeed(cc)}
	cv.add("goredis-cluster", goredisRequest(cc))
	var ratios [][2]string
	for _, m := range redpipeModes {
		name := "redpipe-router-goredis" + m.suffix
		cv.add(name, redpipeRequest(newRedpipe(tb, router, m.opts...)))
		ratios = append(ratios, [2]string{name, "goredis-cluster"})
	}
	return concScenario{variants: cv.vs, ratios: ratios}
}

// concurrentScenario: the service workload over every driver standalone
// and over the cluster, on loopback.
func concurrentScenario(tb testing.TB) concScenario {
	sc := standaloneConc(tb, standalone(tb, 0))
	cl := clusterConc(tb)
	sc.variants = append(sc.variants, cl.variants...)
	sc.ratios = append(sc.ratios, cl.ratios...)
	return sc
}

// concurrentRTTScenario: the same behind a 1 ms round trip, standalone
// only (a cluster's nodes announce their own addresses, which a proxy in
// front of them would not see used).
func concurrentRTTScenario(tb testing.TB) concScenario {
	return standaloneConc(tb, proxied(tb, standalone(tb, 0), concRTT))
}

func benchLevels(b *testing.B, sc concScenario, levels []concLevel) {
	for _, lv := range levels {
		b.Run("g="+itoa(lv.g), func(b *testing.B) { measureConcurrent(b, sc, lv) })
	}
}

// BenchmarkConcurrent: requests of six commands (three composed functions
// of two commands each, one root pipeline) from 1 to 256 goroutines at
// once. An iteration runs one burst of every variant (~2000 requests
// each), so use a count, e.g. -benchtime 10x.
func BenchmarkConcurrent(b *testing.B) { benchLevels(b, concurrentScenario(b), concLevels) }

// BenchmarkConcurrentRTT: the same behind a 1 ms round trip.
func BenchmarkConcurrentRTT(b *testing.B) {
	benchLevels(b, concurrentRTTScenario(b), concRTTLevels)
}
