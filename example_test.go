package redpipe_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/redpipe-go/redpipe"
)

// A Future you build yourself, for values computed outside Redis.
func ExampleNewFuture() {
	f := redpipe.NewFuture[int]()
	fmt.Println(f.Ready(), f.Err() == redpipe.ErrNotReady, f)
	f.Set(42)
	fmt.Println(f.Ready(), f.Val(), f)
	// Output:
	// false true <not ready>
	// true 42 42
}

// Then derives a future; an error passes through without calling fn.
func ExampleThen() {
	name := redpipe.NewFuture[string]()
	upper := redpipe.Then(name, func(s string) (string, error) { return strings.ToUpper(s), nil })
	missing := redpipe.NewFuture[string]()
	length := redpipe.Then(missing, func(s string) (int, error) { return len(s), nil })

	name.Set("alice")
	missing.Fail(redpipe.ErrNil)
	fmt.Println(upper.Val())
	fmt.Println(errors.Is(length.Err(), redpipe.ErrNil))
	// Output:
	// ALICE
	// true
}

// All collects several futures into one.
func ExampleAll() {
	a, b := redpipe.NewFuture[int64](), redpipe.NewFuture[int64]()
	both := redpipe.All(a, b)
	a.Set(1)
	fmt.Println(both.Ready())
	b.Set(2)
	fmt.Println(both.Val())
	// Output:
	// false
	// [1 2]
}

// MarshalJSON encodes the value, and a nil reply as null.
func ExampleFuture_MarshalJSON() {
	hits, missing := redpipe.NewFuture[int64](), redpipe.NewFuture[string]()
	hits.Set(7)
	missing.Fail(redpipe.ErrNil)
	a, _ := hits.MarshalJSON()
	b, _ := missing.MarshalJSON()
	fmt.Println(string(a), string(b))
	// Output: 7 null
}
