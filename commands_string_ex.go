package redpipe

// Strings set with an expiration in one command: MSETEX (Redis 8.4+) and
// INCREX (Redis 8.8+), with go-redis's ExpirationOption. Listed in the
// index of commands_string.go.

import (
	"fmt"

	"github.com/redpipe-go/redpipe/domain"
)

// INCREX's results; see package domain.
type (
	// IncrEXIntResult is IncrEXInt's new value and applied increment.
	IncrEXIntResult = domain.IncrEXIntResult
	// IncrEXFloatResult is IncrEXFloat's new value and applied increment.
	IncrEXFloatResult = domain.IncrEXFloatResult
)

// SetCondition is MSETEX's condition on the keys.
type SetCondition string

// MSetEX's conditions.
const (
	// NX sets the keys only if none of them exists.
	NX SetCondition = "NX"
	// XX sets the keys only if all of them exist.
	XX SetCondition = "XX"
)

// ExpirationMode is how an ExpirationOption's Value is read.
type ExpirationMode string

// The expiration modes of MSetEX and IncrEX*.
const (
	// EX is a time to live in seconds.
	EX ExpirationMode = "EX"
	// PX is a time to live in milliseconds.
	PX ExpirationMode = "PX"
	// EXAT is a Unix time in seconds.
	EXAT ExpirationMode = "EXAT"
	// PXAT is a Unix time in milliseconds.
	PXAT ExpirationMode = "PXAT"
	// KEEPTTL keeps the keys' time to live (MSetEX only).
	KEEPTTL ExpirationMode = "KEEPTTL"
	// PERSIST removes the key's time to live (IncrEX* only).
	PERSIST ExpirationMode = "PERSIST"
)

// ExpirationOption is an expiration: a mode and, for the timed modes, its value.
type ExpirationOption struct {
	Mode  ExpirationMode
	Value int64
}

// appendExpirationOption adds e's mode (and value) if allowed lists it:
// a mode the command does not take is refused rather than dropped, as
// go-redis drops it, since dropping it would set a key that never expires.
func appendExpirationOption(b *domain.Builder, e *ExpirationOption, allowed ...ExpirationMode) {
	if e == nil {
		return
	}
	for _, m := range allowed {
		if e.Mode != m {
			continue
		}
		b.Str(string(m))
		if m != KEEPTTL && m != PERSIST {
			b.Str(itoa(e.Value))
		}
		return
	}
	b.Fail(fmt.Errorf("%s: %w: expiration mode %q is none of %v", b.Args()[0], ErrInvalidValue, e.Mode, allowed))
}

// MSetEXArgs are MSETEX's condition and expiration.
type MSetEXArgs struct {
	Condition  SetCondition
	Expiration *ExpirationOption
}

// MSetEX queues MSETEX numkeys key value [key value ...] [NX|XX]
// [EX|PX|EXAT|PXAT value | KEEPTTL]: 1 when every key was set, 0 when the
// condition stopped it. The pairs may also be given as one []string or
// []any; an odd count is refused with ErrInvalidValue.
func (p *Pipeline) MSetEX(args MSetEXArgs, values ...any) *Future[int64] {
	// The pairs are encoded first: numkeys, which comes before them, is
	// how many there turn out to be once a []string or []any is spread.
	enc, err := appendValues(domain.NewBuilder(false, nil, "MSETEX"), values).Command()
	kv := enc.Args[1:]
	b := domain.NewBuilder(false, nil, "MSETEX", itoa(int64(len(kv)/2))).Str(kv...).Fail(err)
	if len(kv)%2 != 0 {
		b.Fail(fmt.Errorf("MSETEX: %w: %d values, not key value pairs", ErrInvalidValue, len(kv)))
	}
	if args.Condition != "" {
		b.Str(string(args.Condition))
	}
	appendExpirationOption(b, args.Expiration, EX, PX, EXAT, PXAT, KEEPTTL)
	return queueBuilt(p, domain.Int64, b.Described())
}

// IncrEXIntArgs are INCREX ... BYINT's options. The Has fields make 0 a
// value that is sent; without HasBy the server increments by 1.
type IncrEXIntArgs struct {
	By    int64
	HasBy bool

	LBound, UBound       int64
	HasLBound, HasUBound bool

	// Saturate clamps the result to the bounds instead of refusing an
	// increment that would cross them.
	Saturate bool
	// Expiration is EX, PX, EXAT, PXAT or PERSIST.
	Expiration *ExpirationOption
	// ENX applies the expiration only when the key has none.
	ENX bool
}

// IncrEXFloatArgs are INCREX ... BYFLOAT's options. BYFLOAT is always
// sent, By 0 included: without it the server would increment an integer by 1.
type IncrEXFloatArgs struct {
	By float64

	LBound, UBound       float64
	HasLBound, HasUBound bool

	// Saturate clamps the result to the bounds.
	Saturate bool
	// Expiration is EX, PX, EXAT, PXAT or PERSIST.
	Expiration *ExpirationOption
	// ENX applies the expiration only when the key has none.
	ENX bool
}

// incrEXTail adds INCREX's [SATURATE] [expiration] [ENX].
func incrEXTail(b *domain.Builder, saturate bool, e *ExpirationOption, enx bool) *domain.Builder {
	if saturate {
		b.Str("SATURATE")
	}
	appendExpirationOption(b, e, EX, PX, EXAT, PXAT, PERSIST)
	if enx {
		b.Str("ENX")
	}
	return b
}

// IncrEXInt queues INCREX key [BYINT n] [LBOUND n] [UBOUND n] [SATURATE]
// [expiration] [ENX]: the new value and the increment applied (0, the
// value unchanged, when the bounds refused it).
func (p *Pipeline) IncrEXInt(key string, a IncrEXIntArgs) *Future[IncrEXIntResult] {
	b := domain.KeyCmd(false, "INCREX", key)
	if a.HasBy {
		b.Str("BYINT", itoa(a.By))
	}
	if a.HasLBound {
		b.Str("LBOUND", itoa(a.LBound))
	}
	if a.HasUBound {
		b.Str("UBOUND", itoa(a.UBound))
	}
	return queueBuilt(p, domain.IncrEXInt, incrEXTail(b, a.Saturate, a.Expiration, a.ENX))
}

// IncrEXFloat queues INCREX key BYFLOAT n [LBOUND n] [UBOUND n] [SATURATE]
// [expiration] [ENX]: the new value and the increment applied.
func (p *Pipeline) IncrEXFloat(key string, a IncrEXFloatArgs) *Future[IncrEXFloatResult] {
	b := domain.KeyCmd(false, "INCREX", key).Str("BYFLOAT", ftoa(a.By))
	if a.HasLBound {
		b.Str("LBOUND", ftoa(a.LBound))
	}
	if a.HasUBound {
		b.Str("UBOUND", ftoa(a.UBound))
	}
	return queueBuilt(p, domain.IncrEXFloat, incrEXTail(b, a.Saturate, a.Expiration, a.ENX))
}
