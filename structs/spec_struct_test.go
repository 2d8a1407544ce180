package structs_test

import (
	"context"
	"errors"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/structs"
)

// structPrefix is a spec-unique keyspace prefix: the spec's key without
// its braces, which a keyspace prefix may not hold.
func structPrefix(s *conformance.Suite, name string) string {
	return strings.NewReplacer("{", "", "}", "").Replace(s.Key(name))
}

// structHash reads a hash back through redpipe's own HGETALL on conn.
func structHash(s *conformance.Suite, ctx context.Context, conn, key string) map[string]string {
	GinkgoHelper()
	p := s.Client.Pipeline(redpipe.On(conn))
	h := p.HGetAll(key)
	Expect(p.Exec(ctx)).To(Succeed())
	return h.Val()
}

// structPTTLWithin checks that key expires within max and not before max-margin.
func structPTTLWithin(s *conformance.Suite, ctx context.Context, key string, max time.Duration) {
	GinkgoHelper()
	res := s.Raw(ctx, "PTTL", key)
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Int).To(BeNumerically(">", (max - 10*time.Second).Milliseconds()))
	Expect(res.Reply.Int).To(BeNumerically("<=", max.Milliseconds()))
}

func structUserDef(s *conformance.Suite) *structs.Def {
	return &structs.Def{
		Prefix:  structPrefix(s, "user"),
		KeyName: "user_id",
		Fields: redpipe.Fields{
			"name": redpipe.Text, "age": redpipe.Int, "score": redpipe.Float, "admin": redpipe.Bool,
			"tags": redpipe.StringList, "prefs": redpipe.JSON[map[string]int](),
		},
	}
}

const wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"

