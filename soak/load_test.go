package soak

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redpipe-go/redpipe"
)

// atomicConn is the connection name registered with WithTransaction: every
// batch it gets is one MULTI/EXEC.
const atomicConn = "atomic"

// incrScript is the Lua write: one INCR, so a script's success counts 1 on
// its key exactly like a plain INCR does.
var incrScript = redpipe.NewScript(`return redis.call('INCR', KEYS[1])`)

// Load shape. The pacing leaves the 2-core machine room for six Redis
// processes and the fault injector; without it the scheduler's own delays
// would show up as Exec overruns that say nothing about redpipe.
const (
	workers       = 32
	minBudget     = 300 * time.Millisecond // each Exec's ctx deadline is drawn in [minBudget, maxBudget)
	maxBudget     = time.Second
	pace          = 4 * time.Millisecond  // pause between one worker's Execs
	errorPace     = 20 * time.Millisecond // longer after a failed Exec: a dead server fails fast
	maxExecs      = 20000                 // per worker, a bound in count besides the one in time
	maxExamples   = 5                     // per kind of finding, per configuration
	loadHardLimit = 60 * time.Second      // no configuration's load runs longer, whatever the faults do
)

// keys are one worker's keys. They share a hash tag, so on a cluster one
// worker's whole pipeline (the transaction included) is in one slot.
type keys struct {
	tag                    string
	incr, tx, script, hash string
}

func keysFor(config string, worker int) keys {
	tag := fmt.Sprintf("{soak-%s-%d}", config, worker)
	return keys{
		tag:    tag,
		incr:   "soak:" + tag + ":incr",
		tx:     "soak:" + tag + ":tx",
		script: "soak:" + tag + ":script",
		hash:   "soak:" + tag + ":hash",
	}
}

// hashValue is what every worker's hash holds, binary bytes included, so
// a read that comes back different in any byte is caught.
func hashValue(worker int) map[string]string {
	return map[string]string{"owner": strconv.Itoa(worker), "bytes": "\x00\r\n\xff"}
}

// load is the workers of one configuration and what they observed.
type load struct {
	config  string
	ledger  *Ledger
	stop    atomic.Bool
	wg      sync.WaitGroup
	workers []*worker

	started    time.Time
	maxStall   time.Duration // written by watchStalls only, read after halt
	maxStallAt time.Duration
	stalls     []interval
}

// worker is one goroutine. Its figures are its own until the load has
// stopped, so they need no locks.
type worker struct {
	id   int
	keys keys
	rng  *rand.Rand

	ackedIncrs int64 // INCRs of keys.incr acknowledged so far: a GET must never see fewer

	execs, execErrors  int64
	unresolved         int64
	overLimit          int64         // Execs that returned more than MaxOverrun after their deadline
	late               []interval    // their deadline and return, bounded by maxStalls
	maxWithin          time.Duration // the latest of the other Execs
	staleReads, wrongs int64
	maxOverrun         time.Duration
	unresolvedExamples []string
	staleExamples      []string
	wrongExamples      []string
	overrunExample     string
}

func newLoad(config string, seed uint64) *load {
	l := &load{config: config, ledger: NewLedger()}
	l.ledger.AllowLateUnknown() // on every configuration: see AllowLateUnknown
	for i := range workers {
		l.workers = append(l.workers, &worker{id: i, keys: keysFor(config, i), rng: rand.New(rand.NewPCG(seed, uint64(i)))})
	}
	return l
}

// setup writes every worker's hash (the reads check it) and deletes its
// counters, through the client under test, before any fault.
func (l *load) setup(ctx context.Context, c *redpipe.Client) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	p := c.Pipeline()
	for _, w := range l.workers {
		p.Del(w.keys.incr, w.keys.tx, w.keys.script, w.keys.hash)
		var fv []any
		for k, v := range hashValue(w.id) {
			fv = append(fv, k, v)
		}
		p.HSet(w.keys.hash, fv...)
	}
	return p.Exec(ctx)
}

