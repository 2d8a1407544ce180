package redpipe

// Sort are SORT's options.
type Sort struct {
	By            string   // BY pattern
	Offset, Count int64    // LIMIT offset count, when either is not 0
	Get           []string // GET pattern, for each
	Order         string   // "ASC" or "DESC"
	Alpha         bool     // ALPHA
}

func (s *Sort) appendTo(b *builder) *builder {
	if s == nil {
		return b
	}
	if s.By != "" {
		b.str("BY", s.By)
	}
	if s.Offset != 0 || s.Count != 0 {
		b.str("LIMIT", itoa(s.Offset), itoa(s.Count))
	}
	for _, g := range s.Get {
		b.str("GET", g)
	}
	if s.Order != "" {
		b.str(s.Order)
	}
	if s.Alpha {
		b.str("ALPHA")
	}
	return b
}
