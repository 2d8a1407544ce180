package redpipe

import "github.com/redpipe-go/redpipe/domain"

// HGetAll queues HGETALL key. A missing key gives an empty map.
func (p *Pipeline) HGetAll(key string) *Future[map[string]string] {
	return queue(p, domain.StringMap, readKey("HGETALL", key))
}
