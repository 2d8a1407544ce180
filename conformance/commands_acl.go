package conformance

import (
	"crypto/sha256"
	"encoding/hex"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
)

var _ = register(func(s *Suite) {
	Describe("Commands: ACL", func() {
		It("sets up a user, checks what it may run and deletes it, in one round trip", func(ctx SpecContext) {
			conn, backend, calls := s.serverConn()
			user, pattern := s.Key("user"), s.Key("*")
			DeferCleanup(func(ctx SpecContext) { RunOne(ctx, backend, "ACL", "DELUSER", user) })
			const password = "secret"
			sum := sha256.Sum256([]byte(password))

			p := s.Client.Pipeline(redpipe.On(conn))
			// sanitize-payload given, not defaulted: Valkey 8 lists it by
			// default and Redis 7 only when set, so both list it here.
			set := p.ACLSetUser(user, "on", "sanitize-payload", ">"+password, "~"+pattern, "+get")
			list := p.ACLList()
			users := p.ACLUsers()
			mayGet := p.ACLDryRun(user, "GET", s.Key("k"))
			maySet := p.ACLDryRun(user, "SET", s.Key("k"), 1)
			mayGetOther := p.ACLDryRun(user, "GET", "other")
			whoami := p.ACLWhoAmI()
			del := p.ACLDelUser(user)
			delAgain := p.ACLDelUser(user)
			usersAfter := p.ACLUsers()
			execOnceOn(ctx, p, calls)

			Expect(set.Result()).To(Equal("OK"))
			Expect(list.Val()).To(ContainElement("user " + user + " on sanitize-payload #" + hex.EncodeToString(sum[:]) + " ~" + pattern + " resetchannels -@all +get"))
			Expect(users.Val()).To(ContainElements("default", user))
			Expect(mayGet.Result()).To(Equal("OK"))
			who := s.ServerText(ctx, "This user", "User "+user) // Valkey 8 names the user
			Expect(maySet.Result()).To(Equal(who + " has no permissions to run the 'set' command"))
			Expect(mayGetOther.Result()).To(Equal(who + " has no permissions to access the 'other' key"))
			Expect(whoami.Result()).To(Equal("default"))
			Expect(del.Result()).To(Equal(int64(1)))
			Expect(delAgain.Result()).To(Equal(int64(0)))
			Expect(usersAfter.Val()).To(ContainElement("default"))
			Expect(usersAfter.Val()).NotTo(ContainElement(user))
		})

		It("logs a refused AUTH in ACL LOG", func(ctx SpecContext) {
			conn, backend, calls := s.serverConn()
			user := s.Key("user")
			Expect(RunOne(ctx, backend, "ACL", "SETUSER", user, "on", ">right").Err).NotTo(HaveOccurred())
			DeferCleanup(func(ctx SpecContext) { RunOne(ctx, backend, "ACL", "DELUSER", user) })
			// A failed AUTH leaves the connection as it was (authenticated
			// as default): it only adds an entry to the ACL log.
			refused := RunOne(ctx, backend, "AUTH", user, "wrong")
			ExpectRedisError(refused.Err, "WRONGPASS invalid username-password pair or user is disabled.")

			p := s.Client.Pipeline(redpipe.On(conn))
			log := p.ACLLog(1)
			all := p.ACLLog(0)
			execOnceOn(ctx, p, calls)

			Expect(log.Err()).NotTo(HaveOccurred())
			Expect(log.Val()).To(HaveLen(1))
			e := log.Val()[0]
			Expect(e.Count).To(Equal(int64(1)))
			Expect(e.Reason).To(Equal("auth"))
			Expect(e.Context).To(Equal("toplevel"))
			Expect(e.Object).To(Equal("AUTH"), "the refused command as it was sent")
			Expect(e.Username).To(Equal(user))
			Expect(e.AgeSeconds).To(BeNumerically(">=", 0))
			Expect(e.AgeSeconds).To(BeNumerically("<", 60))
			Expect(e.ClientInfo).NotTo(BeNil())
			Expect(e.ClientInfo.LastCmd).To(Equal("auth"))
			Expect(e.ClientInfo.User).To(Equal("default"))
			Expect(all.Err()).NotTo(HaveOccurred())
			Expect(len(all.Val())).To(BeNumerically(">=", 1))
			// The two reads are a moment apart: the entry's age may differ.
			latest, first := *all.Val()[0], *e
			Expect(latest.AgeSeconds).To(BeNumerically("~", first.AgeSeconds, 1))
			latest.AgeSeconds, first.AgeSeconds = 0, 0
			Expect(latest).To(Equal(first), "the latest entry first")
		})

		It("lists categories with ACL CAT and passwords with ACL GENPASS", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			cats := p.ACLCat()
			catArgsNil := p.ACLCatArgs(nil)
			hll := p.ACLCatArgs(&redpipe.ACLCatArgs{Category: "hyperloglog"})
			unknown := p.ACLCatArgs(&redpipe.ACLCatArgs{Category: "nope"})
			pass := p.ACLGenPass(0)
			pass32 := p.ACLGenPass(32)
			pass1 := p.ACLGenPass(1)
			s.ExecOnceFailing(ctx, p)

			Expect(cats.Val()).To(ContainElements("keyspace", "read", "write", "hyperloglog", "connection", "dangerous"))
			Expect(catArgsNil.Result()).To(ConsistOf(cats.Val()))
			Expect(hll.Result()).To(ConsistOf("pfadd", "pfcount", "pfdebug", "pfmerge", "pfselftest"))
			ExpectRedisError(unknown.Err(), "ERR Unknown category 'nope'")
			Expect(pass.Val()).To(MatchRegexp(`^[0-9a-f]{64}$`), "256 bits")
			Expect(pass32.Val()).To(MatchRegexp(`^[0-9a-f]{8}$`))
			Expect(pass1.Val()).To(MatchRegexp(`^[0-9a-f]$`), "bits round up to a hex digit")
		})
	})
})
