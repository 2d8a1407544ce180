package conformance

import (
	"context"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// serverConn is where a spec sends commands that must all reach one server
// (CLIENT ID then CLIENT INFO, CONFIG SET then CONFIG SET back): the main
// connection, except on a cluster, where a client may send each keyless
// command to another master (go-redis round-robins them), so the spec
// runs on the second connection, a standalone server, through the same
// driver. It returns the connection's name, backend and call counter.
func (s *Suite) serverConn() (string, ports.Backend, *CountingBackend) {
	if s.Topology() == Cluster {
		return Second, s.Other, s.OtherCalls
	}
	return redpipe.DefaultConn, s.Main, s.MainCalls
}

// execOnceOn executes p, expecting success in exactly one round trip to
// the connection counted by calls.
func execOnceOn(ctx context.Context, p *redpipe.Pipeline, calls *CountingBackend) {
	GinkgoHelper()
	before := calls.Calls()
	Expect(p.Exec(ctx)).To(Succeed())
	Expect(calls.Calls()-before).To(Equal(1), "one round trip for the whole pipeline")
}

var _ = register(func(s *Suite) {
	Describe("Commands: Server", func() {
		It("answers PING, ECHO, TIME, LASTSAVE, INFO and the COMMAND family in one round trip", func(ctx SpecContext) {
			k, missing := s.Key("k"), s.Key("missing")
			p := s.Client.Pipeline()
			ping := p.Ping()
			echo := p.Echo(s.Key("msg"))
			echoBinary := p.Echo("a\x00\r\nb\xff")
			echoNumber := p.Echo(42)
			before := time.Now()
			now := p.Time()
			lastSave := p.LastSave()
			info := p.Info("server")
			infoMap := p.InfoMap("server", "clients")
			count := p.CommandCount()
			all := p.Command()
			listPF := p.CommandList(&redpipe.FilterBy{Pattern: "pfc*"})
			listCat := p.CommandList(&redpipe.FilterBy{ACLCat: "hyperloglog"})
			keys := p.CommandGetKeys("MSET", "a", 1, "b", 2)
			keyFlags := p.CommandGetKeysAndFlags("LMOVE", "a", "b", "LEFT", "LEFT")
			set := p.Set(k, "some value", 0)
			usage := p.MemoryUsage(k)
			usageSampled := p.MemoryUsage(k, 5)
			usageMissing := p.MemoryUsage(missing)
			latency := p.Latency()
			latencyReset := p.LatencyReset()
			slowlogParams := p.ConfigGet("slowlog-*")
			s.ExecOnce(ctx, p)
			after := time.Now()

			Expect(ping.Result()).To(Equal("PONG"))
			Expect(echo.Result()).To(Equal(s.Key("msg")))
			Expect(echoBinary.Result()).To(Equal("a\x00\r\nb\xff"))
			Expect(echoNumber.Result()).To(Equal("42"))
			Expect(now.Err()).NotTo(HaveOccurred())
			// The server runs on this machine: its clock is this clock.
			Expect(now.Val()).To(BeTemporally(">=", before.Add(-2*time.Second)))
			Expect(now.Val()).To(BeTemporally("<=", after.Add(2*time.Second)))
			Expect(lastSave.Err()).NotTo(HaveOccurred())
			Expect(lastSave.Val()).To(BeNumerically(">", 0))
			Expect(lastSave.Val()).To(BeNumerically("<=", after.Unix()))

			Expect(info.Val()).To(HavePrefix("# Server\r\n"))
			Expect(infoMap.Err()).NotTo(HaveOccurred())
			sections := infoMap.Val()
			Expect(sections).To(HaveLen(2))
			Expect(sections).To(HaveKey("Clients"))
			Expect(info.Val()).To(ContainSubstring("\r\nredis_version:" + sections["Server"]["redis_version"] + "\r\n"))
			mode := map[Topology]string{Standalone: "standalone", Sentinel: "standalone", Cluster: "cluster"}[s.Topology()]
			Expect(sections["Server"]).To(HaveKeyWithValue(s.ServerText(ctx, "redis_mode", "server_mode"), mode))
			Expect(strconv.Atoi(sections["Clients"]["connected_clients"])).To(BeNumerically(">=", 1))

			Expect(count.Err()).NotTo(HaveOccurred())
			Expect(all.Val()).To(HaveLen(int(count.Val())), "COMMAND has COMMAND COUNT entries")
			get := all.Val()["get"]
			Expect(get).NotTo(BeNil())
			Expect(*get).To(Equal(redpipe.CommandInfo{
				Name: "get", Arity: 2, Flags: []string{"readonly", "fast"}, ACLFlags: []string{"@read", "@string", "@fast"},
				FirstKeyPos: 1, LastKeyPos: 1, StepCount: 1, ReadOnly: true, Tips: []string{},
			}))
			Expect(all.Val()["dbsize"].Tips).To(Equal([]string{"request_policy:all_shards", "response_policy:agg_sum"}))
			Expect(listPF.Result()).To(Equal([]string{"pfcount"}))
			Expect(listCat.Result()).To(ConsistOf("pfadd", "pfcount", "pfdebug", "pfmerge", "pfselftest"))
			Expect(keys.Result()).To(Equal([]string{"a", "b"}))
			Expect(keyFlags.Result()).To(Equal([]redpipe.KeyFlags{
				{Key: "a", Flags: []string{"RW", "access", "delete"}},
				{Key: "b", Flags: []string{"RW", "insert"}},
			}))

			Expect(set.Result()).To(Equal("OK"))
			Expect(usage.Err()).NotTo(HaveOccurred())
			Expect(usage.Val()).To(BeNumerically(">", int64(len(k)+len("some value"))))
			Expect(usageSampled.Result()).To(Equal(usage.Val()), "a string has no elements to sample")
			Expect(usageMissing.Err()).To(MatchError(redpipe.ErrNil))
			// The latency monitor is off (latency-monitor-threshold 0): no events.
			Expect(latency.Result()).To(BeEmpty())
			Expect(latencyReset.Result()).To(Equal(int64(0)))
			Expect(slowlogParams.Val()).To(HaveLen(2))
			Expect(slowlogParams.Val()).To(HaveKey("slowlog-log-slower-than"))
			Expect(strconv.Atoi(slowlogParams.Val()["slowlog-max-len"])).To(BeNumerically(">", 0))
		})

		It("keeps Redis's error text per command, and refuses bad input unsent", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			noKeys := p.CommandGetKeys("PING", "x")
			unknownParam := p.ConfigSet("no-such-param", "1")
			badEcho := p.Echo(nil)
			badSamples := p.MemoryUsage(s.Key("k"), 1, 2)
			badModule := p.ModuleLoadex(nil)
			after := p.Ping()
			s.ExecOnceFailing(ctx, p)

			ExpectRedisError(noKeys.Err(), "ERR The command has no key arguments")
			ExpectRedisError(unknownParam.Err(), "ERR Unknown option or number of arguments for CONFIG SET - 'no-such-param'")
			Expect(badEcho.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(badSamples.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(badModule.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(after.Result()).To(Equal("PONG"))
		})

		It("describes the connection a batch runs on with CLIENT ID, INFO, LIST and GETNAME", func(ctx SpecContext) {
			conn, _, calls := s.serverConn()
			p := s.Client.Pipeline(redpipe.On(conn))
			id := p.ClientID()
			info := p.ClientInfo()
			list := p.ClientList()
			name := p.ClientGetName()
			unblock := p.ClientUnblock(0)
			unblockErr := p.ClientUnblockWithError(0)
			execOnceOn(ctx, p, calls)

			Expect(id.Err()).NotTo(HaveOccurred())
			Expect(info.Err()).NotTo(HaveOccurred())
			me := info.Val()
			Expect(me.ID).To(Equal(id.Val()), "one batch, one connection")
			Expect(me.LastCmd).To(Equal("client|info"))
			Expect(me.User).To(Equal("default"))
			Expect(me.DB).To(Equal(0))
			Expect(me.Multi).To(Equal(-1), "not in a MULTI")
			Expect(me.Flags & redpipe.ClientMulti).To(BeZero())
			Expect(me.Resp).To(BeElementOf(2, 3))
			Expect(me.Addr).NotTo(BeEmpty())
			if me.Name == "" {
				Expect(name.Err()).To(MatchError(redpipe.ErrNil), "CLIENT GETNAME of a connection without a name")
			} else {
				Expect(name.Result()).To(Equal(me.Name))
			}

			Expect(list.Err()).NotTo(HaveOccurred())
			var mine []*redpipe.ClientInfo
			for _, line := range strings.Split(strings.TrimSpace(list.Val()), "\n") {
				c, err := redpipe.ParseClientInfo(line)
				Expect(err).NotTo(HaveOccurred(), "CLIENT LIST line %q", line)
				if c.ID == me.ID {
					mine = append(mine, c)
				}
			}
			Expect(mine).To(HaveLen(1), "CLIENT LIST has the connection once")
			Expect(mine[0].Addr).To(Equal(me.Addr))
			Expect(mine[0].LastCmd).To(Equal("client|list"))
			// Client 0 does not exist, so it was not blocked.
			Expect(unblock.Result()).To(Equal(int64(0)))
			Expect(unblockErr.Result()).To(Equal(int64(0)))
		})

		It("sets a parameter with CONFIG SET and sets it back exactly", func(ctx SpecContext) {
			conn, backend, calls := s.serverConn()
			const param = "slowlog-max-len"
			res := RunOne(ctx, backend, "CONFIG", "GET", param)
			Expect(res.Err).NotTo(HaveOccurred())
			Expect(res.Reply.Elems).To(HaveLen(2), "CONFIG GET %s: %s", param, res.Reply)
			orig := res.Reply.Elems[1].Str
			n, err := strconv.Atoi(orig)
			Expect(err).NotTo(HaveOccurred())
			changed := strconv.Itoa(n + 1)
			DeferCleanup(func(ctx SpecContext) { RunOne(ctx, backend, "CONFIG", "SET", param, orig) })

			p := s.Client.Pipeline(redpipe.On(conn))
			set := p.ConfigSet(param, changed)
			got := p.ConfigGet(param)
			setBack := p.ConfigSet(param, orig)
			gotBack := p.ConfigGet(param)
			execOnceOn(ctx, p, calls)

			Expect(set.Result()).To(Equal("OK"))
			Expect(got.Result()).To(Equal(map[string]string{param: changed}))
			Expect(setBack.Result()).To(Equal("OK"))
			Expect(gotBack.Result()).To(Equal(map[string]string{param: orig}))
		})

		It("gives the slow log's entries with SLOWLOG GET and LEN", func(ctx SpecContext) {
			conn, backend, calls := s.serverConn()
			const param = "slowlog-log-slower-than"
			res := RunOne(ctx, backend, "CONFIG", "GET", param)
			Expect(res.Err).NotTo(HaveOccurred())
			Expect(res.Reply.Elems).To(HaveLen(2), "CONFIG GET %s: %s", param, res.Reply)
			orig := res.Reply.Elems[1].Str
			DeferCleanup(func(ctx SpecContext) { RunOne(ctx, backend, "CONFIG", "SET", param, orig) })
			marker := s.Key("slow")

			// Threshold 0 logs every command from here until it is set back.
			p := s.Client.Pipeline(redpipe.On(conn))
			logAll := p.ConfigSet(param, "0")
			reset := p.SlowLogReset()
			info := p.ClientInfo()
			echo := p.Echo(marker)
			n := p.SlowLogLen()
			entries := p.SlowLogGet(-1)
			latest := p.SlowLogGet(1)
			setBack := p.ConfigSet(param, orig)
			before := time.Now()
			execOnceOn(ctx, p, calls)

			Expect(logAll.Result()).To(Equal("OK"))
			Expect(reset.Result()).To(Equal("OK"))
			Expect(echo.Result()).To(Equal(marker))
			Expect(setBack.Result()).To(Equal("OK"))
			Expect(info.Err()).NotTo(HaveOccurred())
			Expect(entries.Err()).NotTo(HaveOccurred())
			// Other clients of the server (a sentinel, a replica) may be
			// logged too: this connection's entries are the ones from its address.
			var mine []redpipe.SlowLog
			for _, e := range entries.Val() {
				if e.ClientAddr == info.Val().Addr {
					mine = append(mine, e)
				}
			}
			Expect(mine).To(HaveLen(4))
			args := make([][]string, len(mine))
			for i, e := range mine {
				args[i] = e.Args
				Expect(e.ClientName).To(Equal(info.Val().Name))
				Expect(e.Time).To(BeTemporally("~", before, 5*time.Second))
				Expect(e.Duration).To(BeNumerically(">=", 0))
				if i > 0 {
					Expect(e.ID).To(BeNumerically("<", mine[i-1].ID), "latest first")
				}
			}
			Expect(args).To(Equal([][]string{{"SLOWLOG", "LEN"}, {"ECHO", marker}, {"CLIENT", "INFO"}, {"SLOWLOG", "RESET"}}))
			// SLOWLOG LEN counted what was logged before it ran: everything
			// with a smaller id than its own entry (the log was reset just before).
			counted := int64(0)
			for _, e := range entries.Val() {
				if e.ID < mine[0].ID {
					counted++
				}
			}
			Expect(n.Result()).To(Equal(counted))
			Expect(latest.Err()).NotTo(HaveOccurred())
			Expect(latest.Val()).To(HaveLen(1))
			Expect(latest.Val()[0].Args).To(Equal([]string{"SLOWLOG", "GET", "-1"}), "the latest entry is the one before it")
		})

		It("counts the database's keys with DBSIZE", func(ctx SpecContext) {
			d := s.deployment() // on a cluster DBSIZE sums every master
			p := d.Client.Pipeline()
			before := p.DBSize()
			p.Set(s.Key("a"), "1", 0)
			p.Set(s.Key("b"), "2", 0)
			p.Set(s.Key("a"), "again", 0)
			after := p.DBSize()
			p.Del(s.Key("a"))
			afterDel := p.DBSize()
			d.Exec(ctx, p)

			Expect(before.Err()).NotTo(HaveOccurred())
			Expect(after.Result()).To(Equal(before.Val()+2), "two new keys, one of them set twice")
			Expect(afterDel.Result()).To(Equal(before.Val() + 1))
		})

		It("waits for the replicas with WAIT", func(ctx SpecContext) {
			conn, _, calls := s.serverConn()
			// A Sentinel deployment's master has one replica; the standalone servers none.
			replicas := map[Topology]int{Standalone: 0, Cluster: 0, Sentinel: 1}[s.Topology()]
			p := s.Client.Pipeline(redpipe.On(conn))
			p.Set(s.Key("w"), "v", 0)
			wait := p.Wait(replicas, 5*time.Second)
			execOnceOn(ctx, p, calls)
			Expect(wait.Result()).To(Equal(int64(replicas)))
		})

		It("waits for the AOF fsync with WAITAOF", func(ctx SpecContext) {
			s.RequireCommand(ctx, "waitaof")
			conn, _, calls := s.serverConn()
			p := s.Client.Pipeline(redpipe.On(conn))
			p.Set(s.Key("w"), "v", 0)
			wait := p.WaitAOF(0, 0, time.Second)
			execOnceOn(ctx, p, calls)
			Expect(wait.Result()).To(Equal([]int64{0, 0}))
		})
	})
})
