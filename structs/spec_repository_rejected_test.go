package structs_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/structs"
)

// RepoSideA and RepoSideB both promote "id" at depth one.
type RepoSideA struct {
	ID string `redis:"id"`
}

type RepoSideB struct {
	ID string `redis:"id"`
}

type repoClash struct {
	RepoSideA
	RepoSideB
	Name string `redis:"name"`
}

// repoSettled resolves the clash the encoding/json way: its own ID is
// shallower than both promoted ones.
type repoSettled struct {
	RepoSideA
	RepoSideB
	ID string `redis:"id"`
}

type repoSecretTag struct {
	Name   string `redis:"name"`
	secret string `redis:"secret"`
}

var _ = repoSecretTag{secret: "only its type is mapped"}

type repoHook struct {
	Hook func() `redis:"hook,json"`
}

type repoJobSpec struct {
	Run func() `json:"run"`
}

type repoJob struct {
	Job repoJobSpec `redis:"job,json"`
}

type repoMeta struct {
	Meta any `redis:"meta"`
}

type repoAge struct {
	Age *int `redis:"age"`
}

// repoHidden embeds a pointer to an unexported struct type, which Load
// could not allocate through reflection.
type repoHidden struct {
	*repoOwner
	Name string `redis:"name"`
}

// repoDoc keeps interfaces as JSON, exact only for encoding/json's own types.
type repoDoc struct {
	Name  string         `redis:"name"`
	Meta  any            `redis:"meta,json"`
	Extra map[string]any `redis:"extra,json"`
}

