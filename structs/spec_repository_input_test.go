package structs_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/structs"
)

type repoUnstorable struct {
	Name string   `redis:"name"`
	Feed chan int `redis:"feed"`
}

var _ = register(func(s *conformance.Suite) {
	Describe("Repository bad input", func() {
		It("a value of the wrong Go type, an overflow or an unknown field fails the update, and nothing of it is sent", func(ctx SpecContext) {
			users := structs.NewRepository[repoUser](structPrefix(s, "user"))
			key := users.Key("1")
			s.Arrange(ctx, []string{"HSET", key, "name", "Ann"})
			cases := []struct {
				changes map[string]any
				want    string
			}{
				{map[string]any{"name": "Bea", "age": "old"}, `field "age": redpipe: invalid value: got a string, want a int`},
				{map[string]any{"name": "Bea", "small": 300}, `field "small": redpipe: invalid value: 300 overflows int8`},
				{map[string]any{"name": "Bea", "nick": "b"}, `redpipe: invalid value: structs_test.repoUser has no field "nick"`},
				{map[string]any{"name": "Bea", "nick": nil}, `redpipe: invalid value: structs_test.repoUser has no field "nick"`},
			}
			for _, c := range cases {
				p := s.Client.Pipeline()
				f := users.Update(ctx, p, "1", c.changes)
				want := key + ": " + c.want
				expectStructRejected(p.Exec(ctx), "HSET", want)
				Expect(f.Err()).To(MatchError(want))
			}
			Expect(structHash(s, ctx, redpipe.DefaultConn, key)).To(Equal(map[string]string{"name": "Ann"}))
		})

		It("a struct type it cannot store is an error, not a panic, and sends nothing", func(ctx SpecContext) {
			bad := structs.NewRepository[repoUnstorable](structPrefix(s, "bad"))
			want := `redpipe: invalid value: structs_test.repoUnstorable.Feed (redis:"feed"): a chan int cannot be stored, not even as JSON; tag it redis:"-" to skip it`
			Expect(bad.Err()).To(MatchError(want))
			notStruct := structs.NewRepository[string](structPrefix(s, "str"))
			Expect(notStruct.Err()).To(MatchError("redpipe: invalid value: string is not a struct type"))
			braced := structs.NewRepository[repoUser]("user{x}")
			Expect(braced.Err()).To(MatchError(`redpipe: invalid value: keyspace prefix "user{x}" contains a brace, which would take over the hash tag`))

			p := s.Client.Pipeline()
			loaded := bad.Load(ctx, p, "1")
			saved := bad.Save(ctx, p, "1", repoUnstorable{Name: "x"})
			deleted := bad.Delete(ctx, p, "1")
			expectStructRejected(p.Exec(ctx), "HSET", bad.Key("1")+": "+want)
			Expect(s.MainCalls.Calls()).To(Equal(0))
			Expect(loaded.Err()).To(MatchError(want))
			Expect(saved.Err()).To(MatchError(bad.Key("1") + ": " + want))
			Expect(deleted.Err()).To(MatchError(want))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", bad.Key("1")), 0)
		})

		It("text stored where an int is declared fails the load with that field's error, with every other field filled", func(ctx SpecContext) {
			users := structs.NewRepository[repoUser](structPrefix(s, "user"))
			key := users.Key("1")
			s.Arrange(ctx, []string{"HSET", key, "name", "Ann", "age", "abc", "admin", "1", "small", "200"})
			p := s.Client.Pipeline()
			got := users.Load(ctx, p, "1")
			s.ExecOnce(ctx, p)
			v, err := got.Result()
			Expect(err).To(MatchError(key + ": " +
				`field "age": redpipe: unexpected reply type: Int codec cannot decode "abc": not a decimal integer` + "\n" +
				`field "small": redpipe: unexpected reply type: Int codec cannot decode "200": out of the int8 range`))
			Expect(v).To(Equal(repoUser{Name: "Ann", Admin: true}))
		})
	})
})
