package redpipe

// ZAddArgs are ZADD's options and members. NX wins over XX, GT over LT
// (NX excludes GT and LT), as in go-redis.
type ZAddArgs struct {
	NX      bool
	XX      bool
	LT      bool
	GT      bool
	Ch      bool
	Members []Z
}

// ZRangeArgs are ZRANGE's arguments. Start and Stop are ranks (ints), or
// scores / lex bounds with ByScore / ByLex ("(1", "-inf", "[a", "+"). As in
// Redis, with Rev and ByScore / ByLex, Start is the higher bound
// (ZRANGE key max min BYSCORE REV).
type ZRangeArgs struct {
	Key string

	Start any
	Stop  any

	ByScore bool
	ByLex   bool

	Rev bool

	// LIMIT offset count, when either is not 0 (ByScore or ByLex only).
	Offset int64
	Count  int64
}

func (z ZRangeArgs) appendTo(b *builder) *builder {
	b.str(z.Key).val(z.Start, z.Stop)
	if z.ByScore {
		b.str("BYSCORE")
	} else if z.ByLex {
		b.str("BYLEX")
	}
	if z.Rev {
		b.str("REV")
	}
	if z.Offset != 0 || z.Count != 0 {
		b.str("LIMIT", itoa(z.Offset), itoa(z.Count))
	}
	return b
}

// ZRangeBy are the bounds and LIMIT of ZRANGEBYSCORE / ZRANGEBYLEX and
// their REV forms: scores ("1", "(1", "-inf") or lex bounds ("[a", "(b", "-", "+").
type ZRangeBy struct {
	Min, Max      string
	Offset, Count int64
}

// ZStore are the sources of ZINTER / ZUNION and their STORE forms.
type ZStore struct {
	Keys    []string
	Weights []float64
	// Aggregate is "SUM", "MIN" or "MAX"; empty for Redis's default (SUM).
	Aggregate string
}

func (z *ZStore) appendTo(b *builder) *builder {
	if z == nil {
		return b.str("0")
	}
	b.str(itoa(int64(len(z.Keys))))
	b.str(z.Keys...)
	if len(z.Weights) > 0 {
		b.str("WEIGHTS")
		for _, w := range z.Weights {
			b.str(ftoa(w))
		}
	}
	if z.Aggregate != "" {
		b.str("AGGREGATE", z.Aggregate)
	}
	return b
}