// start runs the workers until halt (or loadHardLimit), and the stall
// watch beside them.
func (l *load) start(ctx context.Context, c *redpipe.Client) {
	l.started = time.Now()
	end := l.started.Add(loadHardLimit)
	l.wg.Go(func() { l.watchStalls(end) })
	for _, w := range l.workers {
		l.wg.Go(func() {
			for n := 0; n < maxExecs && !l.stop.Load() && time.Now().Before(end); n++ {
				failed := w.once(ctx, c, l.ledger, l.started, n)
				if failed {
					time.Sleep(errorPace)
				} else {
					time.Sleep(pace)
				}
			}
		})
	}
}

// halt stops the workers and waits for their last Execs, each bounded by
// its own deadline.
func (l *load) halt() {
	l.stop.Store(true)
	l.wg.Wait()
}

// Composed building blocks, each taking a Scope as application code would:
// called on a pipeline they add to its batch and send nothing themselves.

// readBack's reads may come from the client's cache (a rueidis backend's:
// the others send them), so the checks hold the cache to them too: the
// counter read shows every write acknowledged before it, the hash is
// exact, through kills, freezes, failovers and migrations.
func readBack(ctx context.Context, s redpipe.Scope, k keys) (*redpipe.Future[string], *redpipe.Future[map[string]string]) {
	p := s.Pipeline(redpipe.Cached(time.Minute))
	n := p.Get(k.incr)
	h := p.HGetAll(k.hash)
	_ = p.Exec(ctx)
	return n, h
}

func bump(ctx context.Context, s redpipe.Scope, key string) *redpipe.Future[int64] {
	p := s.Pipeline()
	n := p.Incr(key)
	_ = p.Exec(ctx)
	return n
}

func bumpInTx(ctx context.Context, s redpipe.Scope, key string) *redpipe.Future[int64] {
	p := s.Pipeline(redpipe.On(atomicConn))
	n := p.Incr(key)
	_ = p.Exec(ctx)
	return n
}

func bumpByScript(ctx context.Context, s redpipe.Scope, key string) *redpipe.Future[any] {
	p := s.Pipeline()
	n := p.RunScript(incrScript, []string{key})
	_ = p.Exec(ctx)
	return n
}

// readiness is a future whatever its type.
type readiness interface{ Ready() bool }

// once runs one root Exec — which of the building blocks it composes
// rotates with n, so that single-connection batches (reads and INCR,
// script, transaction alone) and two-connection ones (everything) all
// happen under every fault — and accounts for every future. It reports
// whether the Exec failed.
func (w *worker) once(parent context.Context, c *redpipe.Client, ledger *Ledger, started time.Time, n int) bool {
	p := c.Pipeline()
	var (
		get    *redpipe.Future[string]
		hash   *redpipe.Future[map[string]string]
		incr   *redpipe.Future[int64]
		tx     *redpipe.Future[int64]
		script *redpipe.Future[any]
	)
	switch n % 4 {
	case 0:
		get, hash = readBack(parent, p, w.keys)
		incr = bump(parent, p, w.keys.incr)
		script = bumpByScript(parent, p, w.keys.script)
		tx = bumpInTx(parent, p, w.keys.tx)
	case 1:
		incr = bump(parent, p, w.keys.incr)
		get, hash = readBack(parent, p, w.keys)
	case 2:
		script = bumpByScript(parent, p, w.keys.script)
		get, hash = readBack(parent, p, w.keys)
	case 3:
		tx = bumpInTx(parent, p, w.keys.tx)
	}
	ackedBefore := w.ackedIncrs

	budget := minBudget + time.Duration(w.rng.Int64N(int64(maxBudget-minBudget)))
	ctx, cancel := context.WithTimeout(parent, budget)
	deadline, _ := ctx.Deadline()
	err := p.Exec(ctx)
	returned := time.Now()
	cancel()

	w.execs++
	if err != nil {
		w.execErrors++
	}
	over := returned.Sub(deadline)
	if over > MaxOverrun {
		w.overLimit++
		if len(w.late) < maxStalls {
			w.late = append(w.late, interval{deadline, returned})
		}
	} else {
		w.maxWithin = max(w.maxWithin, over)
	}
	if over > w.maxOverrun {
		w.maxOverrun = over
		w.overrunExample = fmt.Sprintf("worker %d: Exec with a %v budget, deadline at %s, returned %v after it (error: %v)",
			w.id, budget.Round(time.Millisecond), secs(deadline.Sub(started)), over.Round(time.Millisecond), err)
	}

	all := map[string]readiness{}
	if get != nil {
		all["GET"], all["HGETALL"] = get, hash
	}
	if incr != nil {
		all["INCR"] = incr
	}
	if tx != nil {
		all["INCR in MULTI/EXEC"] = tx
	}
	if script != nil {
		all["EVALSHA"] = script
	}
	for _, name := range slices.Sorted(maps.Keys(all)) {
		if !all[name].Ready() {
			w.unresolved++
			w.unresolvedExamples = appendExample(w.unresolvedExamples, fmt.Sprintf("worker %d: %s future not ready after Exec returned (Exec error: %v)", w.id, name, err))
		}
	}

	if incr != nil {
		if ledger.Record("incr", w.keys.incr, incr.Err(), incr.Val()) == Acked {
			w.ackedIncrs++
		}
	}
	if tx != nil {
		ledger.Record("tx", w.keys.tx, tx.Err(), tx.Val())
	}
	if script != nil {
		v, isInt := script.Val().(int64)
		if script.Err() == nil && !isInt {
			w.wrongs++
			w.wrongExamples = appendExample(w.wrongExamples, fmt.Sprintf("worker %d: the script on %s replied %T %v, not a counter", w.id, w.keys.script, script.Val(), script.Val()))
			v = -1
		}
		ledger.Record("script", w.keys.script, script.Err(), v)
	}
	if get != nil {
		w.checkReads(get, hash, ackedBefore)
	}
	return err != nil
}

