package conformance

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

var blockedClient = regexp.MustCompile(`(?m)^id=(\d+) .* cmd=blpop\b`)

// killBlockedClient waits (bounded) for a client blocked in BLPOP on the
// server at addr and kills it with CLIENT KILL ID, returning its id.
func killBlockedClient(ctx context.Context, addr string) (int64, error) {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		v, err := redistest.Do(ctx, addr, "CLIENT", "LIST", "TYPE", "normal")
		if err != nil {
			return 0, err
		}
		list, _ := v.(string)
		if m := blockedClient.FindStringSubmatch(list); m != nil {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			_, err := redistest.Do(ctx, addr, "CLIENT", "KILL", "ID", m[1])
			return id, err
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0, fmt.Errorf("no client blocked in BLPOP on %s within 5s", addr)
}

var _ = register(func(s *Suite) {
	Describe("Connection faults", func() {
		It("a connection killed mid-batch: replies already received are delivered, the rest get a transport error, and the next Exec works on a fresh connection", func(ctx SpecContext) {
			k, empty := s.Key("n"), s.Key("empty")
			warm(ctx, s.Other)

			type killed struct {
				id  int64
				err error
			}
			kill := make(chan killed, 1)
			go func() {
				id, err := killBlockedClient(ctx, s.OtherAddr)
				kill <- killed{id, err}
			}()

			p := s.Client.Pipeline(redpipe.On(Second))
			before := p.Incr(k)
			blocked := p.BLPop(10*time.Second, empty)
			after := p.Incr(k)
			Expect(p.Exec(ctx)).To(HaveOccurred())
			victim := <-kill
			Expect(victim.err).NotTo(HaveOccurred(), "killing the blocked connection")

			Expect(before.Result()).To(Equal(int64(1)), "the reply sent before the kill")
			expectTransportError(blocked.Err(), "BLPOP on the killed connection")
			expectTransportError(after.Err(), "INCR queued behind the kill")
			ExpectRawString(s.RawOther(ctx, "GET", k), "1") // the second INCR never ran, and nothing ran twice

			p = s.Client.Pipeline(redpipe.On(Second))
			next := p.Incr(k)
			id := p.Do("CLIENT", "ID")
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(next.Result()).To(Equal(int64(2)))
			Expect(id.Val()).NotTo(Equal(victim.id), "the killed connection was reused")
		})

		It("a server restarted between two Execs: later Execs work or fail clearly, never with a stale reply", func(ctx SpecContext) {
			k := s.Key("r")
			p := s.Client.Pipeline(redpipe.On(Second))
			set := p.Set(k, "before", 0)
			get := p.Get(k)
			Expect(p.Exec(ctx)).To(Succeed())
			Expect(set.Result()).To(Equal("OK"))
			Expect(get.Result()).To(Equal("before"))

			Expect(s.Servers[1].Restart(ctx)).To(Succeed())

			// The restarted server has no data (no persistence): "before" is
			// gone. Each attempt's replies are either exactly this attempt's
			// or an error; a pool may hold several dead connections, each
			// failing one attempt.
			const attempts = 10
			worked := false
			for i := range attempts {
				tag := fmt.Sprintf("%s-attempt-%d", k, i)
				p := s.Client.Pipeline(redpipe.On(Second))
				echo := p.Do("ECHO", tag)
				gone := p.Get(k)
				set := p.Set(k+"2", tag, 0)
				get := p.Get(k + "2")
				err := p.Exec(ctx)
				if v, e := echo.Result(); e == nil {
					Expect(v).To(Equal(tag), "attempt %d ECHO", i)
				}
				if v, e := gone.Result(); e == nil {
					Fail(fmt.Sprintf("attempt %d: GET of a key lost in the restart gave %q", i, v))
				}
				if v, e := set.Result(); e == nil {
					Expect(v).To(Equal("OK"), "attempt %d SET", i)
				}
				if v, e := get.Result(); e == nil {
					Expect(v).To(Equal(tag), "attempt %d GET after SET", i)
				}
				if err == nil {
					Expect(gone.Err()).To(MatchError(redpipe.ErrNil), "attempt %d: a nil reply", i)
					worked = true
					break
				}
				Expect(echo.Err()).To(HaveOccurred(), "attempt %d failed only part of the batch: %v", i, err)
			}
			Expect(worked).To(BeTrue(), "no Exec worked in %d attempts after the restart", attempts)
		})
	})
})
