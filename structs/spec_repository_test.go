package structs_test

import (
	"math"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/structs"
)

type repoLevel string

type repoAddress struct {
	City string `json:"city"`
	Zip  int    `json:"zip"`
}

// repoUser has a field of every type a Repository stores.
type repoUser struct {
	Name    string            `redis:"name"`
	Level   repoLevel         `redis:"level"`
	Avatar  []byte            `redis:"avatar"`
	Age     int               `redis:"age"`
	Small   int8              `redis:"small"`
	Big     int64             `redis:"big"`
	Count   uint32            `redis:"count"`
	Huge    uint64            `redis:"huge"`
	Ratio   float32           `redis:"ratio"`
	Score   float64           `redis:"score"`
	Admin   bool              `redis:"admin"`
	Since   time.Time         `redis:"since"`
	Address repoAddress       `redis:"address,json"`
	Labels  map[string]string `redis:"labels,json"`
	Tags    []string          `redis:"tags,json"`
	Note    string            // untagged: not stored
}

var _ = register(func(s *conformance.Suite) {
	Describe("Repository", func() {
		full := repoUser{
			Name: "Zoë", Level: "gold", Avatar: []byte{0, 1, 255}, Age: 42, Small: math.MinInt8, Big: math.MaxInt64,
			Count: math.MaxUint32, Huge: math.MaxUint64, Ratio: 0.1, Score: -2.5e-300, Admin: true,
			Since:   time.Date(2024, 2, 29, 12, 30, 45, 123456789, time.UTC),
			Address: repoAddress{City: "Oslo", Zip: 150}, Labels: map[string]string{"k": "v"}, Tags: []string{"a", "b"},
		}

		It("Save then Load round-trips every field type exactly, zero values too, in one round trip", func(ctx SpecContext) {
			users := structs.NewRepository[repoUser](structPrefix(s, "user"))
			Expect(users.Err()).NotTo(HaveOccurred())
			p := s.Client.Pipeline()
			saved := users.Save(ctx, p, "1", full)
			zero := users.Save(ctx, p, "0", repoUser{})
			loaded := users.Load(ctx, p, "1")
			loadedZero := users.Load(ctx, p, "0")
			missing := users.Load(ctx, p, "none")
			s.ExecOnce(ctx, p)

			Expect(saved.Result()).To(BeTrue())
			Expect(zero.Result()).To(BeTrue())
			want := full
			want.Note = ""
			Expect(loaded.Result()).To(Equal(want))
			Expect(loadedZero.Result()).To(Equal(repoUser{}))
			_, err := missing.Result()
			Expect(err).To(MatchError(redpipe.ErrNil))
			Expect(structHash(s, ctx, redpipe.DefaultConn, users.Key("1"))).To(Equal(map[string]string{
				"name": "Zoë", "level": "gold", "avatar": "\x00\x01\xff", "age": "42", "small": "-128",
				"big": "9223372036854775807", "count": "4294967295", "huge": "18446744073709551615",
				"ratio": "0.10000000149011612", "score": "-2.5e-300", "admin": "1",
				"since": "2024-02-29T12:30:45.123456789Z", "address": `{"city":"Oslo","zip":150}`,
				"labels": `{"k":"v"}`, "tags": `["a","b"]`,
			}))
			Expect(users.Fields()).To(Equal([]string{"name", "level", "avatar", "age", "small", "big", "count", "huge",
				"ratio", "score", "admin", "since", "address", "labels", "tags"}))
		})

		It("Update and SaveFields write only the fields named; a nil value removes a field", func(ctx SpecContext) {
			users := structs.NewRepository[repoUser](structPrefix(s, "user"))
			Expect(users.Save(ctx, s.Client, "1", full).Result()).To(BeTrue())
			p := s.Client.Pipeline()
			upd := users.Update(ctx, p, "1", map[string]any{"age": 43, "small": 5, "level": "silver", "tags": nil})
			part := users.SaveFields(ctx, p, "1", repoUser{Name: "Ann", Score: 9}, "name", "score")
			got := users.Load(ctx, p, "1")
			s.ExecOnce(ctx, p)
			Expect(upd.Result()).To(BeTrue())
			Expect(part.Result()).To(BeTrue())
			want := full
			want.Age, want.Small, want.Level, want.Tags, want.Name, want.Score = 43, 5, "silver", nil, "Ann", 9
			Expect(got.Result()).To(Equal(want))
		})

		It("Delete deletes many records, one DEL each, in one round trip", func(ctx SpecContext) {
			users := structs.NewRepository[repoUser](structPrefix(s, "user"))
			for _, id := range []string{"a", "b"} {
				s.Arrange(ctx, []string{"HSET", users.Key(id), "name", id})
			}
			p := s.Client.Pipeline()
			n := users.Delete(ctx, p, "a", "b", "never")
			s.ExecOnce(ctx, p)
			Expect(n.Result()).To(Equal(int64(2)))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("a")), 0)
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("b")), 0)
		})

		It("WithTTL sets the record's time to live on every write, in the same round trip", func(ctx SpecContext) {
			plain := structs.NewRepository[repoUser](structPrefix(s, "user"))
			users := plain.WithTTL(time.Minute)
			p := s.Client.Pipeline()
			users.Save(ctx, p, "1", repoUser{Name: "Ann"})
			plain.Save(ctx, p, "2", repoUser{Name: "Bob"})
			s.ExecOnce(ctx, p)
			ttl := s.Raw(ctx, "PTTL", users.Key("1"))
			Expect(ttl.Err).NotTo(HaveOccurred())
			Expect(ttl.Reply.Int).To(And(BeNumerically(">", 55_000), BeNumerically("<=", 60_000)))
			conformance.ExpectRawInt(s.Raw(ctx, "PTTL", plain.Key("2")), -1)

			conformance.ExpectRawInt(s.Raw(ctx, "PERSIST", users.Key("1")), 1)
			Expect(users.Update(ctx, s.Client, "1", map[string]any{"age": 7}).Result()).To(BeTrue())
			ttl = s.Raw(ctx, "PTTL", users.Key("1"))
			Expect(ttl.Reply.Int).To(And(BeNumerically(">", 55_000), BeNumerically("<=", 60_000)), "Update refreshes the TTL")
		})

		It("On takes the records to that connection", func(ctx SpecContext) {
			users := structs.NewRepository[repoUser](structPrefix(s, "user"), redpipe.On(conformance.Second))
			p := s.Client.Pipeline()
			users.Save(ctx, p, "1", repoUser{Name: "Ann"})
			got := users.Load(ctx, p, "1")
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(s.MainCalls.Calls()).To(Equal(0))
			Expect(s.OtherCalls.Calls()).To(Equal(1))
			Expect(got.Result()).To(Equal(repoUser{Name: "Ann"}))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", users.Key("1")), 0)
			Expect(structHash(s, ctx, conformance.Second, users.Key("1"))).To(Equal(map[string]string{
				"name": "Ann", "level": "", "avatar": "", "age": "0", "small": "0", "big": "0", "count": "0",
				"huge": "0", "ratio": "0", "score": "0", "admin": "0", "since": "0001-01-01T00:00:00Z",
				"address": `{"city":"","zip":0}`, "labels": "null", "tags": "null",
			}), "zero values are stored too")
		})
	})
})
