package conformance

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// Bounds of the failover-under-load spec. The Exec deadline is long on
// purpose: a write cut off by ctx is not what this spec is about, and a
// connection that stalls still ends within it.
const (
	failoverWorkers   = 8
	failoverIncrs     = 3 // INCRs per pipeline, each its own future
	failoverExecLimit = 5 * time.Second
	failoverLoadLimit = 15 * time.Second // the whole load, failover included
	failoverMaxExecs  = 200_000          // per worker, far above what 15 s allows here
	failoverWarmAcks  = 50               // per worker, before the failover starts
	failoverAfterAcks = 20               // per worker, after it completed
)

// writeTally is one worker's count of its INCR futures by outcome. The
// counts are atomic so that the spec can watch progress; errs is read only
// after the worker ended.
type writeTally struct {
	acked   atomic.Int64 // the future has its value: the server ran it
	unknown atomic.Int64 // *ports.TransportError with MaybeWritten: it may have run
	notSent atomic.Int64 // any other error: redpipe says it did not run
	after   atomic.Int64 // acked, sent after Failover had returned
	errs    map[string]int
}

func (t *writeTally) count(err error, afterFailover bool) {
	var te *ports.TransportError
	switch {
	case err == nil:
		t.acked.Add(1)
		if afterFailover {
			t.after.Add(1)
		}
		return
	case errors.As(err, &te) && te.MaybeWritten:
		t.unknown.Add(1)
	default:
		t.notSent.Add(1)
	}
	if _, seen := t.errs[err.Error()]; seen || len(t.errs) < 20 {
		t.errs[err.Error()]++
	}
}

