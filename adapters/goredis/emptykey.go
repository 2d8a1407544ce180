package goredis

// emptyKey stands in for an empty first key of a command sent through a
// *redis.ClusterClient.
//
// go-redis routes a pipelined command by hashtag.Slot of its first key
// (ClusterClient.cmdSlot), and hashtag.Slot("") returns a RANDOM slot
// (go-redis v9 internal/hashtag/hashtag.go), where Redis puts "" in slot 0.
// The command would go to a random node, be answered MOVED there, and be
// resent after the commands queued behind it had run: a GET "" queued after
// a SET "" would miss the value.
//
// go-redis computes the slot from fmt.Sprint of the argument (String) and
// writes the argument with MarshalBinary, so this stand-in routes like a
// key of slot 0 and is sent as the empty string. The cost: go-redis hooks
// that print the command show the alias instead of "".
type emptyKey struct{}

// slotZeroAlias is a key in slot 0, the slot of "" (TestEmptyKeyAlias).
const slotZeroAlias = "{fHh}"

func (emptyKey) String() string                 { return slotZeroAlias }
func (emptyKey) MarshalBinary() ([]byte, error) { return []byte{}, nil }
