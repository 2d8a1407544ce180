package redpipe

// Compare-and-set and compare-and-delete of strings (Redis 8.4+): the
// SET ... IFEQ / IFNE / IFDEQ / IFDNE forms, DELEX, and DIGEST, whose hash
// the digest forms compare with. Listed in the index of commands_string.go.

import (
	"time"

	"github.com/redpipe-go/redpipe/domain"
)

// DelExArgs are DELEX's condition for DelExArgs.
type DelExArgs struct {
	// Mode is "IFEQ" / "IFNE" (compare with MatchValue) or "IFDEQ" /
	// "IFDNE" (compare the value's digest with MatchDigest); empty deletes
	// unconditionally.
	Mode string
	// MatchValue is the value IFEQ / IFNE compare with.
	MatchValue any
	// MatchDigest is the digest IFDEQ / IFDNE compare with (see Digest).
	MatchDigest uint64
}

// DelExArgs queues DELEX key [IFEQ|IFNE value | IFDEQ|IFDNE digest] and
// gives the number of keys removed (0 or 1). IFEQ / IFNE without a
// MatchValue are refused with ErrInvalidValue, nothing sent; a digest is
// always sent, 0 included (go-redis drops a zero digest, which the server
// would answer with a syntax error).
func (p *Pipeline) DelExArgs(key string, a DelExArgs) *Future[int64] {
	b := domain.KeyCmd(false, "DELEX", key)
	if a.Mode != "" {
		appendMatch(b, a.Mode, a.MatchValue, a.MatchDigest)
	}
	return queueBuilt(p, domain.Int64, b)
}

// Digest queues DIGEST key: the xxh3 hash of the key's value, for
// SetIFDEQ, SetIFDNE and DelExArgs. A missing key gives ErrNil.
func (p *Pipeline) Digest(key string) *Future[uint64] {
	return queueKey(p, domain.Digest, true, "DIGEST", key)
}

// setIf builds SET key value [expiration] mode operand [GET]: the
// expiration as Set takes it (EX/PX when positive, KEEPTTL for KeepTTL).
func setIf(key string, value any, expiration time.Duration, mode string, match any, digest uint64, get bool) *domain.Builder {
	b := appendExpiration(domain.KeyCmd(false, "SET", key).Val(value), expiration)
	appendMatch(b, mode, match, digest)
	if get {
		b.Str("GET")
	}
	return b
}

// SetIFEQ queues SET key value [expiration] IFEQ matchValue: "OK" when the
// current value equals matchValue and the key was set, ErrNil when not.
func (p *Pipeline) SetIFEQ(key string, value, matchValue any, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.Status, setIf(key, value, expiration, "IFEQ", matchValue, 0, false))
}

// SetIFEQGet queues SET key value [expiration] IFEQ matchValue GET: the
// previous value; ErrNil when there was none or the condition aborted
// the SET.
func (p *Pipeline) SetIFEQGet(key string, value, matchValue any, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.String, setIf(key, value, expiration, "IFEQ", matchValue, 0, true))
}

// SetIFNE queues SET key value [expiration] IFNE matchValue: "OK" when the
// current value differs from matchValue and the key was set, ErrNil when not.
func (p *Pipeline) SetIFNE(key string, value, matchValue any, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.Status, setIf(key, value, expiration, "IFNE", matchValue, 0, false))
}

// SetIFNEGet queues SET key value [expiration] IFNE matchValue GET: the
// previous value; ErrNil when there was none or the condition aborted
// the SET.
func (p *Pipeline) SetIFNEGet(key string, value, matchValue any, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.String, setIf(key, value, expiration, "IFNE", matchValue, 0, true))
}

// SetIFDEQ queues SET key value [expiration] IFDEQ digest: "OK" when the
// current value's digest (see Digest) equals matchDigest, ErrNil when not.
func (p *Pipeline) SetIFDEQ(key string, value any, matchDigest uint64, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.Status, setIf(key, value, expiration, "IFDEQ", nil, matchDigest, false))
}

// SetIFDEQGet queues SET key value [expiration] IFDEQ digest GET: the
// previous value; ErrNil when there was none or the condition aborted
// the SET.
func (p *Pipeline) SetIFDEQGet(key string, value any, matchDigest uint64, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.String, setIf(key, value, expiration, "IFDEQ", nil, matchDigest, true))
}

// SetIFDNE queues SET key value [expiration] IFDNE digest: "OK" when the
// current value's digest differs from matchDigest, ErrNil when not.
func (p *Pipeline) SetIFDNE(key string, value any, matchDigest uint64, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.Status, setIf(key, value, expiration, "IFDNE", nil, matchDigest, false))
}

// SetIFDNEGet queues SET key value [expiration] IFDNE digest GET: the
// previous value; ErrNil when there was none or the condition aborted
// the SET.
func (p *Pipeline) SetIFDNEGet(key string, value any, matchDigest uint64, expiration time.Duration) *Future[string] {
	return queueBuilt(p, domain.String, setIf(key, value, expiration, "IFDNE", nil, matchDigest, true))
}