var _ = register(func(s *Suite) {
	Describe("Sentinel failover", func() {
		It("a sentinel failover during load loses no acknowledged write, runs no write reported as not sent, and redpipe works again afterwards with exact values", func(ctx SpecContext) {
			if s.Topology() != Sentinel {
				Skip(fmt.Sprintf("%s's main connection is a %s, not a Sentinel deployment: there is no sentinel to fail its master over (the */sentinel/* configurations run this spec)",
					CurrentSpecReport().ContainerHierarchyTexts[0], map[Topology]string{Standalone: "standalone server", Cluster: "Redis Cluster"}[s.Topology()]))
			}
			d := s.SentinelNodes
			oldMaster, err := d.Master(ctx)
			Expect(err).NotTo(HaveOccurred())

			// A client of its own: s.Client's counting wrapper would keep
			// every one of the thousands of batches.
			c := redpipe.New()
			DeferCleanup(c.Close)
			Expect(c.Connect(redpipe.DefaultConn, s.Main)).To(Succeed())

			keys := make([]string, failoverWorkers)
			tallies := make([]*writeTally, failoverWorkers)
			for i := range keys {
				keys[i] = s.Key("w" + strconv.Itoa(i))
				tallies[i] = &writeTally{errs: map[string]int{}}
			}
			var failedOver, stop atomic.Bool
			loadCtx, cancel := context.WithTimeout(ctx, failoverLoadLimit)
			defer cancel()
			var wg sync.WaitGroup
			for i := range failoverWorkers {
				wg.Go(func() {
					t := tallies[i]
					for n := 0; n < failoverMaxExecs && !stop.Load() && loadCtx.Err() == nil; n++ {
						after := failedOver.Load()
						ectx, cancel := context.WithTimeout(loadCtx, failoverExecLimit)
						p := c.Pipeline()
						futs := make([]*redpipe.Future[int64], failoverIncrs)
						for j := range futs {
							futs[j] = p.Incr(keys[i])
						}
						err := p.Exec(ectx)
						cancel()
						for _, f := range futs {
							t.count(f.Err(), after)
						}
						if err != nil {
							// The fenced old master refuses writes for about
							// a second: no need to spin on it.
							time.Sleep(5 * time.Millisecond)
						}
					}
				})
			}
			stopLoad := func() {
				stop.Store(true)
				wg.Wait()
			}
			// every waits (bounded by the load's limit) until each worker's
			// counter reaches n.
			every := func(counter func(*writeTally) *atomic.Int64, n int64) bool {
				for loadCtx.Err() == nil {
					done := true
					for _, t := range tallies {
						done = done && counter(t).Load() >= n
					}
					if done {
						return true
					}
					time.Sleep(10 * time.Millisecond)
				}
				return false
			}

			warm := every(func(t *writeTally) *atomic.Int64 { return &t.acked }, failoverWarmAcks)
			if !warm {
				stopLoad()
				Fail(fmt.Sprintf("the load did not get %d writes per worker acknowledged within %v", failoverWarmAcks, failoverLoadLimit))
			}
			start := time.Now()
			err = d.Failover(loadCtx)
			took := time.Since(start)
			failedOver.Store(true)
			if err != nil {
				stopLoad()
				Fail(fmt.Sprintf("failover: %v", err))
			}
			newMaster, err := d.Master(ctx)
			if err == nil {
				s.MainAddr = newMaster
			}
			recovered := every(func(t *writeTally) *atomic.Int64 { return &t.after }, failoverAfterAcks)
			stopLoad()
			Expect(err).NotTo(HaveOccurred())
			Expect(newMaster).NotTo(Equal(oldMaster), "the failover moved the master")

			// The new master is the truth: Failover returned once the old
			// master was its replica, and the old master ran no write the
			// new one lacks (redistest fences it first).
			finals := make([]int64, len(keys))
			for i, k := range keys {
				v, err := redistest.Do(ctx, newMaster, "GET", k)
				Expect(err).NotTo(HaveOccurred())
				str, _ := v.(string)
				finals[i], err = strconv.ParseInt(str, 10, 64)
				Expect(err).NotTo(HaveOccurred(), "GET %s on the new master = %#v", k, v)
			}
			var sumAcked, sumUnknown, sumNotSent, sumFinal, lost, ranUnsent int64
			seen := map[string]int{}
			for i, t := range tallies {
				sumAcked += t.acked.Load()
				sumUnknown += t.unknown.Load()
				sumNotSent += t.notSent.Load()
				sumFinal += finals[i]
				lost += max(0, t.acked.Load()-finals[i])
				ranUnsent += max(0, finals[i]-t.acked.Load()-t.unknown.Load())
				for e, n := range t.errs {
					seen[e] += n
				}
			}
			var errs []string
			for _, e := range slices.Sorted(maps.Keys(seen)) {
				errs = append(errs, fmt.Sprintf("%dx %s", seen[e], e))
			}
			GinkgoWriter.Printf("failover %s -> %s in %v under %d workers: acknowledged %d, unknown %d, not sent %d, final %d, lost %d, ran though reported not sent %d\nerrors seen:\n  %s\n",
				oldMaster, newMaster, took.Round(time.Millisecond), failoverWorkers, sumAcked, sumUnknown, sumNotSent, sumFinal, lost, ranUnsent,
				strings.Join(errs, "\n  "))
			for i, t := range tallies {
				acked, unknown := t.acked.Load(), t.unknown.Load()
				Expect(finals[i]).To(BeNumerically(">=", acked),
					"worker %d: %d INCRs acknowledged but the counter is %d: %d acknowledged writes lost", i, acked, finals[i], acked-finals[i])
				Expect(finals[i]).To(BeNumerically("<=", acked+unknown),
					"worker %d: counter %d > %d acknowledged + %d unknown: a write reported as not sent ran", i, finals[i], acked, unknown)
			}
			Expect(recovered).To(BeTrue(), "not every worker got %d writes acknowledged within %v after the failover", failoverAfterAcks, failoverLoadLimit)

			// Afterwards redpipe works at once, with exact values.
			p := c.Pipeline()
			incrs := make([]*redpipe.Future[int64], len(keys))
			for i, k := range keys {
				incrs[i] = p.IncrBy(k, 1000)
			}
			Expect(p.Exec(ctx)).To(Succeed())
			for i, k := range keys {
				Expect(incrs[i].Result()).To(Equal(finals[i]+1000), "INCRBY %s 1000 after the failover", k)
				ExpectRawString(s.Raw(ctx, "GET", k), strconv.FormatInt(finals[i]+1000, 10))
			}
		}, SpecTimeout(failoverLoadLimit+15*time.Second))
	})
})
