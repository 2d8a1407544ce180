package ports

import "context"

// Backend sends batches of commands to one Redis deployment (a server, or a
// whole cluster when the backend routes by slot).
type Backend interface {
	// Exec sends cmds as one round trip per server, in order, and stores the
	// outcome of cmds[i] in out[i] for every i: a reply, a *RedisError, or a
	// transport error. len(out) == len(cmds). Exec must not retain cmds or
	// out after it returns, must fill every slot even when it gives up early,
	// and should stop waiting when ctx is done.
	Exec(ctx context.Context, cmds []Command, out []Result)
}

// Result is the outcome of one command.
type Result struct {
	// Reply is the server's reply when Err is nil. A nil reply (missing key)
	// is a Reply of KindNil, not an error.
	Reply Reply
	// Err is a *RedisError when the server answered with an error, a
	// *TransportError when the command's fate on the wire is what failed, or
	// the ctx's error.
	Err error
}

// Pinner is implemented by backends that can hand out one dedicated
// connection, needed for WATCH/MULTI/EXEC, whose state lives on a connection.
type Pinner interface {
	// Pin reserves a connection until the returned Pinned is released.
	Pin(ctx context.Context) (Pinned, error)
}

// Pinned is a dedicated connection. Every Exec on it goes to the same
// server connection, in call order.
type Pinned interface {
	Backend
	// Release gives the connection back. A connection whose replies may be
	// unread (after a transport error or an abandoned Exec) must be closed
	// by the adapter rather than reused.
	Release()
}
