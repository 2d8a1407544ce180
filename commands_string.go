package redpipe

import (
	"strconv"

	"github.com/redpipe-go/redpipe/domain"
)

// Get queues GET key. A missing key gives ErrNil.
func (p *Pipeline) Get(key string) *Future[string] {
	return queue(p, domain.String, readKey("GET", key))
}

// Incr queues INCR key.
func (p *Pipeline) Incr(key string) *Future[int64] {
	return queue(p, domain.Int64, writeKey("INCR", key))
}

// IncrBy queues INCRBY key n.
func (p *Pipeline) IncrBy(key string, n int64) *Future[int64] {
	return queue(p, domain.Int64, writeKey("INCRBY", key, strconv.FormatInt(n, 10)))
}
