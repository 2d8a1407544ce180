package redistest

import "testing"

func TestAlignedShardIDs(t *testing.T) {
	// The lines of a Valkey 8.0 node's file that would not load: the
	// replica's shard-id is not its primary's.
	const (
		primary  = "69664a4f0a683630b891879647485dd3f7aa60d8 127.0.0.1:44850@54850,,tls-port=0,shard-id=aaaa master - 0 1796412879000 2 connected 5461-10922\n"
		replica  = "5272712e82ccee4a7f334d6692c09009725f4183 127.0.0.1:44851@54851,,tls-port=0,shard-id=d072 slave 69664a4f0a683630b891879647485dd3f7aa60d8 0 1796412879012 2 connected\n"
		fixed    = "5272712e82ccee4a7f334d6692c09009725f4183 127.0.0.1:44851@54851,,tls-port=0,shard-id=aaaa slave 69664a4f0a683630b891879647485dd3f7aa60d8 0 1796412879012 2 connected\n"
		myself   = "fd56239cce9ac9cb57a402c5f38b26425a2777f1 127.0.0.1:44852@54852,,tls-port=0,shard-id=bbbb myself,master - 0 0 1 connected 0-5460\n"
		vars     = "vars currentEpoch 3 lastVoteEpoch 0\n"
		redis70  = "5272712e82ccee4a7f334d6692c09009725f4183 127.0.0.1:44851@54851 slave 69664a4f0a683630b891879647485dd3f7aa60d8 0 1796412879012 2 connected\n"
		primary0 = "69664a4f0a683630b891879647485dd3f7aa60d8 127.0.0.1:44850@54850 master - 0 1796412879000 2 connected 5461-10922\n"
	)
	for _, c := range []struct {
		name, in, want string
		changed        bool
	}{
		{"a replica takes its primary's shard-id", myself + replica + primary + vars, myself + fixed + primary + vars, true},
		{"already aligned", myself + fixed + primary + vars, myself + fixed + primary + vars, false},
		{"no shard ids (Redis 7.0)", redis70 + primary0 + vars, redis70 + primary0 + vars, false},
	} {
		got, changed := alignedShardIDs(c.in)
		if got != c.want || changed != c.changed {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, got, changed, c.want, c.changed)
		}
	}
}
