package difftest

import (
	"fmt"
	"regexp"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// killed is what two killed side connections read next (the end of the
// connection, whichever words the platform gives it: "killed" when the
// read failed), closing them.
func killed(ss [2]*side) any {
	out := make([]any, len(ss))
	for i, s := range ss {
		if v := s.read(); v != nil {
			out[i] = "killed"
		}
		s.close()
	}
	return out
}

// unblocked is what two unblocked side connections read: BLPOP's reply,
// nil or the UNBLOCKED error's text; it closes them.
func unblocked(ss [2]*side) any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s.read()
		s.close()
	}
	return out
}

// aclRefusals makes addr's ACL log four entries: a failed AUTH, then, as
// the ACLLog case's user, a key, a command and a channel refused.
func aclRefusals(addr string) {
	rawQuiet(addr, "AUTH", "dt-acl-nouser", "wrong")
	s := openSide(addr)
	defer s.close()
	s.do("AUTH", "dt-acl-ACLLog", "pw")
	s.do("GET", "other")
	s.do("SET", "dt:x", "v")
	s.do("PUBLISH", "dt-channel", "m")
}

// genPassShape is a norm for ACL GENPASS, which is random: only its length
// and that it is lower-case hex compare. 64 bits give 16 hex digits, the
// default 256 give 64, 5 bits round up to one digit: a wrong bit count sent
// (or none) changes the length.
func genPassShape(v any) any {
	if s, ok := v.(string); ok && regexp.MustCompile(`^[0-9a-f]*$`).MatchString(s) {
		return len(s)
	}
	return v
}

// aclLogNorm drops an ACL LOG entry's fields that are the server's own:
// its age, its id and times; the refused client (address, id, counters)
// compares by its field names only. Count, reason, context, object and
// username compare as they are.
func aclLogNorm(v any) any {
	v = dropFields("AgeSeconds", "EntryID", "TimestampCreated", "TimestampLastUpdated")(v)
	s, _ := v.([]any)
	for _, e := range s {
		if m, ok := e.(map[string]any); ok {
			m["ClientInfo"] = structure(m["ClientInfo"])
		}
	}
	return v
}

