package keyspace

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

func TestHashFieldTTLArguments(t *testing.T) {
	at := time.UnixMilli(1700000000123)
	cases := []struct {
		fn   func(b HashCmds)
		want string
	}{
		{func(b HashCmds) { b.HExpire("a", time.Minute, "age", "name") }, "HEXPIRE h{a} 60 FIELDS 2 age name"},
		{func(b HashCmds) { b.HExpireWithArgs("a", time.Minute, redpipe.HExpireArgs{NX: true}, "age") }, "HEXPIRE h{a} 60 NX FIELDS 1 age"},
		{func(b HashCmds) { b.HPExpire("a", 1500*time.Millisecond, "age") }, "HPEXPIRE h{a} 1500 FIELDS 1 age"},
		{func(b HashCmds) { b.HPExpireWithArgs("a", time.Second, redpipe.HExpireArgs{GT: true}, "age") }, "HPEXPIRE h{a} 1000 GT FIELDS 1 age"},
		{func(b HashCmds) { b.HExpireAt("a", at, "age") }, "HEXPIREAT h{a} 1700000000 FIELDS 1 age"},
		{func(b HashCmds) { b.HExpireAtWithArgs("a", at, redpipe.HExpireArgs{XX: true}, "age") }, "HEXPIREAT h{a} 1700000000 XX FIELDS 1 age"},
		{func(b HashCmds) { b.HPExpireAt("a", at, "age") }, "HPEXPIREAT h{a} 1700000000123 FIELDS 1 age"},
		{func(b HashCmds) { b.HPExpireAtWithArgs("a", at, redpipe.HExpireArgs{LT: true}, "age") }, "HPEXPIREAT h{a} 1700000000123 LT FIELDS 1 age"},
		{func(b HashCmds) { b.HPersist("a", "age", "x") }, "HPERSIST h{a} FIELDS 2 age x"},
		{func(b HashCmds) { b.HTTL("a", "age") }, "HTTL h{a} FIELDS 1 age"},
		{func(b HashCmds) { b.HPTTL("a", "age") }, "HPTTL h{a} FIELDS 1 age"},
		{func(b HashCmds) { b.HExpireTime("a", "age") }, "HEXPIRETIME h{a} FIELDS 1 age"},
		{func(b HashCmds) { b.HPExpireTime("a", "age") }, "HPEXPIRETIME h{a} FIELDS 1 age"},
		// Field names are not values: an undeclared one is expired as HDel deletes it.
		{func(b HashCmds) { b.HTTL("a", "undeclared") }, "HTTL h{a} FIELDS 1 undeclared"},
	}
	for _, c := range cases {
		e := queued(t, func(ctx context.Context, p *redpipe.Pipeline) {
			c.fn(NewHash("h", redpipe.Fields{"age": redpipe.Int}, nil).With(ctx, p))
		})
		if got := strings.Join(e.cmd.Args, " "); got != c.want || e.err != nil {
			t.Errorf("queued %q (error %v), want %q", got, e.err, c.want)
			continue
		}
		if err := domain.CheckDescribed(e.cmd.Args, e.cmd.Keys, e.cmd.ReadOnly); err != nil {
			t.Error(err)
		}
	}
}
