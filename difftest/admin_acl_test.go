package difftest

import (
	"regexp"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

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
// its age, the refused client (address, id, counters), its id and times.
// Count, reason, context, object and username still compare.
var aclLogNorm = dropFields("AgeSeconds", "ClientInfo", "EntryID", "TimestampCreated", "TimestampLastUpdated")

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
		// ACL LOG: an AUTH refused on a side connection, just before each
		// server's first call (the oracle half before its command, the
		// queue half when it queues, before Exec), is the log's one entry.
		{name: "ACLLog", arrange: [][]string{args("ACL", "LOG", "RESET")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				rawQuiet(oracleAddr(), "AUTH", "dt-acl-nouser", "wrong")
				return r.ACLLog(ctx, 5).Result()
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				rawQuiet(subjectAddr(), "AUTH", "dt-acl-nouser", "wrong")
				return fut(p.ACLLog(5))
			}, norm: aclLogNorm},
			c(func(r *redis.Client, k K) (any, error) { return r.ACLLogReset(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLLogReset()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ACLLog(ctx, 5).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ACLLog(5)) }),
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
		// CLIENT PAUSE holds every client, this one too, for 20 ms; the
		// UNPAUSE after it waits for the pause to end, then replies OK.
		{name: "ClientPause", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ClientPause(ctx, 20*time.Millisecond).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientPause(20 * time.Millisecond)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClientUnpause(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientUnpause()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ClientPause(ctx, -time.Second).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientPause(-time.Second)) }),
		}},
	}
})
