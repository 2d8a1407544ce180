package domain

import "testing"

func TestBlocks(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"BLPOP", "k", "1"}, true},
		{[]string{"bzpopmin", "k", "0"}, true},
		{[]string{"WAIT", "1", "0"}, true},
		{[]string{"blmovem", "a", "b", "LEFT", "RIGHT", "0", "COUNT", "2", "BULK"}, true},
		{[]string{"LMOVEM", "a", "b", "LEFT", "RIGHT"}, false},
		{[]string{"XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "s", "$"}, true},
		{[]string{"XREADGROUP", "GROUP", "g", "c", "BLOCK", "10", "STREAMS", "s", ">"}, true},
		{[]string{"XREAD", "STREAMS", "BLOCK", "0"}, false}, // BLOCK after STREAMS is a key
		{[]string{"XREAD", "COUNT", "1", "STREAMS", "s", "0"}, false},
		{[]string{"LPOP", "k"}, false},
		{[]string{"GET", "BLOCK"}, false},
		{nil, false},
	} {
		if got := Blocks(c.args); got != c.want {
			t.Errorf("Blocks(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
