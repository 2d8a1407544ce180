package cluster

import (
	"errors"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Options configures a Router. Only Addrs and NewNode are required; every
// zero value means the default given beside it.
type Options struct {
	// Addrs are seed nodes ("host:port"); any one reachable node is enough
	// to learn the whole cluster.
	Addrs []string
	// NewNode makes the backend for one node, from any adapter. It is called
	// once per node address the router learns about, never concurrently;
	// the router closes what it returns (if it implements io.Closer) when
	// the router is closed.
	NewNode func(addr string) (ports.Backend, error)
	// ReadFromReplicas sends read-only commands to a random online replica of
	// the slot's shard (the master when it has none). Writes always go to
	// masters.
	ReadFromReplicas bool

	// MaxRedirects bounds how often one command follows MOVED or ASK.
	// Default 5; negative: never follow (the redirection is the reply).
	MaxRedirects int
	// MaxRetries bounds how often one command is resent after TRYAGAIN,
	// CLUSTERDOWN, LOADING, MASTERDOWN or a connection failure that happened
	// before it was written. Default 10; negative: never resend.
	MaxRetries int
	// MinRetryBackoff is the first pause before such a resend; it doubles on
	// every further attempt up to MaxRetryBackoff. Defaults 10 ms and 500 ms,
	// so the default retries span about 2.6 s, enough to ride out a short
	// migration step but less than a failover. The ctx deadline always wins.
	MinRetryBackoff, MaxRetryBackoff time.Duration

	// RefreshInterval is how often the slot map is reloaded in the
	// background. Default 30 s; negative: never (refreshes then happen only
	// on MOVED, CLUSTERDOWN and connection failures).
	RefreshInterval time.Duration
	// RefreshTimeout bounds asking one node for the slot map; a refresh asks
	// the next node when one does not answer in time. Default 1 s.
	RefreshTimeout time.Duration
	// MinRefreshGap is the least time between two refreshes that errors
	// trigger, so that a burst of failures makes one refresh, not a storm.
	// Default 100 ms.
	MinRefreshGap time.Duration
}

const (
	defaultMaxRedirects    = 5
	defaultMaxRetries      = 10
	defaultMinRetryBackoff = 10 * time.Millisecond
	defaultMaxRetryBackoff = 500 * time.Millisecond
	defaultRefreshInterval = 30 * time.Second
	defaultRefreshTimeout  = time.Second
	defaultMinRefreshGap   = 100 * time.Millisecond
)

// withDefaults validates o and fills in its zero values.
func (o Options) withDefaults() (Options, error) {
	if len(o.Addrs) == 0 {
		return o, errors.New("cluster: Options.Addrs is empty: the router needs at least one seed node")
	}
	if o.NewNode == nil {
		return o, errors.New("cluster: Options.NewNode is nil: the router needs a way to make one backend per node")
	}
	o.MaxRedirects = orDefault(o.MaxRedirects, defaultMaxRedirects)
	o.MaxRetries = orDefault(o.MaxRetries, defaultMaxRetries)
	o.MinRetryBackoff = orDefault(o.MinRetryBackoff, defaultMinRetryBackoff)
	o.MaxRetryBackoff = orDefault(o.MaxRetryBackoff, defaultMaxRetryBackoff)
	o.MaxRetryBackoff = max(o.MaxRetryBackoff, o.MinRetryBackoff)
	o.RefreshInterval = orDefault(o.RefreshInterval, defaultRefreshInterval)
	o.RefreshTimeout = orDefault(o.RefreshTimeout, defaultRefreshTimeout)
	o.MinRefreshGap = orDefault(o.MinRefreshGap, defaultMinRefreshGap)
	return o, nil
}

// orDefault maps 0 to the default and a negative value to "none".
func orDefault[T int | time.Duration](v, dflt T) T {
	switch {
	case v == 0:
		return dflt
	case v < 0:
		return 0
	}
	return v
}

// backoff is the pause before the n-th resend (n >= 1).
func (o *Options) backoff(n int) time.Duration {
	d := o.MinRetryBackoff
	for i := 1; i < n && d < o.MaxRetryBackoff; i++ {
		d *= 2
	}
	return min(d, o.MaxRetryBackoff)
}