// checkReads: a GET that succeeded must show at least the INCRs this worker
// had been told ran before the Exec (its only writer); an HGETALL that
// succeeded must give the hash exactly as written.
func (w *worker) checkReads(get *redpipe.Future[string], hash *redpipe.Future[map[string]string], ackedBefore int64) {
	if s, err := get.Result(); err == nil || errors.Is(err, redpipe.ErrNil) {
		v := int64(0)
		if err == nil {
			var perr error
			if v, perr = strconv.ParseInt(s, 10, 64); perr != nil {
				w.wrongs++
				w.wrongExamples = appendExample(w.wrongExamples, fmt.Sprintf("worker %d: GET %s = %q, not a counter", w.id, w.keys.incr, s))
				return
			}
		}
		if v < ackedBefore {
			w.staleReads++
			w.staleExamples = appendExample(w.staleExamples, fmt.Sprintf("worker %d: GET %s = %d after %d acknowledged INCRs", w.id, w.keys.incr, v, ackedBefore))
		}
	}
	if h, err := hash.Result(); err == nil && !maps.Equal(h, hashValue(w.id)) {
		w.wrongs++
		w.wrongExamples = appendExample(w.wrongExamples, fmt.Sprintf("worker %d: HGETALL %s = %q, want %q", w.id, w.keys.hash, h, hashValue(w.id)))
	}
}

func appendExample(list []string, s string) []string {
	if len(list) < maxExamples {
		list = append(list, s)
	}
	return list
}

// totals folds the workers' figures into r. Call after halt.
func (l *load) totals(r *Row) {
	var overrunExample string
	for _, w := range l.workers {
		r.Execs += w.execs
		r.ExecErrors += w.execErrors
		r.Unresolved += w.unresolved
		r.ExecsOverLimit += w.overLimit
		r.StaleReads += w.staleReads
		r.WrongValues += w.wrongs
		if w.maxOverrun > r.MaxOverrun {
			r.MaxOverrun, overrunExample = w.maxOverrun, w.overrunExample
		}
		for _, list := range [][]string{w.unresolvedExamples, w.staleExamples, w.wrongExamples} {
			for _, e := range list {
				if len(r.Examples) < 3*maxExamples {
					r.Examples = append(r.Examples, e)
				}
			}
		}
	}
	r.OverrunExample = overrunExample
	r.MaxStall, r.MaxStallAt = l.maxStall, l.maxStallAt
	for _, w := range l.workers {
		r.MaxOverrunBeyondStalls = max(r.MaxOverrunBeyondStalls, w.maxWithin)
		for _, late := range w.late {
			r.MaxOverrunBeyondStalls = max(r.MaxOverrunBeyondStalls, beyondStalls(late, l.stalls))
		}
	}
}
