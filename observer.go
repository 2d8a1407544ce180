package redpipe

import (
	"context"
	"errors"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Observer is told about every root Exec that sends something and about
// every connection batch within it: what was sent, to which connection,
// how long it took, what failed. Tracing and metrics (package
// redpipeotel), slow-Exec logs and tests are Observers; a Client has none
// unless WithObserver gives it one, and then observation costs a nil check
// per Exec.
//
// The calls of one Exec come in order, on the goroutine that called Exec:
// ExecStart, then BatchStart for every batch, then BatchEnd for every
// batch, then ExecEnd. Concurrent Execs call an Observer concurrently. The
// ctx a Start returns is the one the rest of that Exec (or batch) runs
// with: a span started there is the parent of what the driver records. An
// Observer must not keep or change what it is given after its End returns,
// nor queue on a pipeline from within a call. A panic in an Observer fails
// no command: it is one more *PanicError in Exec's ExecError.
type Observer interface {
	ExecStart(ctx context.Context, e *ExecInfo) context.Context
	BatchStart(ctx context.Context, b *BatchInfo) context.Context
	BatchEnd(ctx context.Context, b *BatchInfo)
	ExecEnd(ctx context.Context, e *ExecInfo)
}

// ExecInfo describes one root Exec to an Observer.
type ExecInfo struct {
	// Commands are the commands the Exec sends, across every connection,
	// in the order they were queued; commands refused before sending are
	// not among them (they are in Err).
	Commands []ports.Command
	// Labels say which labelled pipelines (Label) queued how many of
	// Commands, in the order each label first queued one; commands of no
	// labelled pipeline count under "".
	Labels []LabelCount
	// Batches are the connection batches, one per connection.
	Batches []*BatchInfo
	// Start is when the Exec began sending; Duration, set for ExecEnd, is
	// how long until every future was resolved and every callback had run.
	Start    time.Time
	Duration time.Duration
	// Err, set for ExecEnd, is what Exec returns (nil, or an *ExecError).
	Err error
}

// BatchInfo describes one connection batch of an Exec: what one root Exec
// sends to one named connection, in one backend call.
type BatchInfo struct {
	Conn string // the connection's name
	// Server is the "host:port" the batch went to, when the backend can
	// tell (ports.ServerAddresser); "" for one that spreads a batch over
	// several servers (a cluster) or cannot tell.
	Server string
	// Commands are the batch as sent: with Atomic pipelines, their MULTI
	// and EXEC around the commands they hold.
	Commands []ports.Command
	// Results, set for BatchEnd, are the backend's outcome of each of
	// Commands; a nil reply is a Reply, not an Err.
	Results []ports.Result
	// Labels are the batch's share of ExecInfo.Labels.
	Labels []LabelCount
	// Transaction: the connection sends every batch as MULTI ... EXEC
	// (WithTransaction).
	Transaction bool
	Start       time.Time
	Duration    time.Duration // set for BatchEnd
	// What the backend reported (ports.BatchReport), set for BatchEnd:
	// commands a cluster router sent again to another node (MOVED, ASK)
	// or retried (TRYAGAIN, CLUSTERDOWN, a lost connection), and, on a
	// WithCoalescing connection, how many Execs went out in the backend
	// call this batch was part of (1: alone; 0: not a coalescing
	// connection, or not sent).
	Redirects, Retries, CoalescedExecs int
	// CacheHits, set for BatchEnd, are the commands of the batch the
	// backend answered from its client's cache (Cached), without a round
	// trip.
	CacheHits int
	// Servers, set for BatchEnd, are the "host:port" of every server the
	// backend reported sending some of the batch to (the cluster router
	// names each node), in the order first sent to; nil when it did not
	// say.
	Servers []string
}

// LabelCount is how many commands pipelines with that label queued.
type LabelCount struct {
	Label    string
	Commands int
}

// Failure is one command of a batch that failed, as an Observer reports it.
type Failure struct {
	Index int // the command's position in BatchInfo.Commands
	Err   error
	// Status is the Redis error's prefix ("WRONGTYPE", "ERR", "MOVED"),
	// "" when the server did not answer with an error.
	Status string
	// Transport: the connection failed, or ctx ended, before a reply came;
	// MaybeWritten then says the command may have run.
	Transport    bool
	MaybeWritten bool
}

// Failures lists the commands of the batch that failed, set for BatchEnd:
// Redis error replies and transport failures, not nil replies.
func (b *BatchInfo) Failures() []Failure {
	var out []Failure
	for i := range b.Results {
		err := b.Results[i].Err
		if err == nil {
			continue
		}
		f := Failure{Index: i, Err: err}
		var re *ports.RedisError
		var te *ports.TransportError
		switch {
		case errors.As(err, &re):
			f.Status = re.Prefix()
		case errors.As(err, &te):
			f.Transport, f.MaybeWritten = true, te.MaybeWritten
		default: // ctx's own error: never handed to the backend
			f.Transport = true
		}
		out = append(out, f)
	}
	return out
}

// Label names a pipeline, so that an Observer can say which function
// queued what: its commands, and those of pipelines nested in it without a
// Label of their own, count under name (ExecInfo.Labels).
func Label(name string) Option { return func(o *pipelineOptions) { o.label = name } }
