package main

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// TestMain starts a real redis-server for the Example (WATCH, MULTI/EXEC
// and Lua are the server's own behaviour, not a test double's);
// redistest.Main stops it when the run ends.
func TestMain(m *testing.M) { os.Exit(redistest.MainWithServer(m, "REDIS_ADDR")) }

func Example() {
	main()
	// Output:
	// withdraw 50: attempts=2 err=<nil> balance=20
	// withdraw 50: attempts=1 err=insufficient funds balance=20
	// multi: 1 11 err=<nil>
	// aborted: EXECABORT Transaction discarded because of previous errors. (INCR rejected: ERR wrong number of arguments for 'incr' command)
	// n is still 11
	// script: hits=1 allowed=true round trips=2
	// script: hits=2 allowed=true round trips=1
	// script: hits=3 allowed=false round trips=1
}
