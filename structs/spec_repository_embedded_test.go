package structs_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/ports"
	"github.com/redpipe-go/redpipe/structs"
)

// RepoStamps is embedded by value; its Note is shadowed by repoMember's own.
type RepoStamps struct {
	Created time.Time `redis:"created"`
	Version int       `redis:"version"`
	Note    string    `redis:"note"`
}

// repoOwner is an unexported type: encoding/json promotes its exported
// fields, and so does a Repository.
type repoOwner struct {
	Owner string `redis:"owner"`
}

// RepoExtra is embedded by pointer.
type RepoExtra struct {
	Nick string `redis:"nick"`
	Rank uint8  `redis:"rank"`
}

// RepoBadge and RepoGeo are embedded with a tag: each is one named field.
type RepoBadge string

type RepoGeo struct {
	Lat float64 `json:"lat"`
	Lng float64 `json:"lng"`
}

type repoMember struct {
	RepoStamps
	repoOwner
	*RepoExtra
	RepoBadge `redis:"badge"`
	RepoGeo   `redis:"geo,json"`
	Name      string `redis:"name"`
	Note      string `redis:"note"`
}

// rawHash is HGETALL sent straight to the server, bypassing redpipe, as a
// map whichever protocol replied (a RESP2 array or a RESP3 map).
func rawHash(s *conformance.Suite, ctx context.Context, key string) map[string]string {
	GinkgoHelper()
	res := s.Raw(ctx, "HGETALL", key)
	Expect(res.Err).NotTo(HaveOccurred())
	Expect(res.Reply.Kind).To(BeElementOf(ports.KindArray, ports.KindMap), "reply %s", res.Reply)
	out := map[string]string{}
	for i := 0; i+1 < len(res.Reply.Elems); i += 2 {
		out[res.Reply.Elems[i].Str] = res.Reply.Elems[i+1].Str
	}
	return out
}

var _ = register(func(s *conformance.Suite) {
	Describe("Repository embedded structs", func() {
		full := repoMember{
			RepoStamps: RepoStamps{Created: time.Date(2023, 12, 31, 23, 59, 59, 5, time.UTC), Version: 3},
			repoOwner:  repoOwner{Owner: "ops"},
			RepoExtra:  &RepoExtra{Nick: "z", Rank: 255},
			RepoBadge:  "gold",
			RepoGeo:    RepoGeo{Lat: 59.9, Lng: 10.75},
			Name:       "Zoë",
			Note:       "outer",
		}

		It("Save then Load round-trips promoted fields, by value and by pointer, under their own hash names", func(ctx SpecContext) {
			members := structs.NewRepository[repoMember](structPrefix(s, "member"))
			Expect(members.Err()).NotTo(HaveOccurred())
			Expect(members.Fields()).To(Equal([]string{"created", "version", "owner", "nick", "rank", "badge", "geo", "name", "note"}))
			p := s.Client.Pipeline()
			saved := members.Save(ctx, p, "1", full)
			loaded := members.Load(ctx, p, "1")
			s.ExecOnce(ctx, p)

			Expect(saved.Result()).To(BeTrue())
			Expect(loaded.Result()).To(Equal(full))
			Expect(rawHash(s, ctx, members.Key("1"))).To(Equal(map[string]string{
				"created": "2023-12-31T23:59:59.000000005Z", "version": "3", "owner": "ops", "nick": "z", "rank": "255",
				"badge": "gold", "geo": `{"lat":59.9,"lng":10.75}`, "name": "Zoë", "note": "outer",
			}), "the shallower Note wins; RepoStamps.Note is not stored")
		})

		It("a nil embedded pointer saves none of its fields, removes those saved before, and loads back nil", func(ctx SpecContext) {
			members := structs.NewRepository[repoMember](structPrefix(s, "member"))
			noExtra := full
			noExtra.RepoExtra = nil
			Expect(members.Save(ctx, s.Client, "fresh", noExtra).Result()).To(BeTrue())
			Expect(members.Save(ctx, s.Client, "was", full).Result()).To(BeTrue())

			p := s.Client.Pipeline()
			resaved := members.Save(ctx, p, "was", noExtra)
			fresh := members.Load(ctx, p, "fresh")
			was := members.Load(ctx, p, "was")
			s.ExecOnce(ctx, p)

			Expect(resaved.Result()).To(BeTrue())
			Expect(fresh.Result()).To(Equal(noExtra))
			Expect(was.Result()).To(Equal(noExtra))
			want := map[string]string{
				"created": "2023-12-31T23:59:59.000000005Z", "version": "3", "owner": "ops",
				"badge": "gold", "geo": `{"lat":59.9,"lng":10.75}`, "name": "Zoë", "note": "outer",
			}
			Expect(rawHash(s, ctx, members.Key("fresh"))).To(Equal(want))
			Expect(rawHash(s, ctx, members.Key("was"))).To(Equal(want))
		})

		It("any one field of an embedded pointer present makes Load allocate it; SaveFields and Update reach promoted fields", func(ctx SpecContext) {
			members := structs.NewRepository[repoMember](structPrefix(s, "member"))
			s.Arrange(ctx, []string{"HSET", members.Key("1"), "name", "Ann", "rank", "7"})
			p := s.Client.Pipeline()
			got := members.Load(ctx, p, "1")
			upd := members.Update(ctx, p, "2", map[string]any{"nick": "b", "owner": "dev"})
			part := members.SaveFields(ctx, p, "3", repoMember{RepoStamps: RepoStamps{Version: 9}}, "version", "nick")
			updated := members.Load(ctx, p, "2")
			s.ExecOnce(ctx, p)

			Expect(got.Result()).To(Equal(repoMember{Name: "Ann", RepoExtra: &RepoExtra{Rank: 7}}))
			Expect(upd.Result()).To(BeTrue())
			Expect(part.Result()).To(BeTrue())
			Expect(updated.Result()).To(Equal(repoMember{repoOwner: repoOwner{Owner: "dev"}, RepoExtra: &RepoExtra{Nick: "b"}}))
			Expect(rawHash(s, ctx, members.Key("3"))).To(Equal(map[string]string{"version": "9"}),
				"a field of a nil embedded pointer named in SaveFields is removed, not written")
		})
	})
})
