package main

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// TestMain starts a real redis-server for the Example (the drivers are
// compared against the real thing, not a test double); redistest.Main stops
// it when the run ends.
func TestMain(m *testing.M) { os.Exit(redistest.MainWithServer(m, "REDIS_ADDR")) }

// The three drivers print the same lines.
func Example() {
	main()
	// Output:
	// go-redis:
	//   count=1 score=1.5 profile=map["bytes":"\x00\xff" "name":"alice"]
	//   top=[{1.5 alice}] raw=map["bytes":"\x00\xff" "name":"alice"]
	//   missing: redpipe: nil reply
	//   broken: WRONGTYPE Operation against a key holding the wrong kind of value
	//   exec: redpipe: 1 command(s) failed: INCR on "default": WRONGTYPE Operation against a key holding the wrong kind of value
	// redigo:
	//   count=1 score=1.5 profile=map["bytes":"\x00\xff" "name":"alice"]
	//   top=[{1.5 alice}] raw=map["bytes":"\x00\xff" "name":"alice"]
	//   missing: redpipe: nil reply
	//   broken: WRONGTYPE Operation against a key holding the wrong kind of value
	//   exec: redpipe: 1 command(s) failed: INCR on "default": WRONGTYPE Operation against a key holding the wrong kind of value
	// rueidis:
	//   count=1 score=1.5 profile=map["bytes":"\x00\xff" "name":"alice"]
	//   top=[{1.5 alice}] raw=map["bytes":"\x00\xff" "name":"alice"]
	//   missing: redpipe: nil reply
	//   broken: WRONGTYPE Operation against a key holding the wrong kind of value
	//   exec: redpipe: 1 command(s) failed: INCR on "default": WRONGTYPE Operation against a key holding the wrong kind of value
}