var _ = register(func(s *conformance.Suite) {
	Describe("Struct", func() {
		It("Create writes through the codecs, never stores the key name, and loads the rest in the same round trip", func(ctx SpecContext) {
			users := structUserDef(s)
			key := users.Key("7")
			Expect(key).To(Equal(users.Prefix + "{7}"))
			s.Arrange(ctx, []string{"HSET", key, "legacy", "kept"})

			before := s.MainCalls.Calls()
			u := users.Create(ctx, s.Client, map[string]any{
				"user_id": "7", "name": "Ann", "age": 42, "score": 1.5, "admin": true,
				"tags": []string{"a", "b"}, "prefs": map[string]int{"x": 1}, "nick": "annie",
			})
			Expect(s.MainCalls.Calls() - before).To(Equal(1))
			Expect(u.Done().Result()).To(BeIdenticalTo(u))
			Expect(u.ID()).To(Equal("7"))
			Expect(u.Key()).To(Equal(key))
			Expect(u.Map()).To(Equal(map[string]any{
				"user_id": "7", "name": "Ann", "age": int64(42), "score": 1.5, "admin": true,
				"tags": []string{"a", "b"}, "prefs": map[string]int{"x": 1}, "nick": "annie", "legacy": "kept",
			}))
			Expect(structHash(s, ctx, redpipe.DefaultConn, key)).To(Equal(map[string]string{
				"name": "Ann", "age": "42", "score": "1.5", "admin": "1", "tags": "a,b", "prefs": `{"x":1}`,
				"nick": "annie", "legacy": "kept",
			}))
			Expect(u.Keys()).To(Equal([]string{"admin", "age", "legacy", "name", "nick", "prefs", "score", "tags", "user_id"}))
			Expect(u.Len()).To(Equal(9))
			Expect(u.Has("user_id")).To(BeTrue())
			Expect(u.Has("missing")).To(BeFalse())
			Expect(u.Persisted()).To(BeTrue())
			Expect(u.Get("user_id")).To(Equal("7"))
			_, err := u.Get("missing")
			Expect(err).To(MatchError(redpipe.ErrNil))
			Expect(u.Text("name")).To(Equal("Ann"))
			Expect(u.Int("age")).To(Equal(int64(42)))
			Expect(u.Float("score")).To(Equal(1.5))
			Expect(u.Bool("admin")).To(BeTrue())
			Expect(u.Strings("tags")).To(Equal([]string{"a", "b"}))
			Expect(structs.Field[map[string]int](u, "prefs")).To(Equal(map[string]int{"x": 1}))
			_, err = u.Int("name")
			Expect(err).To(MatchError(`redpipe: unexpected reply type: struct "` + users.Prefix + `" field "name" holds a string, not a int64`))
		})

		It("Load reads the whole hash, chosen fields, or the definition's default fields; a missing record loads empty", func(ctx SpecContext) {
			users := structUserDef(s)
			s.Arrange(ctx, []string{"HSET", users.Key("1"), "name", "Bob", "age", "30", "extra", "e"})
			declared := *users
			declared.LoadDeclared = true
			listed := *users
			listed.LoadFields = []string{"extra", "user_id"}

			p := s.Client.Pipeline()
			all := users.Load(ctx, p, "1")
			chosen := users.Load(ctx, p, "1", "age", "user_id", "missing")
			byDeclared := declared.Load(ctx, p, "1")
			byList := listed.Load(ctx, p, "1")
			missing := users.Load(ctx, p, "nobody")
			Expect(all.Err()).To(MatchError(redpipe.ErrNotReady))
			Expect(all.Len()).To(Equal(1), "nothing changes locally before Exec")
			s.ExecOnce(ctx, p)

			Expect(all.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Bob", "age": int64(30), "extra": "e"}))
			Expect(chosen.Map()).To(Equal(map[string]any{"user_id": "1", "age": int64(30)}))
			Expect(byDeclared.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Bob", "age": int64(30)}))
			Expect(byList.Map()).To(Equal(map[string]any{"user_id": "1", "extra": "e"}))
			Expect(missing.Err()).NotTo(HaveOccurred())
			Expect(missing.Persisted()).To(BeFalse())
			Expect(missing.Map()).To(Equal(map[string]any{"user_id": "nobody"}))
		})

		It("in one pipeline, records change in the order operations were queued, so create then load gives the fresh values", func(ctx SpecContext) {
			users := structUserDef(s)
			p := s.Client.Pipeline()
			u := users.Create(ctx, p, map[string]any{"user_id": "1", "name": "Ann", "age": 1, "nick": "a"})
			var seen []string
			p.OnExec(func() { seen = append(seen, "after create: "+u.Map()["name"].(string)) })
			updated := u.Update(ctx, p, map[string]any{"name": "Bea", "nick": nil})
			visits := u.Incr(ctx, p, "age", 5)
			fresh := users.Load(ctx, p, "1")
			reloaded := u.Reload(ctx, p)
			p.OnExec(func() { seen = append(seen, "after all: "+u.Map()["name"].(string)+", "+fresh.Map()["name"].(string)) })
			Expect(u.Has("name")).To(BeFalse(), "nothing changes locally before Exec")
			Expect(updated.Err()).To(MatchError(redpipe.ErrNotReady))
			s.ExecOnce(ctx, p)

			Expect(seen).To(Equal([]string{"after create: Ann", "after all: Bea, Bea"}))
			Expect(updated.Result()).To(BeTrue())
			Expect(visits.Result()).To(Equal(int64(6)))
			Expect(reloaded.Result()).To(BeTrue())
			want := map[string]any{"user_id": "1", "name": "Bea", "age": int64(6)}
			Expect(u.Map()).To(Equal(want))
			Expect(fresh.Map()).To(Equal(want))
			Expect(structHash(s, ctx, redpipe.DefaultConn, users.Key("1"))).To(Equal(map[string]string{"name": "Bea", "age": "6"}))
		})

		It("update, remove, pop, incr and decr change the server and the record, and every write refreshes the TTL", func(ctx SpecContext) {
			users := structUserDef(s)
			users.TTL = 100 * time.Second
			u := users.Create(ctx, s.Client, map[string]any{"user_id": "1", "name": "Ann", "a": "x", "b": "y", "age": 10, "score": 1.5})
			Expect(u.Err()).NotTo(HaveOccurred())
			key := u.Key()
			structPTTLWithin(s, ctx, key, users.TTL)

			writes := map[string]func(p *redpipe.Pipeline){
				"Update":    func(p *redpipe.Pipeline) { u.Update(ctx, p, map[string]any{"name": "Ann"}) },
				"Remove":    func(p *redpipe.Pipeline) { u.Remove(ctx, p, "nothing") },
				"Pop":       func(p *redpipe.Pipeline) { u.Pop(ctx, p, "nothing") },
				"Incr":      func(p *redpipe.Pipeline) { u.Incr(ctx, p, "age", 0) },
				"IncrFloat": func(p *redpipe.Pipeline) { u.IncrFloat(ctx, p, "score", 0) },
			}
			for name, write := range writes {
				s.Arrange(ctx, []string{"PERSIST", key})
				conformance.ExpectRawInt(s.Raw(ctx, "PTTL", key), -1)
				p := s.Client.Pipeline()
				write(p)
				s.ExecOnce(ctx, p)
				By(name + " refreshed the TTL")
				structPTTLWithin(s, ctx, key, users.TTL)
			}

			p := s.Client.Pipeline()
			removed := u.Remove(ctx, p, "a", "never")
			popped := u.Pop(ctx, p, "b")
			poppedMissing := u.Pop(ctx, p, "b")
			decr := u.Decr(ctx, p, "age", 3)
			incrFloat := u.IncrFloat(ctx, p, "score", 0.25)
			s.ExecOnce(ctx, p)
			Expect(removed.Result()).To(Equal(int64(1)))
			Expect(popped.Result()).To(Equal("y"))
			_, err := poppedMissing.Result()
			Expect(err).To(MatchError(redpipe.ErrNil))
			Expect(decr.Result()).To(Equal(int64(7)))
			Expect(incrFloat.Result()).To(Equal(1.75))
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann", "age": int64(7), "score": 1.75}))
			Expect(structHash(s, ctx, redpipe.DefaultConn, key)).To(Equal(map[string]string{"name": "Ann", "age": "7", "score": "1.75"}))

			cleared := u.Clear(ctx, s.Client)
			Expect(cleared.Result()).To(BeTrue())
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1"}))
			Expect(u.Persisted()).To(BeFalse())
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", key), 0)
			Expect(u.Clear(ctx, s.Client).Result()).To(BeFalse())
		})

		It("CreateNX writes only a record that does not exist, atomically, and loads what is stored", func(ctx SpecContext) {
			users := structUserDef(s)
			users.TTL = 100 * time.Second
			p := s.Client.Pipeline()
			first := users.CreateNX(ctx, p, map[string]any{"user_id": "1", "name": "Ann"})
			second := users.CreateNX(ctx, p, map[string]any{"user_id": "1", "name": "Bea", "age": 2})
			s.ExecOnce(ctx, p)

			Expect(first.Done().Result()).To(BeIdenticalTo(first))
			Expect(first.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann"}))
			rec, err := second.Done().Result()
			Expect(err).To(MatchError(structs.ErrStructExists))
			Expect(rec).To(BeIdenticalTo(second))
			Expect(second.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann"}), "the record as stored")
			Expect(structHash(s, ctx, redpipe.DefaultConn, users.Key("1"))).To(Equal(map[string]string{"name": "Ann"}))
			structPTTLWithin(s, ctx, users.Key("1"), users.TTL)
		})

		It("Delete deletes many records, one DEL each, in one round trip on every topology", func(ctx SpecContext) {
			users := structUserDef(s)
			for _, id := range []string{"a", "b", "c"} {
				s.Arrange(ctx, []string{"HSET", users.Key(id), "name", id})
			}
			p := s.Client.Pipeline()
			n := users.Delete(ctx, p, "a", "b", "c", "never")
			none := users.Delete(ctx, p)
			s.ExecOnce(ctx, p)
			Expect(n.Result()).To(Equal(int64(3)))
			Expect(none.Result()).To(Equal(int64(0)))
			for _, id := range []string{"a", "b", "c"} {
				conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key(id)), 0)
			}
		})

		It("Local makes a record with no I/O, normalized as Create would write it", func(ctx SpecContext) {
			users := structUserDef(s)
			before := s.MainCalls.Calls() + s.OtherCalls.Calls()
			u, err := users.Local(map[string]any{"user_id": 9, "name": "Ann", "age": int8(3)})
			Expect(err).NotTo(HaveOccurred())
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "9", "name": "Ann", "age": int64(3)}))
			Expect(u.Done().Result()).To(BeIdenticalTo(u))
			Expect(s.MainCalls.Calls() + s.OtherCalls.Calls()).To(Equal(before))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("9")), 0)
		})

		It("a record changes only when its batch succeeded: a Redis error leaves it as it was", func(ctx SpecContext) {
			users := structUserDef(s)
			u, err := users.Local(map[string]any{"user_id": "1", "name": "Ann", "age": 1})
			Expect(err).NotTo(HaveOccurred())
			s.Arrange(ctx, []string{"HSET", users.Key("1"), "name", "Ann", "age", "x"})
			p := s.Client.Pipeline()
			incr := u.Incr(ctx, p, "age", 1)
			upd := u.Update(ctx, p, map[string]any{"name": "Bea"})
			Expect(p.Exec(ctx)).To(HaveOccurred())
			conformance.ExpectRedisError(incr.Err(), "ERR hash value is not an integer")
			Expect(upd.Result()).To(BeTrue(), "the update was not part of the failure")
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Bea", "age": int64(1)}))

			s.Arrange(ctx, []string{"DEL", users.Key("1")}, []string{"SET", users.Key("1"), "text"})
			upd = u.Update(ctx, s.Client, map[string]any{"name": "Cy"})
			conformance.ExpectRedisError(upd.Err(), wrongType)
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Bea", "age": int64(1)}))
		})

		It("a record operation whose pipeline is discarded resolves with ErrInvalidPipeline and changes nothing", func(ctx SpecContext) {
			users := structUserDef(s)
			u, err := users.Local(map[string]any{"user_id": "1", "name": "Ann"})
			Expect(err).NotTo(HaveOccurred())
			var created *structs.Struct
			var upd *redpipe.Future[bool]
			stop := errors.New("changed my mind")
			Expect(redpipe.Autoexec(ctx, s.Client, func(p *redpipe.Pipeline) error {
				created = users.Create(ctx, p, map[string]any{"user_id": "2", "name": "Bea"})
				upd = u.Update(ctx, p, map[string]any{"name": "Cy"})
				return stop
			})).To(MatchError(stop))
			Expect(created.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(upd.Err()).To(MatchError(redpipe.ErrInvalidPipeline))
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann"}))
			Expect(s.MainCalls.Calls()).To(Equal(0))
		})

		It("a definition's connection takes its records to that connection, inside the caller's batch", func(ctx SpecContext) {
			users := structUserDef(s)
			users.Conn = conformance.Second
			p := s.Client.Pipeline()
			n := p.Incr(s.Key("n"))
			u := users.Create(ctx, p, map[string]any{"user_id": "1", "name": "Ann"})
			s.ExecOnce(ctx, p)
			Expect(s.OtherCalls.Calls()).To(Equal(1))
			Expect(n.Result()).To(Equal(int64(1)))
			Expect(u.Map()).To(Equal(map[string]any{"user_id": "1", "name": "Ann"}))
			Expect(structHash(s, ctx, conformance.Second, users.Key("1"))).To(Equal(map[string]string{"name": "Ann"}))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("1")), 0)
		})
	})
})
