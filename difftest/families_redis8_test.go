package difftest

import (
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// Redis 8 strings and set counts: SET's IFEQ/IFNE/IFDEQ/IFDNE conditions
// (8.4; arguments of SET, which every server has, so no needs: on an older
// server both sides must give the server's same syntax error), DIGEST,
// DELEX, MSETEX (8.4), INCREX (8.8), SDIFFCARD and SUNIONCARD.
var _ = family(func() []tcase {
	// The digests are the server's xxh3 of a value: the oracle half of a
	// Digest call reads it, and the queue halves of the later calls, which
	// run after every oracle half (runCase), match with the same number.
	// Both servers hold the same values, so the same digests. The cases are
	// built afresh per configuration (allCases), so are these variables.
	var d1, d2 uint64
	digest := func(into *uint64) call {
		return c(func(r *redis.Client, k K) (any, error) {
			v, err := r.Digest(ctx, k("a")).Result()
			*into = v
			return v, err
		}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Digest(k("a"))) })
	}
	return []tcase{
		{name: "SetIFEQ", arrange: [][]string{args("SET", "@a", "\x00v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.SetIFEQ(ctx, k("a"), "new", "\x00v", 10*time.Second).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.SetIFEQ(k("a"), "new", "\x00v", 10*time.Second))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFEQ(ctx, k("a"), "x", "wrong", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFEQ(k("a"), "x", "wrong", 0)) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.SetIFEQGet(ctx, k("a"), "", "new", 1500*time.Millisecond).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SetIFEQGet(k("a"), "", "new", 1500*time.Millisecond))
			}),
			// IFEQ on a missing key never sets it.
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFEQGet(ctx, k("none"), "v", "x", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFEQGet(k("none"), "v", "x", 0)) }),
		}},
		{name: "SetIFNE", arrange: [][]string{args("SET", "@a", "y", "EX", "100")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.SetIFNE(ctx, k("a"), "z", "other", redis.KeepTTL).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.SetIFNE(k("a"), "z", "other", redis.KeepTTL))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFNE(ctx, k("a"), "w", "z", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFNE(k("a"), "w", "z", 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFNEGet(ctx, k("a"), "\r\n", "", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFNEGet(k("a"), "\r\n", "", 0)) }),
			// IFNE on a missing key sets it; GET gives nil.
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFNEGet(ctx, k("n"), -1, "x", time.Hour).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.SetIFNEGet(k("n"), -1, "x", time.Hour))
				}),
		}},
		{name: "SetIFDEQ", needs: []string{"DIGEST"}, arrange: [][]string{args("SET", "@a", "\x00\xff")}, calls: []call{
			digest(&d1),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFDEQGet(ctx, k("a"), "b", d1, 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFDEQGet(k("a"), "b", d1, 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFDEQ(ctx, k("a"), "c", d1, 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFDEQ(k("a"), "c", d1, 0)) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.SetIFDNE(ctx, k("a"), "c", d1, 10*time.Second).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.SetIFDNE(k("a"), "c", d1, 10*time.Second))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFDNEGet(ctx, k("a"), "d", d1, 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFDNEGet(k("a"), "d", d1, 0)) }),
			digest(&d2),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFDNEGet(ctx, k("a"), "e", d2, 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFDNEGet(k("a"), "e", d2, 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFDNE(ctx, k("a"), "e", d2, 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFDNE(k("a"), "e", d2, 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SetIFDEQ(ctx, k("a"), "f", d2, 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetIFDEQ(k("a"), "f", d2, 0)) }),
			// The value is "f" now: d2 no longer matches, nothing deleted.
			c(func(r *redis.Client, k K) (any, error) {
				return r.DelExArgs(ctx, k("a"), redis.DelExArgs{Mode: "IFDEQ", MatchDigest: d2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.DelExArgs(k("a"), redpipe.DelExArgs{Mode: "IFDEQ", MatchDigest: d2}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.DelExArgs(ctx, k("a"), redis.DelExArgs{Mode: "IFDNE", MatchDigest: d2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.DelExArgs(k("a"), redpipe.DelExArgs{Mode: "IFDNE", MatchDigest: d2}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.Digest(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Digest(k("a"))) }),
		}},
		{name: "Digest", needs: []string{"DIGEST"}, arrange: [][]string{args("SET", "@a", ""), args("HSET", "@h", "f", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Digest(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Digest(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Digest(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Digest(k("none"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Digest(ctx, k("h")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Digest(k("h"))) }),
		}},
		{name: "DelExArgs", needs: []string{"DELEX"}, arrange: [][]string{args("SET", "@a", "\x00"), args("SET", "@b", "v"), args("SET", "@c", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.DelExArgs(ctx, k("a"), redis.DelExArgs{Mode: "IFEQ", MatchValue: "other"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.DelExArgs(k("a"), redpipe.DelExArgs{Mode: "IFEQ", MatchValue: "other"}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.DelExArgs(ctx, k("a"), redis.DelExArgs{Mode: "IFEQ", MatchValue: "\x00"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.DelExArgs(k("a"), redpipe.DelExArgs{Mode: "IFEQ", MatchValue: "\x00"}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.DelExArgs(ctx, k("b"), redis.DelExArgs{Mode: "IFNE", MatchValue: "v"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.DelExArgs(k("b"), redpipe.DelExArgs{Mode: "IFNE", MatchValue: "v"}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.DelExArgs(ctx, k("b"), redis.DelExArgs{Mode: "IFNE", MatchValue: ""}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.DelExArgs(k("b"), redpipe.DelExArgs{Mode: "IFNE", MatchValue: ""}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.DelExArgs(ctx, k("c"), redis.DelExArgs{}).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.DelExArgs(k("c"), redpipe.DelExArgs{}))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.DelExArgs(ctx, k("none"), redis.DelExArgs{}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.DelExArgs(k("none"), redpipe.DelExArgs{}))
				}),
		}},
		{name: "MSetEX", needs: []string{"MSETEX"}, arrange: [][]string{args("SET", "@x", "old")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.MSetEX(ctx, redis.MSetEXArgs{Condition: redis.NX, Expiration: &redis.ExpirationOption{Mode: redis.EX, Value: 100}}, k("a"), "\x00\xff", k("b"), "").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.MSetEX(redpipe.MSetEXArgs{Condition: redpipe.NX, Expiration: &redpipe.ExpirationOption{Mode: redpipe.EX, Value: 100}}, k("a"), "\x00\xff", k("b"), ""))
			}),
			// NX with one key existing: nothing set, 0.
			c(func(r *redis.Client, k K) (any, error) {
				return r.MSetEX(ctx, redis.MSetEXArgs{Condition: redis.NX}, k("c"), 1, k("x"), 2).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.MSetEX(redpipe.MSetEXArgs{Condition: redpipe.NX}, k("c"), 1, k("x"), 2))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.MSetEX(ctx, redis.MSetEXArgs{Condition: redis.XX, Expiration: &redis.ExpirationOption{Mode: redis.KEEPTTL}}, k("a"), -1.5, k("x"), "new").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.MSetEX(redpipe.MSetEXArgs{Condition: redpipe.XX, Expiration: &redpipe.ExpirationOption{Mode: redpipe.KEEPTTL}}, k("a"), -1.5, k("x"), "new"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.MSetEX(ctx, redis.MSetEXArgs{Expiration: &redis.ExpirationOption{Mode: redis.PXAT, Value: farExpiry.UnixMilli() + 9}}, k("p"), "v").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.MSetEX(redpipe.MSetEXArgs{Expiration: &redpipe.ExpirationOption{Mode: redpipe.PXAT, Value: farExpiry.UnixMilli() + 9}}, k("p"), "v"))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.PExpireTime(ctx, k("p")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PExpireTime(k("p"))) }),
		}},
		{name: "IncrEXInt", needs: []string{"INCREX"}, arrange: [][]string{args("SET", "@s", "abc"), args("SET", "@m", "9223372036854775806")}, calls: []call{
			// A missing key counts from 0; SATURATE clamps 5 to the upper
			// bound 3, so the increment applied is 3.
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXInt(ctx, k("n"), redis.IncrEXIntArgs{By: 5, HasBy: true, UBound: 3, HasUBound: true, Saturate: true, Expiration: &redis.ExpirationOption{Mode: redis.EX, Value: 100}, ENX: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.IncrEXInt(k("n"), redpipe.IncrEXIntArgs{By: 5, HasBy: true, UBound: 3, HasUBound: true, Saturate: true, Expiration: &redpipe.ExpirationOption{Mode: redpipe.EX, Value: 100}, ENX: true}))
			}),
			// Out of the bounds without SATURATE: unchanged, applied 0. A
			// zero bound is sent (HasLBound).
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXInt(ctx, k("n"), redis.IncrEXIntArgs{By: -100, HasBy: true, LBound: 0, HasLBound: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.IncrEXInt(k("n"), redpipe.IncrEXIntArgs{By: -100, HasBy: true, LBound: 0, HasLBound: true}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXInt(ctx, k("n"), redis.IncrEXIntArgs{Expiration: &redis.ExpirationOption{Mode: redis.PERSIST}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.IncrEXInt(k("n"), redpipe.IncrEXIntArgs{Expiration: &redpipe.ExpirationOption{Mode: redpipe.PERSIST}}))
			}),
			// No explicit bound: SATURATE clamps at LLONG_MAX.
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXInt(ctx, k("m"), redis.IncrEXIntArgs{By: 10, HasBy: true, Saturate: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.IncrEXInt(k("m"), redpipe.IncrEXIntArgs{By: 10, HasBy: true, Saturate: true}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXInt(ctx, k("s"), redis.IncrEXIntArgs{}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.IncrEXInt(k("s"), redpipe.IncrEXIntArgs{}))
				}),
		}},
		{name: "IncrEXFloat", needs: []string{"INCREX"}, arrange: [][]string{args("SET", "@f", "1.5"), args("SET", "@s", "abc")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXFloat(ctx, k("f"), redis.IncrEXFloatArgs{By: -0.25, LBound: -1, HasLBound: true, UBound: 0, HasUBound: true, Saturate: true, Expiration: &redis.ExpirationOption{Mode: redis.PX, Value: 90000}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.IncrEXFloat(k("f"), redpipe.IncrEXFloatArgs{By: -0.25, LBound: -1, HasLBound: true, UBound: 0, HasUBound: true, Saturate: true, Expiration: &redpipe.ExpirationOption{Mode: redpipe.PX, Value: 90000}}))
			}),
			// By 0 stays a float increment (BYFLOAT is always sent).
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXFloat(ctx, k("n"), redis.IncrEXFloatArgs{}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.IncrEXFloat(k("n"), redpipe.IncrEXFloatArgs{}))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXFloat(ctx, k("n"), redis.IncrEXFloatArgs{By: 1e-3, UBound: 0, HasUBound: true, Expiration: &redis.ExpirationOption{Mode: redis.EXAT, Value: farExpiry.Unix()}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.IncrEXFloat(k("n"), redpipe.IncrEXFloatArgs{By: 1e-3, UBound: 0, HasUBound: true, Expiration: &redpipe.ExpirationOption{Mode: redpipe.EXAT, Value: farExpiry.Unix()}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.IncrEXFloat(ctx, k("s"), redis.IncrEXFloatArgs{By: 1}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.IncrEXFloat(k("s"), redpipe.IncrEXFloatArgs{By: 1}))
				}),
		}},
		{name: "SDiffCard", needs: []string{"SDIFFCARD"}, arrange: [][]string{args("SADD", "@a", "1", "2", "3", "", "\x00"), args("SADD", "@b", "2", "")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.SDiffCard(ctx, nil, k("a"), k("b"), k("none")).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.SDiffCard(nil, k("a"), k("b"), k("none")))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.SDiffCard(ctx, &redis.SDiffCardOptions{Limit: 2}, k("a"), k("b")).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SDiffCard(&redpipe.SDiffCardOptions{Limit: 2}, k("a"), k("b")))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.SDiffCard(ctx, nil, k("none"), k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SDiffCard(nil, k("none"), k("a"))) }),
		}},
		{name: "SUnionCard", needs: []string{"SUNIONCARD"}, arrange: [][]string{args("SADD", "@a", "1", "2", "3", ""), args("SADD", "@b", "2", "", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.SUnionCard(ctx, nil, k("a"), k("b"), k("none")).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.SUnionCard(nil, k("a"), k("b"), k("none")))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.SUnionCard(ctx, &redis.SUnionCardOptions{Limit: 3}, k("a"), k("b")).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SUnionCard(&redpipe.SUnionCardOptions{Limit: 3}, k("a"), k("b")))
			}),
			// APPROX is an estimate, but the same algorithm over the same
			// members on both servers: the same number.
			c(func(r *redis.Client, k K) (any, error) {
				return r.SUnionCard(ctx, &redis.SUnionCardOptions{Approx: true, Limit: 0}, k("a"), k("b")).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SUnionCard(&redpipe.SUnionCardOptions{Approx: true}, k("a"), k("b")))
			}),
		}},
	}
})
