// Package lazypin is the bookkeeping every pinned connection
// (ports.Pinned) of this module shares: it binds at its first Exec (to the
// node or shard of that batch's keys, or to a connection taken at Pin),
// refuses Execs after Release, and gives the connection back only once no
// Exec is using it any more — also one abandoned at ctx's end that is still
// running — so that a connection with replies unread never reaches the
// pool's next user.
//
// What binding, checking and giving back mean is the adapter's (a go-redis
// *redis.Conn, a rueidis slot key, a redigo Conn, a node's Pinned); the
// state machine around them is written once, here. It imports only ports.
package lazypin
