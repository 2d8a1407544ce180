package redpipe

import "testing"

// wrapScope is a Scope of an application's own, over another one.
type wrapScope struct{ s Scope }

func (w wrapScope) Pipeline(opts ...Option) *Pipeline { return w.s.Pipeline(opts...) }

func TestSendsAtOnce(t *testing.T) {
	c := New()
	root := c.Pipeline()
	tx := &Tx{reads: c}
	for _, tc := range []struct {
		name string
		s    Scope
		want bool
	}{
		{"client", c, true},
		{"tx", tx, true},
		{"pipeline", root, false},
		{"nil", nil, false},
		{"nil client", (*Client)(nil), false},
		{"nil tx", (*Tx)(nil), false},
		{"nil pipeline", (*Pipeline)(nil), false},
		{"wrapped client", wrapScope{c}, true},
		{"wrapped pipeline", wrapScope{root}, false},
	} {
		if got := SendsAtOnce(tc.s); got != tc.want {
			t.Errorf("%s: SendsAtOnce = %v, want %v", tc.name, got, tc.want)
		}
	}
	// The wrapped pipeline's probe was dropped: root still sends, empty.
	if err := root.Exec(t.Context()); err != nil {
		t.Fatalf("root Exec after the probe: %v", err)
	}
}
