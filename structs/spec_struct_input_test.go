package structs_test

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
)

// expectStructRejected checks that Exec's error is exactly one rejected command
// with the error text want, which wraps ErrInvalidValue.
func expectStructRejected(err error, command, want string) {
	GinkgoHelper()
	Expect(err).To(MatchError(redpipe.ErrInvalidValue))
	var ee *redpipe.ExecError
	Expect(errors.As(err, &ee)).To(BeTrue(), "%T: %v", err, err)
	Expect(ee.Errors).To(HaveLen(1))
	Expect(ee.Errors[0].Command).To(Equal(command))
	Expect(ee.Errors[0].Err).To(MatchError(want))
}

var _ = register(func(s *conformance.Suite) {
	Describe("Struct bad input", func() {
		It("a value of the wrong Go type for a declared field fails the record, and nothing of it is sent", func(ctx SpecContext) {
			users := structUserDef(s)
			want := `struct "` + users.Prefix + `" field "age": redpipe: invalid value: Int codec: got a string, want an integer`
			p := s.Client.Pipeline()
			before := p.Incr(s.Key("n"))
			u := users.Create(ctx, p, map[string]any{"user_id": "1", "name": "Ann", "age": "old"})
			after := p.Incr(s.Key("n"))
			Expect(u.Err()).To(MatchError(want), "rejected when queued")
			expectStructRejected(s.ExecOnceFailing(ctx, p), "HSET", want)
			Expect(before.Result()).To(Equal(int64(1)))
			Expect(after.Result()).To(Equal(int64(2)))
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1"}))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("1")), 0)

			s.Arrange(ctx, []string{"HSET", users.Key("2"), "name", "Bob"})
			stored := users.Load(ctx, s.Client, "2")
			p = s.Client.Pipeline()
			upd := stored.Update(ctx, p, map[string]any{"name": "Bea", "admin": "yes"})
			expectStructRejected(p.Exec(ctx), "HSET", `struct "`+users.Prefix+`" field "admin": redpipe: invalid value: Bool codec: got a string, want a bool`)
			Expect(upd.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(stored.Map()).To(Equal(map[string]any{"user_id": "2", "name": "Bob"}))
			Expect(structHash(s, ctx, redpipe.DefaultConn, users.Key("2"))).To(Equal(map[string]string{"name": "Bob"}), "not even the valid field was sent")
		})

		It("a record without its key name is refused before anything is sent", func(ctx SpecContext) {
			users := structUserDef(s)
			want := `redpipe: invalid value: struct "` + users.Prefix + `": the data has no key name "user_id"`
			before := s.MainCalls.Calls()
			u := users.Create(ctx, s.Client, map[string]any{"name": "Ann"})
			nx := users.CreateNX(ctx, s.Client, map[string]any{"name": "Ann"})
			Expect(s.MainCalls.Calls()).To(Equal(before), "no round trip at all")
			Expect(u.Err()).To(MatchError(want))
			Expect(nx.Err()).To(MatchError(want))
			_, err := users.Local(map[string]any{"name": "Ann"})
			Expect(err).To(MatchError(want))
			_, err = users.Local(map[string]any{"user_id": 1.5})
			Expect(err).To(MatchError(`struct "` + users.Prefix + `" key name "user_id": redpipe: invalid value: an id must be a string or an integer, got a float64`))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("")), 0)

			braced := *users
			braced.Prefix = "user{x}"
			_, err = braced.Local(map[string]any{"user_id": "1"})
			Expect(err).To(MatchError(`redpipe: invalid value: keyspace prefix "user{x}" contains a brace, which would take over the hash tag`))
		})

		It("an update of the key name is refused whole", func(ctx SpecContext) {
			users := structUserDef(s)
			u := users.Create(ctx, s.Client, map[string]any{"user_id": "1", "name": "Ann"})
			Expect(u.Err()).NotTo(HaveOccurred())
			want := `redpipe: invalid value: struct "` + users.Prefix + `": the key name "user_id" cannot be changed`
			p := s.Client.Pipeline()
			upd := u.Update(ctx, p, map[string]any{"user_id": "2", "name": "Bea"})
			incr := u.Incr(ctx, p, "user_id", 1)
			expectStructErrors(p.Exec(ctx), want, want)
			Expect(upd.Err()).To(MatchError(want))
			Expect(incr.Err()).To(MatchError(want))
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann"}))
			Expect(structHash(s, ctx, redpipe.DefaultConn, users.Key("1"))).To(Equal(map[string]string{"name": "Ann"}))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("2")), 0)
		})

		It("a required field cannot be left out, removed, popped or set to nil", func(ctx SpecContext) {
			users := structUserDef(s)
			users.Required = []string{"name"}
			missing := users.Create(ctx, s.Client, map[string]any{"user_id": "1", "age": 3})
			Expect(missing.Err()).To(MatchError(`redpipe: invalid value: struct "` + users.Prefix + `": the required field "name" is missing`))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("1")), 0)

			u := users.Create(ctx, s.Client, map[string]any{"user_id": "1", "name": "Ann", "age": 3})
			Expect(u.Err()).NotTo(HaveOccurred())
			want := `redpipe: invalid value: struct "` + users.Prefix + `": the required field "name" cannot be removed`
			p := s.Client.Pipeline()
			rm := u.Remove(ctx, p, "age", "name")
			pop := u.Pop(ctx, p, "name")
			upd := u.Update(ctx, p, map[string]any{"name": nil, "age": 4})
			expectStructErrors(p.Exec(ctx), want, want, want)
			Expect(rm.Err()).To(MatchError(want))
			Expect(pop.Err()).To(MatchError(want))
			Expect(upd.Err()).To(MatchError(want))
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann", "age": int64(3)}))
			Expect(structHash(s, ctx, redpipe.DefaultConn, users.Key("1"))).To(Equal(map[string]string{"name": "Ann", "age": "3"}))
		})

		It("text stored where an Int is declared fails that field only; the other fields load", func(ctx SpecContext) {
			users := structUserDef(s)
			s.Arrange(ctx, []string{"HSET", users.Key("1"), "name", "Ann", "age", "abc"})
			p := s.Client.Pipeline()
			u := users.Load(ctx, p, "1")
			s.ExecOnce(ctx, p)
			Expect(u.Err()).NotTo(HaveOccurred())
			Expect(u.Text("name")).To(Equal("Ann"))
			want := `struct "` + users.Prefix + `" field "age": redpipe: unexpected reply type: Int codec cannot decode "abc": not a decimal integer`
			_, err := u.Get("age")
			Expect(err).To(MatchError(want))
			_, err = u.Int("age")
			Expect(err).To(MatchError(want))
			Expect(u.Has("age")).To(BeTrue())
			Expect(u.Keys()).To(Equal([]string{"age", "name", "user_id"}))
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann"}))

			fixed := u.Update(ctx, s.Client, map[string]any{"age": 5})
			Expect(fixed.Result()).To(BeTrue())
			Expect(u.Int("age")).To(Equal(int64(5)))
		})
	})
})

// expectStructErrors checks that Exec's error holds exactly the rejected
// commands' errors wants, in order.
func expectStructErrors(err error, wants ...string) {
	GinkgoHelper()
	var ee *redpipe.ExecError
	Expect(errors.As(err, &ee)).To(BeTrue(), "%T: %v", err, err)
	Expect(ee.Errors).To(HaveLen(len(wants)))
	for i, w := range wants {
		Expect(ee.Errors[i].Err).To(MatchError(w))
	}
}
