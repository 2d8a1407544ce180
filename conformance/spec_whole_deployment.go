package conformance

import (
	"fmt"
	"maps"
	"slices"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

var _ = register(func(s *Suite) {
	Describe("Whole-cluster commands", func() {
		// spread returns keys of this spec in every third of the slots, so
		// that on a 3-master cluster each master holds some.
		spread := func(perThird int) []string {
			var keys []string
			count := [3]int{}
			for i := 0; len(keys) < 3*perThird; i++ {
				k := fmt.Sprintf("{%s-%d}:k", s.tag[1:len(s.tag)-1], i)
				third := domain.Slot(k) * 3 / domain.SlotCount
				if count[third] < perThird {
					count[third]++
					keys = append(keys, k)
				}
			}
			return keys
		}
		// requireFanout skips unless the main backend is a cluster that
		// reaches every master, and returns a Client that uses it.
		requireFanout := func() *redpipe.Client {
			GinkgoHelper()
			if s.Topology() != Cluster {
				Skip("a standalone or sentinel server is the whole deployment: nothing to merge")
			}
			return s.deployment().Client
		}

		It("DBSIZE counts the keys of every master, and sees the writes queued before it in the same batch", func(ctx SpecContext) {
			c := requireFanout()
			keys := spread(4)
			p := c.Pipeline()
			before := p.DBSize()
			for _, k := range keys {
				p.Set(k, "v", 0)
			}
			after := p.DBSize()
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(after.Val() - before.Val()).To(Equal(int64(len(keys))))
		})

		It("ScanIterator and ScanTypeIterator walk every master, each with its own cursor, page after page", func(ctx SpecContext) {
			c := requireFanout()
			keys := spread(5)
			p := c.Pipeline()
			for i, k := range keys {
				if i%2 == 0 {
					p.Set(k, "v", 0)
				} else {
					p.RPush(k, "v")
				}
			}
			Expect(p.Exec(ctx)).To(Succeed())
			match := s.tag[:len(s.tag)-1] + "-*" // no literal hash tag: every master
			collect := func(seq func(func(string, error) bool)) []string {
				seen := map[string]bool{} // SCAN may give a key twice
				for k, err := range seq {
					Expect(err).NotTo(HaveOccurred())
					seen[k] = true
				}
				out := slices.Sorted(maps.Keys(seen))
				return out
			}
			want := slices.Sorted(slices.Values(keys))
			Expect(collect(redpipe.ScanIterator(ctx, c, match, 2))).To(Equal(want))
			var lists []string
			for i, k := range keys {
				if i%2 == 1 {
					lists = append(lists, k)
				}
			}
			slices.Sort(lists)
			Expect(collect(redpipe.ScanTypeIterator(ctx, c, match, 2, "list"))).To(Equal(lists))
		})

		It("KEYS finds the matching keys on every master", func(ctx SpecContext) {
			c := requireFanout()
			keys := spread(3)
			p := c.Pipeline()
			for _, k := range keys {
				p.Set(k, "v", 0)
			}
			found := p.Keys(s.tag[:len(s.tag)-1] + "-*")
			Expect(p.Exec(ctx)).To(Succeed())
			got := found.Val()
			slices.Sort(got)
			want := slices.Clone(keys)
			slices.Sort(want)
			Expect(got).To(Equal(want))
		})

		It("SCRIPT LOAD loads on every master, so EVALSHA runs wherever its key lives; SCRIPT EXISTS is true only where every master has it", func(ctx SpecContext) {
			c := requireFanout()
			keys := spread(1)
			src := "-- " + s.Key("script") + "\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])"
			p := c.Pipeline()
			load := p.ScriptLoad(src)
			Expect(p.Exec(ctx)).To(Succeed())

			p = c.Pipeline()
			var runs []interface{ Result() (any, error) }
			for _, k := range keys {
				runs = append(runs, p.EvalSha(load.Val(), []string{k}, 5))
			}
			exists := p.ScriptExists(load.Val(), "0000000000000000000000000000000000000000")
			Expect(p.Exec(ctx)).To(Succeed())
			for i, r := range runs {
				v, err := r.Result()
				Expect(err).NotTo(HaveOccurred(), "EVALSHA on %s", keys[i])
				Expect(v).To(Equal(int64(5)))
			}
			Expect(exists.Result()).To(Equal([]bool{true, false}))
		})
	})
})
