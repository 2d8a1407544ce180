package domain

import (
	"fmt"
	"strconv"

	"github.com/redpipe-go/redpipe/ports"
)

// ScanResult is one page of SCAN, HSCAN, SSCAN or ZSCAN: the keys (for
// HSCAN fields and values in turn, for ZSCAN members and scores in turn)
// and the cursor to pass next; 0 when the iteration is complete.
type ScanResult struct {
	Keys   []string
	Cursor uint64
}

// Scan decodes a *SCAN reply: [cursor, [element, ...]].
func Scan(r ports.Reply) (ScanResult, error) {
	es, err := fixed(r, 2, "[cursor, elements]")
	if err != nil {
		return ScanResult{}, err
	}
	c, err := String(es[0])
	if err != nil {
		return ScanResult{}, err
	}
	cursor, err := strconv.ParseUint(c, 10, 64)
	if err != nil {
		return ScanResult{}, fmt.Errorf("%w: cursor %q is not a number", ErrUnexpectedReply, c)
	}
	keys, err := Strings(es[1])
	if err != nil {
		return ScanResult{}, err
	}
	return ScanResult{Keys: keys, Cursor: cursor}, nil
}
