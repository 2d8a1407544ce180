package redpipe

// HExpireArgs is the condition of the HEXPIRE family (Redis 7.4+): at most
// one of NX, XX, GT, LT, in that order of precedence.
type HExpireArgs struct {
	NX bool
	XX bool
	GT bool
	LT bool
}

func (a HExpireArgs) appendTo(b *builder) *builder {
	switch {
	case a.NX:
		b.str("NX")
	case a.XX:
		b.str("XX")
	case a.GT:
		b.str("GT")
	case a.LT:
		b.str("LT")
	}
	return b
}

// HGetEXExpirationType is HGETEX's expiration option (Redis 8.0+).
type HGetEXExpirationType string

const (
	HGetEXExpirationEX      HGetEXExpirationType = "EX"
	HGetEXExpirationPX      HGetEXExpirationType = "PX"
	HGetEXExpirationEXAT    HGetEXExpirationType = "EXAT"
	HGetEXExpirationPXAT    HGetEXExpirationType = "PXAT"
	HGetEXExpirationPERSIST HGetEXExpirationType = "PERSIST"
)

// HGetEXOptions are HGETEX's options.
type HGetEXOptions struct {
	ExpirationType HGetEXExpirationType
	ExpirationVal  int64
}

// HSetEXCondition is HSETEX's condition (Redis 8.0+).
type HSetEXCondition string

const (
	HSetEXFNX HSetEXCondition = "FNX" // only if none of the fields exists
	HSetEXFXX HSetEXCondition = "FXX" // only if all of the fields exist
)

// HSetEXExpirationType is HSETEX's expiration option.
type HSetEXExpirationType string

const (
	HSetEXExpirationEX      HSetEXExpirationType = "EX"
	HSetEXExpirationPX      HSetEXExpirationType = "PX"
	HSetEXExpirationEXAT    HSetEXExpirationType = "EXAT"
	HSetEXExpirationPXAT    HSetEXExpirationType = "PXAT"
	HSetEXExpirationKEEPTTL HSetEXExpirationType = "KEEPTTL"
)

// HSetEXOptions are HSETEX's options.
type HSetEXOptions struct {
	Condition      HSetEXCondition
	ExpirationType HSetEXExpirationType
	ExpirationVal  int64
}
