package redigo

import (
	"fmt"
	"testing"
)

func TestStringArgIsTheStringItPointsAt(t *testing.T) {
	args := []string{"SET", "", "héllo\x00bin", "a long value that is not interned by the runtime"}
	for i := range args {
		v := stringArg(&args[i])
		s, ok := v.(string)
		if !ok || s != args[i] {
			t.Fatalf("stringArg(%q) = %#v (string: %v)", args[i], v, ok)
		}
		if got := fmt.Sprint(v); got != args[i] {
			t.Errorf("fmt sees %q, want %q", got, args[i])
		}
		if v != any(args[i]) {
			t.Errorf("stringArg(%q) is not equal to the string as an interface", args[i])
		}
	}
}

func TestStringArgAllocatesNothing(t *testing.T) {
	a := []string{"GET", "some-key", "another"}
	sink := make([]any, 0, len(a))
	if n := testing.AllocsPerRun(100, func() {
		sink = sink[:0]
		for j := range a {
			sink = append(sink, stringArg(&a[j]))
		}
	}); n != 0 {
		t.Errorf("%v allocations per 3 arguments, want 0", n)
	}
}
