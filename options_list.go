package redpipe

// LPosArgs are LPOS's RANK and MAXLEN options (0: not given).
type LPosArgs struct {
	Rank, MaxLen int64
}

func (a LPosArgs) appendTo(b *builder) *builder {
	if a.Rank != 0 {
		b.str("RANK", itoa(a.Rank))
	}
	if a.MaxLen != 0 {
		b.str("MAXLEN", itoa(a.MaxLen))
	}
	return b
}
