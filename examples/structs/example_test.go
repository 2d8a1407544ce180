package main

import "os"

// Without REDIS_ADDR the example embeds its server, so its whole output is
// checked here.
func Example() {
	os.Unsetenv("REDIS_ADDR")
	main()
	// Output:
	// REDIS_ADDR not set: using an embedded in-process Redis (miniredis)
	// record: map[name:Ann Lee tags:[admin] user_id:7 visits:3] visits: 3
	// profile: {Bio:hi Karma:42 Verified:true Joined:2024-02-29 12:00:00.123456789 +0000 UTC Links:[https://example.com]}
	// create again: true Ann Lee
	// bad update: struct "example:user" field "visits": redpipe: invalid value: Int codec: got a string, want an integer
	// remove a required field: redpipe: invalid value: struct "example:user": the required field "name" cannot be removed
	// popped: [admin] left: [name user_id visits]
}
