package main

import "os"

// Without REDIS_ADDR the example embeds its server, so its whole output is
// checked here.
func Example() {
	os.Unsetenv("REDIS_ADDR")
	main()
	// Output:
	// REDIS_ADDR not set: using an embedded in-process Redis (miniredis)
	// alone: alice visited 1 time(s), key example:visits{alice}
	// composed: alice 2, bob 1
	// profile: map[admin:true age:30 langs:[go sql] name:Alice] (age is a int64)
	// top: [{Member:alice Score:42}]
	// rejected: keyspace "example:user" id "bob" field "age": redpipe: invalid value: Int codec: got a string, want an integer
	// visit ids: [alice bob]
	// tokens: [alice=tok-a1 (shard 3) bob=tok-b2 (shard 0)]
}
