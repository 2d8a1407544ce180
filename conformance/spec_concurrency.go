package conformance

import (
	"fmt"
	"strings"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Concurrent queueing", func() {
		It("8 goroutines queueing 100 commands each onto one pipeline keep their own order", func(ctx SpecContext) {
			const workers, each = 8, 100
			list := s.Key("list")
			p := s.Client.Pipeline()
			futs := make([][]*redpipe.Future[any], workers)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for g := range workers {
				wg.Go(func() {
					<-start
					q := p
					if g%2 == 1 {
						q = p.Pipeline() // half of them through a nested pipeline of their own
					}
					for n := range each {
						futs[g] = append(futs[g], q.Do("RPUSH", list, fmt.Sprintf("g%d-%d", g, n)))
					}
					if q != p {
						_ = q.Exec(ctx)
					}
				})
			}
			close(start)
			wg.Wait()
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(s.MainCalls.Calls()).To(Equal(1))

			lengths := map[int64]bool{}
			for g := range workers {
				Expect(futs[g]).To(HaveLen(each))
				last := int64(0)
				for n, f := range futs[g] {
					v, err := f.Result()
					Expect(err).NotTo(HaveOccurred())
					l, ok := v.(int64)
					Expect(ok).To(BeTrue(), "RPUSH gives an int64, got %T", v)
					Expect(l).To(BeNumerically(">", last), "goroutine %d command %d: replies follow its queue order", g, n)
					last = l
					lengths[l] = true
				}
			}
			Expect(lengths).To(HaveLen(workers*each), "every RPUSH saw a distinct list length")

			items := RawStrings(s.Raw(ctx, "LRANGE", list, "0", "-1"))
			Expect(items).To(HaveLen(workers * each))
			next := make([]int, workers)
			for i, it := range items {
				var g, n int
				_, err := fmt.Sscanf(it, "g%d-%d", &g, &n)
				Expect(err).NotTo(HaveOccurred(), "item %d %q", i, it)
				Expect(strings.HasPrefix(it, fmt.Sprintf("g%d-", g))).To(BeTrue())
				Expect(n).To(Equal(next[g]), "item %d %q: goroutine %d's values in its order", i, it, g)
				next[g]++
			}
			for g := range workers {
				Expect(next[g]).To(Equal(each))
			}
		})
	})
})
