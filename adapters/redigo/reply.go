package redigo

import (
	"fmt"

	"github.com/gomodule/redigo/redis"

	"github.com/redpipe-go/redpipe/ports"
)

// result turns a value redigo's Receive returned without an error into the
// command's outcome.
func result(v any) ports.Result {
	if e, ok := v.(redis.Error); ok {
		// redigo's conn returns a top-level error reply as Receive's error;
		// a wrapping Conn may hand it back as a value instead.
		return ports.Result{Err: ports.NewRedisError(string(e))}
	}
	r, err := toReply(v)
	if err != nil {
		return ports.Result{Err: err}
	}
	return ports.Result{Reply: r}
}

// toReply converts a reply as redigo's conn.readReply (redis/conn.go) parses
// it. redigo speaks RESP2 only and keeps every RESP2 distinction, so the
// mapping is one to one:
//
//	'+' status       -> string       -> KindStatus ("OK" and "PONG" are shared values)
//	'$' bulk         -> []byte       -> KindBulk (copied into a string; "" stays "")
//	':' integer      -> int64        -> KindInt
//	'*' array        -> []any        -> KindArray (empty array: no elements, not nil)
//	"$-1", "*-1"     -> nil          -> KindNil
//	'-' in an array  -> redis.Error  -> KindError, Redis's text unchanged
//
// Any other type can only come from a Conn the application wrapped; it is
// reported as an error on the command rather than guessed at.
func toReply(v any) (ports.Reply, error) {
	switch v := v.(type) {
	case nil:
		return ports.NilReply(), nil
	case string:
		return ports.StatusReply(v), nil
	case []byte:
		return ports.BulkReply(string(v)), nil
	case int64:
		return ports.IntReply(v), nil
	case redis.Error:
		return ports.ErrorReply(ports.NewRedisError(string(v))), nil
	case []any:
		elems := make([]ports.Reply, len(v))
		for i, e := range v {
			r, err := toReply(e)
			if err != nil {
				return ports.Reply{}, err
			}
			elems[i] = r
		}
		return ports.ArrayReply(elems), nil
	default:
		return ports.Reply{}, fmt.Errorf("redigo adapter: unexpected reply type %T from the connection", v)
	}
}
