package conformance

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

var _ = register(func(s *Suite) {
	Describe("Nil replies and Redis errors", func() {
		It("a nil reply is ErrNil and not a failure of Exec", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			g := p.Get(s.Key("missing"))
			d := p.Do("GET", s.Key("missing"))
			h := p.HGetAll(s.Key("missing"))
			n := p.Incr(s.Key("n"))
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(g.Ready()).To(BeTrue())
			Expect(g.Err()).To(MatchError(redpipe.ErrNil))
			Expect(g.Val()).To(Equal(""))
			Expect(d.Err()).To(MatchError(redpipe.ErrNil))
			Expect(d.Val()).To(BeNil())
			Expect(h.Result()).To(Equal(map[string]string{}), "a missing hash is an empty map, not a nil")
			Expect(n.Result()).To(Equal(int64(1)))
		})

		It("a per-command Redis error keeps Redis's text and leaves the other commands intact", func(ctx SpecContext) {
			str, list := s.Key("str"), s.Key("list")
			Expect(s.Raw(ctx, "SET", str, "abc").Err).NotTo(HaveOccurred())
			Expect(s.Raw(ctx, "RPUSH", list, "x").Err).NotTo(HaveOccurred())

			p := s.Client.Pipeline()
			before := p.Incr(s.Key("n"))
			bad := p.Incr(str)
			doBad := p.Do("INCR", str)
			wrong := p.Get(list)
			nested := p.Pipeline(redpipe.On(Second))
			otherPush := nested.Do("LPUSH", s.Key("o"), "v")
			otherWrong := nested.Incr(s.Key("o"))
			Expect(nested.Exec(ctx)).To(Succeed())
			after := p.Incr(s.Key("n"))
			get := p.Get(str)

			err := p.Exec(ctx)
			Expect(before.Result()).To(Equal(int64(1)))
			Expect(after.Result()).To(Equal(int64(2)))
			Expect(get.Result()).To(Equal("abc"))
			Expect(otherPush.Result()).To(Equal(int64(1)))

			for _, f := range []interface{ Err() error }{bad, doBad} {
				var re *ports.RedisError
				Expect(errors.As(f.Err(), &re)).To(BeTrue(), "%T: %v", f.Err(), f.Err())
				Expect(re.Error()).To(Equal(cmdNotInteger))
				Expect(re.Prefix()).To(Equal("ERR"))
				Expect(re.Kind()).To(Equal(ports.ErrGeneric))
			}
			Expect(bad.Val()).To(Equal(int64(0)))
			Expect(doBad.Val()).To(BeNil())
			for _, f := range []interface{ Err() error }{wrong, otherWrong} {
				var re *ports.RedisError
				Expect(errors.As(f.Err(), &re)).To(BeTrue(), "%T: %v", f.Err(), f.Err())
				Expect(re.Error()).To(Equal(cmdWrongType))
				Expect(re.Kind()).To(Equal(ports.ErrWrongType))
			}

			Expect(err).To(HaveOccurred())
			var re *ports.RedisError
			Expect(errors.As(err, &re)).To(BeTrue())
			Expect(re.Error()).To(Equal(cmdNotInteger), "errors.As finds the first failed command's error")
			Expect(errors.Is(err, ports.NewRedisError(cmdWrongType))).To(BeTrue())
			var ee *redpipe.ExecError
			Expect(errors.As(err, &ee)).To(BeTrue())
			Expect(ee.Errors).To(HaveLen(4))
			type failure struct{ conn, cmd, msg string }
			var got []failure
			for _, ce := range ee.Errors {
				got = append(got, failure{ce.Conn, ce.Command, ce.Err.Error()})
			}
			Expect(got).To(ConsistOf(
				failure{redpipe.DefaultConn, "INCR", cmdNotInteger},
				failure{redpipe.DefaultConn, "INCR", cmdNotInteger},
				failure{redpipe.DefaultConn, "GET", cmdWrongType},
				failure{Second, "INCR", cmdWrongType},
			))
			Expect(err.Error()).To(ContainSubstring(`INCR on "default": ` + cmdNotInteger))
			Expect(err.Error()).To(ContainSubstring(`GET on "default": ` + cmdWrongType))
			Expect(err.Error()).To(ContainSubstring(`INCR on "second": ` + cmdWrongType))
			ExpectRawString(s.Raw(ctx, "GET", s.Key("n")), "2")
		})
	})

	Describe("Binary values", func() {
		It("round-trip bytes-exact through SET/GET, HSET/HGETALL and Do", func(ctx SpecContext) {
			odd := []string{"\x00", "a\x00b", "\r\n", "x\r\ny", "\xff\xfe", ""}
			p := s.Client.Pipeline()
			var keys []string
			var sets []*redpipe.Future[any]
			for i, v := range odd {
				k := s.Key(v) // odd bytes in the key too; s.Key("") is the empty suffix
				keys = append(keys, k)
				sets = append(sets, p.Do("SET", k, v+odd[(i+1)%len(odd)]))
			}
			hk := s.Key("hash\x00\r\n\xff")
			hargs := []any{"HSET", hk}
			for i, v := range odd {
				hargs = append(hargs, v, odd[len(odd)-1-i]+"|")
			}
			hset := p.Do(hargs...)
			var gets []*redpipe.Future[string]
			var dos []*redpipe.Future[any]
			for _, k := range keys {
				gets = append(gets, p.Get(k))
				dos = append(dos, p.Do("GET", []byte(k)))
			}
			tk := s.Key("typed\x00\r\n\xff\xfe")
			tset := p.Set(tk, []byte("\x00\r\n\xff\xfe"), 0)
			tget := p.Get(tk)
			thk := s.Key("typedhash\x00")
			thset := p.HSet(thk, "\r\n", "\x00", "", "\xff\xfe")
			thget := p.HGet(thk, "")
			thall := p.HGetAll(thk)
			hall := p.HGetAll(hk)
			hdo := p.Do("HGETALL", hk)
			hget := p.Do("HGET", hk, "\xff\xfe")
			empty := p.Do("SET", s.Key("empty"), "")
			getEmpty := p.Get(s.Key("empty"))
			Expect(p.Exec(ctx)).To(Succeed())

			wantHash := map[string]string{}
			wantHashAny := map[string]any{}
			for i, v := range odd {
				wantHash[v] = odd[len(odd)-1-i] + "|"
				wantHashAny[v] = odd[len(odd)-1-i] + "|"
			}
			for i, v := range odd {
				want := v + odd[(i+1)%len(odd)]
				Expect(sets[i].Result()).To(Equal("OK"))
				Expect(gets[i].Result()).To(Equal(want), "GET %q", keys[i])
				Expect(dos[i].Result()).To(Equal(any(want)), "Do GET %q", keys[i])
				ExpectRawString(s.Raw(ctx, "GET", keys[i]), want)
			}
			Expect(hset.Result()).To(Equal(int64(len(odd))))
			Expect(hall.Result()).To(Equal(wantHash))
			Expect(hdo.Result()).To(Equal(any(wantHashAny)), "Do HGETALL is a map over every protocol")
			Expect(hget.Result()).To(Equal("a\x00b|"))
			Expect(tset.Result()).To(Equal("OK"))
			Expect(tget.Result()).To(Equal("\x00\r\n\xff\xfe"))
			Expect(thset.Result()).To(Equal(int64(2)))
			Expect(thget.Result()).To(Equal("\xff\xfe"))
			Expect(thall.Result()).To(Equal(map[string]string{"\r\n": "\x00", "": "\xff\xfe"}))
			ExpectRawString(s.Raw(ctx, "HGET", thk, "\r\n"), "\x00")
			Expect(empty.Result()).To(Equal("OK"))
			Expect(getEmpty.Err()).NotTo(HaveOccurred(), "an empty string is a value, not a nil")
			Expect(getEmpty.Val()).To(Equal(""))
		})
	})
})
