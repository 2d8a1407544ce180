package redpipe

import (
	"strconv"
	"time"
)

// Redis takes whole seconds or milliseconds; these round toward zero the
// way go-redis does.
func formatSec(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }
func formatMs(d time.Duration) string  { return strconv.FormatInt(int64(d/time.Millisecond), 10) }
