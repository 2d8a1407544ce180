package ports

import "testing"

func TestFirstKey(t *testing.T) {
	for _, c := range []struct {
		cmds []Command
		want string
		ok   bool
	}{
		{nil, "", false},
		{[]Command{{Args: []string{"PING"}}}, "", false},
		{[]Command{{Args: []string{"PING"}}, {Args: []string{"GET", "a"}, Keys: []int{1}}, {Args: []string{"GET", "b"}, Keys: []int{1}}}, "a", true},
		{[]Command{{Args: []string{"GET"}, Keys: []int{1}}, {Args: []string{"OBJECT", "ENCODING", "k"}, Keys: []int{2}}}, "k", true}, // a position past Args is skipped
		{[]Command{{Args: []string{"SET", "", "v"}, Keys: []int{1}}}, "", true},                                                      // the empty key is a key
	} {
		got, ok := FirstKey(c.cmds)
		if got != c.want || ok != c.ok {
			t.Errorf("FirstKey(%v) = %q, %v; want %q, %v", c.cmds, got, ok, c.want, c.ok)
		}
	}
}
