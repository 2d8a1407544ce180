package main

import "os"

// The quickstart runs with nothing but Go: without REDIS_ADDR it embeds its
// servers, so its whole output is checked here.
func Example() {
	os.Unsetenv("REDIS_ADDR")
	os.Unsetenv("REDIS_ADDR2")
	main()
	// Output:
	// REDIS_ADDR not set: using an embedded in-process Redis (miniredis)
	// REDIS_ADDR2 not set: using an embedded in-process Redis (miniredis) for the "sessions" connection
	// alone: hits = 1
	// before Exec: a.Ready() = false
	// callback: every future is ready: true
	// composed: a = 1, b = 1, session = alice, a is 1
}