var _ = register(func(s *conformance.Suite) {
	Describe("Repository rejected fields", func() {
		It("two fields promoted at the same depth under one hash name reject the type naming both; a shallower one settles it", func(ctx SpecContext) {
			clash := structs.NewRepository[repoClash](structPrefix(s, "clash"))
			want := `redpipe: invalid value: structs_test.repoClash.RepoSideA.ID (redis:"id") and structs_test.repoClash.RepoSideB.ID (redis:"id") ` +
				`both map to hash field "id" at the same depth, so neither would win; rename one's tag, or tag one redis:"-"`
			Expect(clash.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(clash.Err()).To(MatchError(want))
			p := s.Client.Pipeline()
			saved := clash.Save(ctx, p, "1", repoClash{Name: "x"})
			expectStructRejected(p.Exec(ctx), "HSET", clash.Key("1")+": "+want)
			Expect(saved.Err()).To(MatchError(clash.Key("1") + ": " + want))
			Expect(s.MainCalls.Calls()).To(Equal(0))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", clash.Key("1")), 0)

			settled := structs.NewRepository[repoSettled](structPrefix(s, "settled"))
			Expect(settled.Err()).NotTo(HaveOccurred())
			v := repoSettled{RepoSideA: RepoSideA{ID: "a"}, RepoSideB: RepoSideB{ID: "b"}, ID: "top"}
			Expect(settled.Save(ctx, s.Client, "1", v).Result()).To(BeTrue())
			Expect(rawHash(s, ctx, settled.Key("1"))).To(Equal(map[string]string{"id": "top"}))
			Expect(settled.Load(ctx, s.Client, "1").Result()).To(Equal(repoSettled{ID: "top"}))
		})

		It("a field it cannot store or load back is rejected by type and field, saying why and what to do", func(ctx SpecContext) {
			cases := []struct {
				err  error
				want string
			}{
				{structs.NewRepository[repoSecretTag]("t").Err(),
					`structs_test.repoSecretTag.secret (redis:"secret") is unexported, so Load could not set it; export it, or remove its tag`},
				{structs.NewRepository[repoHook]("t").Err(),
					`structs_test.repoHook.Hook (redis:"hook,json"): a func() cannot be stored, not even as JSON; tag it redis:"-" to skip it`},
				{structs.NewRepository[repoJob]("t").Err(),
					`structs_test.repoJob.Job (redis:"job,json"): a structs_test.repoJobSpec cannot be stored, not even as JSON: ` +
						`encoding/json cannot encode a func(); tag it redis:"-" to skip it`},
				{structs.NewRepository[repoMeta]("t").Err(),
					`structs_test.repoMeta.Meta (redis:"meta"): a interface {} cannot be stored; tag it "meta,json" to store it as JSON`},
				{structs.NewRepository[repoAge]("t").Err(),
					`structs_test.repoAge.Age (redis:"age"): a *int cannot be stored; tag it "age,json" to store it as JSON`},
				{structs.NewRepository[repoHidden]("t").Err(),
					`structs_test.repoHidden.repoOwner is an embedded pointer to an unexported struct type, which Load could not allocate; ` +
						`export the type, embed it by value, or tag it redis:"-"`},
			}
			for _, c := range cases {
				Expect(c.err).To(MatchError(redpipe.ErrInvalidValue))
				Expect(c.err).To(MatchError("redpipe: invalid value: " + c.want))
			}
		})

		It("an interface kept as JSON takes only what loads back as itself; anything else fails the save and nothing is sent", func(ctx SpecContext) {
			docs := structs.NewRepository[repoDoc](structPrefix(s, "doc"))
			Expect(docs.Err()).NotTo(HaveOccurred())
			good := repoDoc{Name: "d", Meta: "note", Extra: map[string]any{
				"n": 1.5, "ok": true, "none": nil, "list": []any{"a", 2.0}, "sub": map[string]any{"x": "y"},
			}}
			p := s.Client.Pipeline()
			saved := docs.Save(ctx, p, "1", good)
			updated := docs.Update(ctx, p, "2", map[string]any{"meta": 2.5})
			loaded := docs.Load(ctx, p, "1")
			loadedUpd := docs.Load(ctx, p, "2")
			s.ExecOnce(ctx, p)
			Expect(saved.Result()).To(BeTrue())
			Expect(updated.Result()).To(BeTrue())
			Expect(loaded.Result()).To(Equal(good))
			Expect(loadedUpd.Result()).To(Equal(repoDoc{Meta: 2.5}))
			Expect(rawHash(s, ctx, docs.Key("1"))).To(Equal(map[string]string{
				"name": "d", "meta": `"note"`, "extra": `{"list":["a",2],"n":1.5,"none":null,"ok":true,"sub":{"x":"y"}}`,
			}))

			before := s.MainCalls.Calls()
			const why = ", which would not load back as one (encoding/json decodes into an interface only string, float64, bool, nil, " +
				"[]interface {} and map[string]interface {}); hold one of those, or use a concrete type"
			bad := []struct {
				save func(p *redpipe.Pipeline) *redpipe.Future[bool]
				want string
			}{
				{func(p *redpipe.Pipeline) *redpipe.Future[bool] { return docs.Save(ctx, p, "3", repoDoc{Meta: 5}) },
					`field "meta": redpipe: invalid value: JSON codec: an interface holds a int` + why},
				{func(p *redpipe.Pipeline) *redpipe.Future[bool] {
					return docs.Save(ctx, p, "3", repoDoc{Extra: map[string]any{"tags": []string{"a"}}})
				}, `field "extra": redpipe: invalid value: JSON codec: an interface holds a []string` + why},
				{func(p *redpipe.Pipeline) *redpipe.Future[bool] {
					return docs.Update(ctx, p, "3", map[string]any{"meta": int64(1)})
				}, `field "meta": redpipe: invalid value: JSON codec: an interface holds a int64` + why},
			}
			for _, b := range bad {
				p := s.Client.Pipeline()
				f := b.save(p)
				want := docs.Key("3") + ": " + b.want
				expectStructRejected(p.Exec(ctx), "HSET", want)
				Expect(f.Err()).To(MatchError(want))
			}
			Expect(s.MainCalls.Calls()).To(Equal(before))
			conformance.ExpectRawInt(s.Raw(ctx, "EXISTS", docs.Key("3")), 0)
		})
	})
})
