package redpipe

import (
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// Del queues DEL keys... and gives the number of keys removed.
func (p *Pipeline) Del(keys ...string) *Future[int64] {
	return queueBuilt(p, domain.Int64, newBuilder(false, nil, "DEL").str(keys...).keysFrom(1))
}

// Expire queues EXPIRE key seconds (PEXPIRE when d has a sub-second part).
// It gives false when the key does not exist.
func (p *Pipeline) Expire(key string, d time.Duration) *Future[bool] {
	if d%time.Second != 0 {
		return queue(p, domain.Bool, writeKey("PEXPIRE", key, formatMs(d)))
	}
	return queue(p, domain.Bool, writeKey("EXPIRE", key, formatSec(d)))
}
