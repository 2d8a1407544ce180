package rueidis

import "github.com/redpipe-go/redpipe/ports"

// Read your own writes through the cache.
//
// Redis sends the invalidation of a key a connection tracks after the
// reply of the command that wrote it, when that command came on the same
// connection (redis/redis#9422, rueidis#534). rueidis returns the write's
// reply at once, so a cached read right after it, in the next Exec, could
// still be answered with the old value. A reply that comes after the
// invalidation closes the gap: once a backend has sent cached reads, each
// batch with a write gets a PING after it, on the same connection, in the
// same round trip. rueidis reads the connection in order, so by the time
// the PING's reply is in, the invalidation has emptied the entry. A write
// on another connection (Watch's dedicated one, another client) is seen
// once its invalidation arrives, a moment later.
//
// The same key always takes the same connection of a client: a
// standalone or sentinel batch is given no key and always takes the
// first (slotfn in mux.go), and a cluster client keeps one connection per
// node. On a cluster the PING goes to the slot of each written key, so
// that every node written to answers one, a batch writing many slots
// costing one PING per slot.

// syncPings appends the PINGs the batch's writes need once b has cached
// reads in use, and reports how many it added: they have no position in
// the Exec (bt.index) and their replies are dropped.
func (b *backend) syncPings(bt *batch, cmds []ports.Command) int {
	if !b.cacheInUse.Load() {
		return 0
	}
	n := len(bt.index)
	if !b.cluster {
		for _, i := range bt.index {
			if !cmds[i].ReadOnly {
				bt.built = append(bt.built, b.client.B().Ping().Build())
				return 1
			}
		}
		return 0
	}
	var slots map[uint16]struct{}
	for j, i := range bt.index {
		c := &cmds[i]
		if c.ReadOnly || len(c.Keys) == 0 {
			continue // keyless writes (PUBLISH, ...) write no key a cache holds
		}
		slot := bt.built[j].Slot()
		if _, seen := slots[slot]; seen {
			continue
		}
		if slots == nil {
			slots = map[uint16]struct{}{}
		}
		slots[slot] = struct{}{}
		bt.built = append(bt.built, b.client.B().Ping().Build().SetSlot(c.Key(0)))
	}
	return len(bt.built) - n
}

// isSyncPing: j is one of the PINGs syncPings added.
func (bt *batch) isSyncPing(j int) bool { return j >= len(bt.index) }