// ACL and CLIENT: users are created under names of their case and deleted
// by a later call of the same case, so both servers end with only the
// default user; client ids and addresses that name no client give the same
// errors and zero counts on both servers.
var _ = family(func() []tcase {
	const user = "dt-acl-ACLSetUser"
	return []tcase{
		{name: "ACLCat", calls: []call{
			// ACL CAT lists the categories in the server's fixed table order.
			c(func(r *redis.Client, k K) (any, error) { return r.ACLCat(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLCat()) }),
			// A category's commands come in dict order, per-process seeded.
			{oracle: func(r *redis.Client, k K) (any, error) {
				return r.ACLCatArgs(ctx, &redis.ACLCatArgs{Category: "hyperloglog"}).Result()
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ACLCatArgs(&redpipe.ACLCatArgs{Category: "hyperloglog"}))
			}, norm: sorted},
			c(func(r *redis.Client, k K) (any, error) {
				return r.ACLCatArgs(ctx, &redis.ACLCatArgs{Category: "nosuchcat"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ACLCatArgs(&redpipe.ACLCatArgs{Category: "nosuchcat"}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLCatArgs(ctx, &redis.ACLCatArgs{}).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLCatArgs(&redpipe.ACLCatArgs{})) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLCatArgs(ctx, nil).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLCatArgs(nil)) }),
		}},
		{name: "ACLSetUser", calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ACLSetUser(ctx, user, "reset", "on", ">p\x00w", "~dt:*", "&dt:*", "+@hyperloglog", "-pfdebug").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ACLSetUser(user, "reset", "on", ">p\x00w", "~dt:*", "&dt:*", "+@hyperloglog", "-pfdebug"))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLSetUser(ctx, user, "+nosuchcommand").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLSetUser(user, "+nosuchcommand")) }),
			// ACL LIST and ACL USERS go in name order; the password shows
			// as its SHA-256, the same on both servers. (Only one single
			// command rule: 7.0 describes several in dict order, which
			// differs between the two processes.)
			c(func(r *redis.Client, k K) (any, error) { return r.ACLList(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLList()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLUsers(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLUsers()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLDryRun(ctx, user, "pfcount", "dt:x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLDryRun(user, "pfcount", "dt:x")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLDryRun(ctx, user, "set", "dt:x", "v").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLDryRun(user, "set", "dt:x", "v")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLDryRun(ctx, user, "pfcount", "other").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLDryRun(user, "pfcount", "other")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLDryRun(ctx, "dt-nosuchuser", "get", "x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ACLDryRun("dt-nosuchuser", "get", "x"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLDelUser(ctx, user).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLDelUser(user)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLDelUser(ctx, user).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLDelUser(user)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLUsers(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLUsers()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLWhoAmI(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLWhoAmI()) }),
		}},
		{name: "ACLGenPass", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ACLGenPass(ctx, 64).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLGenPass(64)) }, norm: genPassShape},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ACLGenPass(ctx, 5).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLGenPass(5)) }, norm: genPassShape},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ACLGenPass(ctx, 0).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLGenPass(0)) }, norm: genPassShape},
			c(func(r *redis.Client, k K) (any, error) { return r.ACLGenPass(ctx, 5000).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLGenPass(5000)) }),
		}},
		// ACL LOG: just before each server's first call (the oracle half
		// before its command, the queue half when it queues, before Exec),
		// a side connection is refused an AUTH, then, authenticated as the
		// case's user, a key, a command and a channel: four entries, the
		// newest first.
		{name: "ACLLog", arrange: [][]string{args("ACL", "LOG", "RESET"),
			args("ACL", "SETUSER", "dt-acl-ACLLog", "reset", "on", ">pw", "~dt:*", "resetchannels", "+@all", "-set")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				aclRefusals(oracleAddr())
				return r.ACLLog(ctx, 10).Result()
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				aclRefusals(subjectAddr())
				return fut(p.ACLLog(10))
			}, norm: aclLogNorm},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ACLLog(ctx, 1).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLLog(1)) }, norm: aclLogNorm},
			// 0 and a negative count send no count: the server's default 10.
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ACLLog(ctx, 0).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLLog(0)) }, norm: aclLogNorm},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ACLLog(ctx, -1).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLLog(-1)) }, norm: aclLogNorm},
			c(func(r *redis.Client, k K) (any, error) { return r.ACLLogReset(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLLogReset()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLLog(ctx, 5).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLLog(5)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLDelUser(ctx, "dt-acl-ACLLog").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLDelUser("dt-acl-ACLLog")) }),
		}},
		{name: "ClientID", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ClientID(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientID()) }, norm: positive},
			// No client under test sets a name: nil, go-redis's redis.Nil.
			c(func(r *redis.Client, k K) (any, error) { return r.ClientGetName(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientGetName()) }),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ClientList(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientList()) }, norm: clientListNorm},
		}},
		{name: "ClientKill", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ClientKill(ctx, "127.0.0.1:1").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientKill("127.0.0.1:1")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ClientKillByFilter(ctx, "ID", "999999999", "SKIPME", "yes").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ClientKillByFilter("ID", "999999999", "SKIPME", "yes"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ClientKillByFilter(ctx, "ADDR", "127.0.0.1:1").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ClientKillByFilter("ADDR", "127.0.0.1:1"))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ClientKillByFilter(ctx, "NOSUCHFILTER", "x").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ClientKillByFilter("NOSUCHFILTER", "x"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.ClientUnblock(ctx, 999999999).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientUnblock(999999999)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClientUnblockWithError(ctx, 999999999).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientUnblockWithError(999999999)) }),
		}},
		// A side connection of each server's is killed by address, another
		// by id: the calls must send the address and the id given (each
		// server's own), and the kill must reach them.
		{name: "ClientKillByFilter", calls: func() []call {
			var o, q [2]*side
			return []call{
				c(func(r *redis.Client, k K) (any, error) {
					o[0], o[1] = openSide(oracleAddr()), openSide(oracleAddr())
					return r.ClientKill(ctx, o[0].addr).Result()
				}, func(p *redpipe.Pipeline, k K) func() (any, error) {
					q[0], q[1] = openSide(subjectAddr()), openSide(subjectAddr())
					return fut(p.ClientKill(q[0].addr))
				}),
				c(func(r *redis.Client, k K) (any, error) {
					return r.ClientKillByFilter(ctx, "ID", fmt.Sprint(o[1].id), "SKIPME", "yes").Result()
				}, func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ClientKillByFilter("ID", fmt.Sprint(q[1].id), "SKIPME", "yes"))
				}),
				// What each killed connection reads next: the end of it.
				c(func(r *redis.Client, k K) (any, error) { return killed(o), nil },
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return func() (any, error) { return killed(q), nil }
					}),
			}
		}()},
		// Two side connections of each server's block in BLPOP: CLIENT
		// UNBLOCK frees the first (which reads a nil reply), a second
		// UNBLOCK finds it no longer blocked (0), UNBLOCK ... ERROR frees
		// the second, which reads the UNBLOCKED error.
		{name: "ClientUnblock", calls: func() []call {
			var o, q [2]*side
			return []call{
				c(func(r *redis.Client, k K) (any, error) {
					o[0], o[1] = blocked(oracleAddr(), k("l")), blocked(oracleAddr(), k("l"))
					return r.ClientUnblock(ctx, o[0].id).Result()
				}, func(p *redpipe.Pipeline, k K) func() (any, error) {
					q[0], q[1] = blocked(subjectAddr(), k("l")), blocked(subjectAddr(), k("l"))
					return fut(p.ClientUnblock(q[0].id))
				}),
				c(func(r *redis.Client, k K) (any, error) { return r.ClientUnblock(ctx, o[0].id).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientUnblock(q[0].id)) }),
				c(func(r *redis.Client, k K) (any, error) { return r.ClientUnblockWithError(ctx, o[1].id).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientUnblockWithError(q[1].id)) }),
				c(func(r *redis.Client, k K) (any, error) { return unblocked(o), nil },
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return func() (any, error) { return unblocked(q), nil }
					}),
			}
		}()},
		// CLIENT PAUSE holds every client, this one too, for 20 ms; the
		// UNPAUSE after it waits for the pause to end, then replies OK.
		{name: "ClientPause", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ClientPause(ctx, 20*time.Millisecond).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientPause(20 * time.Millisecond)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClientUnpause(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientUnpause()) }),
			// Under a millisecond is 1 ms to both.
			c(func(r *redis.Client, k K) (any, error) { return r.ClientPause(ctx, 500*time.Microsecond).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientPause(500 * time.Microsecond)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClientUnpause(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientUnpause()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClientPause(ctx, -time.Second).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientPause(-time.Second)) }),
		}},
	}
})
