package domain

import (
	"fmt"
	"slices"
)

// CheckDescribed reports how a command's key positions and read-only flag
// differ from what Describe gives for its arguments, or nil when they
// agree: a typed command must be routed on a cluster, and resent after a
// broken connection, exactly as the same arguments sent through Do would
// be. An empty and a nil key list agree.
func CheckDescribed(args []string, keys []int, readOnly bool) error {
	want, ro := Describe(args)
	for _, k := range keys {
		if k < 0 || k >= len(args) {
			return fmt.Errorf("%q: key position %d out of range", args, k)
		}
	}
	if !slices.Equal(keys, want) || readOnly != ro {
		return fmt.Errorf("%q: keys %v read-only %v; Describe says %v, %v", args, keys, readOnly, want, ro)
	}
	return nil
}
