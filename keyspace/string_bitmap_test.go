package keyspace

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/domain"
)

func TestStringBitmapArguments(t *testing.T) {
	cases := []struct {
		fn   func(b StringCmds[[]byte])
		want string
	}{
		{func(b StringCmds[[]byte]) { b.SetBit("a", 7, 1) }, "SETBIT bits{a} 7 1"},
		{func(b StringCmds[[]byte]) { b.GetBit("a", 100) }, "GETBIT bits{a} 100"},
		{func(b StringCmds[[]byte]) { b.BitCount("a", nil) }, "BITCOUNT bits{a}"},
		{func(b StringCmds[[]byte]) { b.BitCount("a", &redpipe.BitCount{Start: 1, End: -1}) }, "BITCOUNT bits{a} 1 -1"},
		{func(b StringCmds[[]byte]) {
			b.BitCount("a", &redpipe.BitCount{Start: 0, End: 9, Unit: redpipe.BitCountIndexBit})
		}, "BITCOUNT bits{a} 0 9 BIT"},
		{func(b StringCmds[[]byte]) { b.BitPos("a", 1) }, "BITPOS bits{a} 1"},
		{func(b StringCmds[[]byte]) { b.BitPos("a", 0, 2) }, "BITPOS bits{a} 0 2"},
		{func(b StringCmds[[]byte]) { b.BitPos("a", 0, 2, -1) }, "BITPOS bits{a} 0 2 -1"},
		{func(b StringCmds[[]byte]) { b.BitPosSpan("a", 1, 3, 20, "bit") }, "BITPOS bits{a} 1 3 20 bit"},
	}
	for _, c := range cases {
		e := queued(t, func(ctx context.Context, p *redpipe.Pipeline) { c.fn(NewString("bits", redpipe.Bytes).With(ctx, p)) })
		if got := strings.Join(e.cmd.Args, " "); got != c.want || e.err != nil {
			t.Errorf("queued %q (error %v), want %q", got, e.err, c.want)
			continue
		}
		if err := domain.CheckDescribed(e.cmd.Args, e.cmd.Keys, e.cmd.ReadOnly); err != nil {
			t.Error(err)
		}
	}
}

// The root's refusals reach a keyspace's bitmap commands unchanged.
func TestStringBitmapRefusals(t *testing.T) {
	for _, fn := range []func(b StringCmds[[]byte]){
		func(b StringCmds[[]byte]) { b.BitPos("a", 1, 0, 1, 2) },
		func(b StringCmds[[]byte]) { b.BitCount("a", &redpipe.BitCount{Unit: "WORD"}) },
	} {
		e := queued(t, func(ctx context.Context, p *redpipe.Pipeline) { fn(NewString("bits", redpipe.Bytes).With(ctx, p)) })
		if !errors.Is(e.err, redpipe.ErrInvalidValue) {
			t.Errorf("%q: error %v, want ErrInvalidValue", e.cmd.Args, e.err)
		}
	}
}
