// Package soak is a bounded chaos soak of redpipe against real Redis: 32
// goroutines run composed pipelines (GET and HGETALL reads, INCR writes, an
// INCR inside MULTI/EXEC on a WithTransaction connection, an INCR in a Lua
// script) over each adapter configuration while the servers under them are
// SIGKILLed and restarted, SIGSTOPped, failed over and resharded on a
// schedule. Every Exec has its own ctx deadline.
//
// Each counter key is written by one goroutine only, one INCR at a time, so
// the arithmetic is exact: after the faults, the server's value of a key is
// the number of its writes that ran. A write whose future succeeded must be
// there (lost acknowledged writes: 0); a write whose future failed with
// anything but a *ports.TransportError with MaybeWritten must not be (writes
// applied although reported not sent: 0). The Ledger keeps that account;
// Row is one configuration's result and its verdict.
//
// The soak itself is TestSoak, which runs only with REDPIPE_SOAK=1:
//
//	make soak    # runs it through ./soak/cmd/soakreport and writes RELIABILITY.md
//	REDPIPE_SOAK=1 go test -run '^TestSoak$' -count=1 -v ./soak/
//
// Plain go test runs only the accounting's unit tests.
package soak
