package conformance

import (
	"bufio"
	"context"
	"net"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// subscriber is a plain RESP2 connection in subscribed state, outside
// redpipe and the adapter under test, so that what PUBLISH and PUBSUB
// report can be checked against a listener the spec knows.
type subscriber struct {
	conn net.Conn
	r    *bufio.Reader
}

// subscribe connects to addr and sends cmd (SUBSCRIBE, PSUBSCRIBE or
// SSUBSCRIBE) channel, returning once the server confirmed it: from then
// on the server counts it. The connection is closed at the end of the spec.
func subscribe(ctx context.Context, addr, cmd, channel string) *subscriber {
	GinkgoHelper()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	Expect(err).NotTo(HaveOccurred(), "dialing %s", addr)
	DeferCleanup(conn.Close)
	sub := &subscriber{conn: conn, r: bufio.NewReader(conn)}
	_, err = conn.Write(redistest.AppendCommand(nil, cmd, channel))
	Expect(err).NotTo(HaveOccurred())
	Expect(sub.next()).To(Equal([]any{strings.ToLower(cmd), channel, int64(1)}), "%s %s on %s", cmd, channel, addr)
	return sub
}

// next is the next message pushed to the subscriber.
func (sub *subscriber) next() any {
	GinkgoHelper()
	Expect(sub.conn.SetReadDeadline(time.Now().Add(5 * time.Second))).To(Succeed())
	v, err := redistest.ReadReply(sub.r)
	Expect(err).NotTo(HaveOccurred(), "reading what the server pushed")
	return v
}

// subscribeEverywhere subscribes on every server a keyless command of the
// main connection may reach (every cluster node: which one a client picks
// for PUBLISH and PUBSUB differs between clients), and returns the
// subscriber on the first.
func (s *Suite) subscribeEverywhere(ctx context.Context, cmd, channel string) *subscriber {
	GinkgoHelper()
	addrs := []string{s.MainAddr}
	if s.ClusterNodes != nil {
		addrs = s.ClusterNodes.Addrs()
	}
	var first *subscriber
	for _, a := range addrs {
		if sub := subscribe(ctx, a, cmd, channel); first == nil {
			first = sub
		}
	}
	return first
}

var _ = register(func(s *Suite) {
	Describe("Commands: Publish", func() {
		It("PUBLISH and SPUBLISH to channels nobody listens to give 0, and PUBSUB reports no subscriber", func(ctx SpecContext) {
			ch, other := s.Key("nobody"), s.Key("other")
			p := s.Client.Pipeline()
			pub := p.Publish(ch, "m")
			spub := p.SPublish(ch, 1)
			channels := p.PubSubChannels(s.Key("*"))
			numSub := p.PubSubNumSub(ch, other)
			numSubNone := p.PubSubNumSub()
			shardChannels := p.PubSubShardChannels(s.Key("*"))
			shardNumSub := p.PubSubShardNumSub(ch)
			badValue := p.Publish(ch, nil)
			s.ExecOnceFailing(ctx, p)

			Expect(pub.Result()).To(Equal(int64(0)))
			Expect(spub.Result()).To(Equal(int64(0)))
			Expect(channels.Result()).To(Equal([]string{}))
			Expect(numSub.Result()).To(Equal(map[string]int64{ch: 0, other: 0}))
			Expect(numSubNone.Result()).To(Equal(map[string]int64{}))
			Expect(shardChannels.Result()).To(Equal([]string{}))
			Expect(shardNumSub.Result()).To(Equal(map[string]int64{ch: 0}))
			Expect(badValue.Err()).To(MatchError(redpipe.ErrInvalidValue))
		})

		It("with a subscriber of its own, PUBLISH reaches it once with exact bytes and PUBSUB CHANNELS, NUMSUB and NUMPAT count it", func(ctx SpecContext) {
			ch, pattern, matching := s.Key("news"), s.Key("pat*"), s.Key("pat-1")
			before := s.Client.Pipeline()
			numPatBefore := before.PubSubNumPat()
			Expect(before.Exec(ctx)).To(Succeed())
			pats, err := numPatBefore.Result()
			Expect(err).NotTo(HaveOccurred())
			Expect(pats).To(Equal(int64(0)), "no spec leaves a pattern subscribed")

			sub := s.subscribeEverywhere(ctx, "SUBSCRIBE", ch)
			psub := s.subscribeEverywhere(ctx, "PSUBSCRIBE", pattern)
			const msg = "hel\x00lo\r\n\xff"
			p := s.Client.Pipeline()
			pub := p.Publish(ch, msg)
			pubPattern := p.Publish(matching, []byte("p"))
			channels := p.PubSubChannels(s.Key("*"))
			numSub := p.PubSubNumSub(ch, matching)
			numPat := p.PubSubNumPat()
			s.ExecOnce(ctx, p)

			Expect(pub.Result()).To(Equal(int64(1)), "the channel's one subscriber on that server")
			Expect(pubPattern.Result()).To(Equal(int64(1)), "the pattern's one subscriber on that server")
			Expect(channels.Result()).To(Equal([]string{ch}), "patterns are not channels")
			Expect(numSub.Result()).To(Equal(map[string]int64{ch: 1, matching: 0}), "pattern subscribers are not counted")
			Expect(numPat.Result()).To(Equal(int64(1)))
			Expect(sub.next()).To(Equal([]any{"message", ch, msg}))
			Expect(psub.next()).To(Equal([]any{"pmessage", pattern, matching, "p"}))
		})

		It("SPUBLISH reaches a shard-channel subscriber on the channel's shard, and PUBSUB SHARDCHANNELS / SHARDNUMSUB count it", func(ctx SpecContext) {
			ch := s.Key("shard")
			addr := s.MainAddr
			if s.ClusterNodes != nil {
				addr = s.owner(ctx, ch)
			}
			sub := subscribe(ctx, addr, "SSUBSCRIBE", ch)
			p := s.Client.Pipeline()
			pub := p.SPublish(ch, "s")
			var channels *redpipe.Future[[]string]
			var numSub *redpipe.Future[map[string]int64]
			if s.ClusterNodes == nil {
				// On a cluster PUBSUB SHARD* is keyless and may ask a node
				// of another shard, which counts none; the other spec
				// checks what every node answers without subscribers.
				channels = p.PubSubShardChannels(s.Key("*"))
				numSub = p.PubSubShardNumSub(ch)
			}
			s.ExecOnce(ctx, p)

			Expect(pub.Result()).To(Equal(int64(1)))
			if channels != nil {
				Expect(channels.Result()).To(Equal([]string{ch}))
				Expect(numSub.Result()).To(Equal(map[string]int64{ch: 1}))
			}
			Expect(sub.next()).To(Equal([]any{"smessage", ch, "s"}))
		})
	})
})
