package redpipe

// Publishing and Pub/Sub introspection: Publish SPublish PubSubChannels
// PubSubNumSub PubSubNumPat PubSubShardChannels PubSubShardNumSub. The
// SUBSCRIBE forms hold a connection for themselves and are not pipeline
// commands. On a cluster the PUBSUB commands ask one node, the one the
// client sends keyless commands to, and count only that node's subscribers
// (as PUBLISH counts only its receivers on the node it went to).

import "github.com/redpipe-go/redpipe/domain"

// Publish queues PUBLISH channel message: the number of clients that
// received it (on a cluster, those connected to the node it went to).
func (p *Pipeline) Publish(channel string, message any) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "PUBLISH", channel).Val(message))
}

// SPublish queues SPUBLISH shardchannel message (Redis 7.0+): routed by
// the channel's slot, as a key is, to the shard that serves it.
func (p *Pipeline) SPublish(channel string, message any) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.KeyCmd(false, "SPUBLISH", channel).Val(message))
}

// pubsubChannels queues PUBSUB sub [pattern]; "*" and "" ask for every
// channel, so no pattern is sent (go-redis sends "" as a pattern, which
// matches only a channel named "").
func pubsubChannels(p *Pipeline, sub, pattern string) *Future[[]string] {
	b := domain.NewBuilder(false, nil, "PUBSUB", sub)
	if pattern != "*" && pattern != "" {
		b.Str(pattern)
	}
	return queueBuilt(p, domain.Strings, b)
}

// PubSubChannels queues PUBSUB CHANNELS [pattern]: the channels with at
// least one subscriber (patterns not counted), matching the glob pattern.
func (p *Pipeline) PubSubChannels(pattern string) *Future[[]string] {
	return pubsubChannels(p, "CHANNELS", pattern)
}

// PubSubNumSub queues PUBSUB NUMSUB channels...: each channel's number of
// subscribers (patterns not counted).
func (p *Pipeline) PubSubNumSub(channels ...string) *Future[map[string]int64] {
	return queueBuilt(p, domain.Int64Map, domain.NewBuilder(false, nil, "PUBSUB", "NUMSUB").Str(channels...))
}

// PubSubNumPat queues PUBSUB NUMPAT: the number of patterns subscribed to,
// by every client of the server.
func (p *Pipeline) PubSubNumPat() *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "PUBSUB", "NUMPAT"))
}

// PubSubShardChannels queues PUBSUB SHARDCHANNELS [pattern] (Redis 7.0+):
// PubSubChannels for shard channels.
func (p *Pipeline) PubSubShardChannels(pattern string) *Future[[]string] {
	return pubsubChannels(p, "SHARDCHANNELS", pattern)
}

// PubSubShardNumSub queues PUBSUB SHARDNUMSUB channels... (Redis 7.0+):
// PubSubNumSub for shard channels.
func (p *Pipeline) PubSubShardNumSub(channels ...string) *Future[map[string]int64] {
	return queueBuilt(p, domain.Int64Map, domain.NewBuilder(false, nil, "PUBSUB", "SHARDNUMSUB").Str(channels...))
}
