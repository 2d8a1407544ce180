package keyspace_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/keyspace"
)

// drain collects a sequence up to its end; the error, if any, must be the
// last thing it yields.
func drain[E any](seq func(func(E, error) bool)) ([]E, error) {
	GinkgoHelper()
	var items []E
	var last error
	for e, err := range seq {
		Expect(last).NotTo(HaveOccurred(), "an element came after the error")
		if err != nil {
			last = err
			continue
		}
		items = append(items, e)
	}
	return items, last
}

var _ = register(func(s *conformance.Suite) {
	Describe("Keyspaces: scan iterators", func() {
		// 600 members or fields: past every small encoding's limit (512 for
		// an intset or a hash's listpack, 128 for a sorted set's), which a
		// SCAN gives whole in one page whatever the COUNT, so a small COUNT
		// makes the server page.
		const setSize = 600
		const size = setSize
		const count = 10

		It("SScanIterator walks every page of a set, decoded, one round trip per page", func(ctx SpecContext) {
			nums := keyspace.NewSet(s.Prefix("nums"), redpipe.Int)
			members := make([]int64, setSize)
			for i := range members {
				members[i] = int64(i)
			}
			Expect(nums.With(ctx, s.Client).SAdd("a", members...).Result()).To(Equal(int64(setSize)))
			before := s.MainCalls.Calls()

			got, err := drain(nums.With(ctx, s.Client).SScanIterator("a", "", count))
			Expect(err).NotTo(HaveOccurred())
			pages := s.MainCalls.Calls() - before
			Expect(pages).To(BeNumerically(">", 5), "COUNT %d over %d members takes several pages", count, setSize)
			got = slices.Compact(slices.Sorted(slices.Values(got))) // SCAN may repeat an element
			Expect(got).To(Equal(members))

			tens, err := drain(nums.With(ctx, s.Client).SScanIterator("a", "1?", count))
			Expect(err).NotTo(HaveOccurred())
			Expect(slices.Compact(slices.Sorted(slices.Values(tens)))).To(Equal([]int64{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}))

			none, err := drain(nums.With(ctx, s.Client).SScanIterator("missing", "", count))
			Expect(err).NotTo(HaveOccurred())
			Expect(none).To(BeEmpty())
		})

		It("HScanIterator walks every page of a hash, each value decoded by its field's codec", func(ctx SpecContext) {
			users := keyspace.NewHash(s.Prefix("users"), redpipe.Fields{"name": redpipe.Text}, redpipe.Int)
			fields := map[string]any{"name": "alice"}
			want := map[string]any{"name": "alice"}
			for i := range size {
				f := fmt.Sprintf("f%03d", i)
				fields[f], want[f] = int64(i), int64(i)
			}
			Expect(users.With(ctx, s.Client).HSet("alice", fields).Result()).To(Equal(int64(size + 1)))
			before := s.MainCalls.Calls()

			got, err := drain(users.With(ctx, s.Client).HScanIterator("alice", "", count))
			Expect(err).NotTo(HaveOccurred())
			Expect(s.MainCalls.Calls() - before).To(BeNumerically(">", 5))
			seen := map[string]any{}
			for _, f := range got {
				seen[f.Field] = f.Value
			}
			Expect(seen).To(Equal(want))

			some, err := drain(users.With(ctx, s.Client).HScanIterator("alice", "f29?", count))
			Expect(err).NotTo(HaveOccurred())
			seen = map[string]any{}
			for _, f := range some {
				seen[f.Field] = f.Value
			}
			Expect(seen).To(HaveLen(10))
			for i := 290; i < 300; i++ {
				Expect(seen).To(HaveKeyWithValue("f"+strconv.Itoa(i), int64(i)))
			}
		})

		It("ZScanIterator walks every page of a sorted set, members decoded, with their scores", func(ctx SpecContext) {
			board := keyspace.NewSortedSet(s.Prefix("board"), redpipe.Text)
			want := map[string]float64{}
			var ms []keyspace.ZMember[string]
			for i := range size {
				m := fmt.Sprintf("p%03d", i)
				want[m] = float64(i) + 0.5
				ms = append(ms, keyspace.ZMember[string]{Member: m, Score: float64(i) + 0.5})
			}
			Expect(board.With(ctx, s.Client).ZAdd("g", ms...).Result()).To(Equal(int64(size)))
			before := s.MainCalls.Calls()

			got, err := drain(board.With(ctx, s.Client).ZScanIterator("g", "", count))
			Expect(err).NotTo(HaveOccurred())
			Expect(s.MainCalls.Calls() - before).To(BeNumerically(">", 5))
			seen := map[string]float64{}
			for _, m := range got {
				seen[m.Member] = m.Score
			}
			Expect(seen).To(Equal(want))

			one, err := drain(board.With(ctx, s.Client).ZScanIterator("g", "p123", count))
			Expect(err).NotTo(HaveOccurred())
			Expect(slices.Compact(one)).To(Equal([]keyspace.ZMember[string]{{Member: "p123", Score: 123.5}}))
		})

		It("a value the codec cannot decode is yielded last, as the error, and ends the walk", func(ctx SpecContext) {
			nums := keyspace.NewSet(s.Prefix("nums"), redpipe.Int)
			members := make([]int64, setSize)
			for i := range members {
				members[i] = int64(i)
			}
			Expect(nums.With(ctx, s.Client).SAdd("a", members...).Err()).NotTo(HaveOccurred())
			Expect(s.Raw(ctx, "SADD", nums.Key("a"), "not-a-number").Err).NotTo(HaveOccurred())
			got, err := drain(nums.With(ctx, s.Client).SScanIterator("a", "", count))
			Expect(err).To(MatchError(redpipe.ErrUnexpectedReply))
			Expect(err).To(MatchError(ContainSubstring(fmt.Sprintf("keyspace %q id %q", nums.Prefix(), "a"))))
			Expect(len(got)).To(BeNumerically("<", setSize))

			board := keyspace.NewSortedSet(s.Prefix("board"), redpipe.Int)
			Expect(board.With(ctx, s.Client).ZAdd("g", keyspace.ZMember[int64]{Member: 1, Score: 1}).Err()).NotTo(HaveOccurred())
			Expect(s.Raw(ctx, "ZADD", board.Key("g"), "2", "two").Err).NotTo(HaveOccurred())
			_, err = drain(board.With(ctx, s.Client).ZScanIterator("g", "", count))
			Expect(err).To(MatchError(redpipe.ErrUnexpectedReply))

			users := keyspace.NewHash(s.Prefix("users"), redpipe.Fields{"age": redpipe.Int}, redpipe.Text)
			Expect(s.Raw(ctx, "HSET", users.Key("bob"), "age", "old", "name", "bob").Err).NotTo(HaveOccurred())
			_, err = drain(users.With(ctx, s.Client).HScanIterator("bob", "", count))
			Expect(err).To(MatchError(ContainSubstring(`field "age"`)))
		})

		It("breaking out of the loop sends nothing more", func(ctx SpecContext) {
			board := keyspace.NewSortedSet(s.Prefix("board"), redpipe.Text)
			var ms []keyspace.ZMember[string]
			for i := range size {
				ms = append(ms, keyspace.ZMember[string]{Member: fmt.Sprintf("p%03d", i), Score: float64(i)})
			}
			Expect(board.With(ctx, s.Client).ZAdd("g", ms...).Err()).NotTo(HaveOccurred())
			before := s.MainCalls.Calls()
			_, err := drain(board.With(ctx, s.Client).ZScanIterator("g", "", count))
			Expect(err).NotTo(HaveOccurred())
			whole := s.MainCalls.Calls() - before

			before = s.MainCalls.Calls()
			var got []keyspace.ZMember[string]
			var atBreak int
			for m, err := range board.With(ctx, s.Client).ZScanIterator("g", "", count) {
				Expect(err).NotTo(HaveOccurred())
				if got = append(got, m); len(got) == 3 {
					atBreak = s.MainCalls.Calls() - before
					break
				}
			}
			Expect(got).To(HaveLen(3))
			Expect(s.MainCalls.Calls() - before).To(Equal(atBreak))
			Expect(atBreak).To(BeNumerically("<", whole))
		})

		It("a cancelled ctx ends the walk with its error, yielded last", func(ctx SpecContext) {
			nums := keyspace.NewSet(s.Prefix("nums"), redpipe.Int)
			members := make([]int64, setSize)
			for i := range members {
				members[i] = int64(i)
			}
			Expect(nums.With(ctx, s.Client).SAdd("a", members...).Err()).NotTo(HaveOccurred())

			gone, cancelGone := context.WithCancel(ctx)
			cancelGone()
			before := s.MainCalls.Calls()
			got, err := drain(nums.With(gone, s.Client).SScanIterator("a", "", count))
			Expect(err).To(MatchError(context.Canceled))
			Expect(got).To(BeEmpty())
			Expect(s.MainCalls.Calls()).To(Equal(before), "a cancelled ctx sends nothing")

			midway, cancel := context.WithCancel(ctx)
			defer cancel()
			var n int
			var last error
			for _, err := range nums.With(midway, s.Client).SScanIterator("a", "", count) {
				Expect(last).NotTo(HaveOccurred(), "an element came after the error")
				if last = err; err == nil {
					if n++; n == 1 {
						cancel()
					}
				}
			}
			Expect(last).To(MatchError(context.Canceled))
			Expect(n).To(BeNumerically("<", setSize))
		})

		It("a *Pipeline scope is refused before anything is queued, and so is no scope", func(ctx SpecContext) {
			nums := keyspace.NewSet(s.Prefix("nums"), redpipe.Int)
			hash := keyspace.NewHash(s.Prefix("users"), nil, redpipe.Text)
			board := keyspace.NewSortedSet(s.Prefix("board"), redpipe.Text)
			Expect(nums.With(ctx, s.Client).SAdd("a", 1, 2, 3).Err()).NotTo(HaveOccurred())
			before := s.MainCalls.Calls()

			p := s.Client.Pipeline()
			card := nums.With(ctx, p).SCard("a")
			for _, seq := range []func(func(any, error) bool){
				anySeq(nums.With(ctx, p).SScanIterator("a", "", 0)),
				anySeq(hash.With(ctx, p).HScanIterator("a", "", 0)),
				anySeq(board.With(ctx, p).ZScanIterator("a", "", 0)),
			} {
				got, err := drain(seq)
				Expect(got).To(BeEmpty())
				Expect(err).To(MatchError(redpipe.ErrInvalidPipeline))
				Expect(err).To(MatchError(ContainSubstring("*redpipe.Pipeline")))
			}
			Expect(s.MainCalls.Calls()).To(Equal(before))
			s.ExecOnce(ctx, p) // the batch holds only SCARD
			Expect(card.Result()).To(Equal(int64(3)))

			for _, scope := range []redpipe.Scope{nil, (*redpipe.Client)(nil), (*redpipe.Pipeline)(nil)} {
				_, err := drain(nums.With(ctx, scope).SScanIterator("a", "", 0))
				Expect(err).To(MatchError(redpipe.ErrInvalidPipeline), "scope %T", scope)
			}
			scores := keyspace.NewHashedString(s.Prefix("scores"), 2, redpipe.Int)
			_, err := drain(scores.All(ctx, nil, ""))
			Expect(err).To(MatchError(redpipe.ErrInvalidPipeline))
			var unbound keyspace.SetCmds[int64]
			_, err = drain(unbound.SScanIterator("a", "", 0))
			Expect(err).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(s.MainCalls.Calls()).To(Equal(before + 1))
		})

		It("a *Tx's reads page at once, inside the optimistic transaction", func(ctx SpecContext) {
			s.Require(conformance.CapPinned)
			nums := keyspace.NewSet(s.Prefix("nums"), redpipe.Int)
			totals := keyspace.NewString(s.Prefix("totals"), redpipe.Int)
			members := make([]int64, setSize)
			for i := range members {
				members[i] = int64(i)
			}
			Expect(nums.With(ctx, s.Client).SAdd("a", members...).Err()).NotTo(HaveOccurred())
			c := redpipe.New() // WATCH pins a connection: the counting wrapper cannot
			Expect(c.Connect(redpipe.DefaultConn, s.Main)).To(Succeed())
			err := c.Watch(ctx, []string{nums.Key("a")}, func(tx *redpipe.Tx) error {
				seen := map[int64]bool{} // SCAN may repeat a member
				for m, err := range nums.With(ctx, tx).SScanIterator("a", "", count) {
					if err != nil {
						return err
					}
					seen[m] = true
				}
				var sum int64
				for m := range seen {
					sum += m
				}
				totals.With(ctx, tx.Multi()).Set("a", sum, 0)
				return nil
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(totals.With(ctx, s.Client).Get("a").Result()).To(Equal(int64(setSize * (setSize - 1) / 2)))
		})
	})
})

// anySeq erases a sequence's element type, for specs over several iterators.
func anySeq[E any](seq func(func(E, error) bool)) func(func(any, error) bool) {
	return func(yield func(any, error) bool) {
		for e, err := range seq {
			if !yield(e, err) {
				return
			}
		}
	}
}
