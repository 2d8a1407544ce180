package conformance

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// binaryValue has every byte that a text protocol could mangle.
const binaryValue = "\x00\xff\r\n\t\"bin\x7f\x80"

// equivalence is one row of the cross-adapter table: what to queue, and the
// exact Go value or error text every configuration must give.
type equivalence struct {
	shape   string
	queue   func(p *redpipe.Pipeline, key func(string) string) func() (any, error)
	want    any
	wantErr string // exact text of a Redis error; "nil" for ErrNil
}

func result[T any](f *redpipe.Future[T]) func() (any, error) {
	return func() (any, error) { return f.Result() }
}

func doRow(shape string, want any, args ...any) equivalence {
	return equivalence{shape: shape, want: want, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.Do(keyed(key, args)...))
	}}
}

func doErrRow(shape, wantErr string, args ...any) equivalence {
	r := doRow(shape, nil, args...)
	r.wantErr = wantErr
	return r
}

// keyed replaces every keyName{} argument with the spec's key of that name.
func keyed(key func(string) string, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if k, ok := a.(keyName); ok {
			out[i] = key(string(k))
		} else {
			out[i] = a
		}
	}
	return out
}

type keyName string

// equivalenceTable covers every reply shape, through Do and through typed
// methods. Its want values are the one definition every configuration (every
// driver, RESP2 and RESP3, standalone and cluster) is held to, so that
// switching drivers changes no value and no error text.
var equivalenceTable = []equivalence{
	doRow("status", "OK", "SET", keyName("str"), "v"),
	doRow("bulk", "v", "GET", keyName("str")),
	doRow("binary bulk (set)", "OK", "SET", keyName("bin"), []byte(binaryValue)),
	doRow("binary bulk", binaryValue, "GET", keyName("bin")),
	{shape: "binary bulk (typed)", want: binaryValue, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.Get(key("bin")))
	}},
	doRow("integer", int64(1), "INCR", keyName("n")),
	doRow("negative integer", int64(-4), "DECRBY", keyName("neg"), 4),
	doRow("double (arrange)", int64(2), "ZADD", keyName("z"), 1.5, "m", 2, "n"),
	doRow("double", 1.5, "ZSCORE", keyName("z"), "m"),
	{shape: "double (typed)", want: 1.5, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.ZScore(key("z"), "m"))
	}},
	doRow("double as bulk", "3.25", "INCRBYFLOAT", keyName("f"), 3.25),
	doErrRow("nil bulk", "nil", "GET", keyName("missing")),
	doErrRow("nil double", "nil", "ZSCORE", keyName("z"), "nope"),
	doRow("empty array", []any{}, "LRANGE", keyName("missing"), 0, -1),
	{shape: "empty array (typed)", want: []string{}, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.LRange(key("missing"), 0, -1))
	}},
	doRow("array with nils", []any{"v", nil}, "MGET", keyName("str"), keyName("missing")),
	doRow("nested array", []any{[]any{"m", 1.5}, []any{"n", float64(2)}}, "ZRANGE", keyName("z"), 0, -1, "WITHSCORES"),
	{shape: "nested array (typed)", want: []redpipe.Z{{Member: "m", Score: 1.5}, {Member: "n", Score: 2}}, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.ZRangeWithScores(key("z"), 0, -1))
	}},
	doRow("script array", []any{int64(1), "two", []any{int64(3), []any{}}, nil}, "EVAL", "return {1, 'two', {3, {}}, false}", 0),
	doRow("error inside an array", []any{int64(1), ports.NewRedisError("MYERR inner")}, "EVAL", "return {1, redis.error_reply('MYERR inner')}", 0),
	doRow("map (arrange)", int64(2), "HSET", keyName("h"), "f", "1", "g", binaryValue),
	doRow("map", map[string]any{"f": "1", "g": binaryValue}, "HGETALL", keyName("h")),
	{shape: "map (typed)", want: map[string]string{"f": "1", "g": binaryValue}, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.HGetAll(key("h")))
	}},
	doRow("empty map", map[string]any{}, "HGETALL", keyName("missing")),
	doRow("set (arrange)", int64(1), "SADD", keyName("s"), "only"),
	doRow("set", []any{"only"}, "SMEMBERS", keyName("s")),
	{shape: "set (typed)", want: []string{"only"}, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.SMembers(key("s")))
	}},
	doErrRow("error: not an integer", cmdNotInteger, "INCR", keyName("str")),
	doErrRow("error: wrong type", cmdWrongType, "LPUSH", keyName("str"), "x"),
	doErrRow("error: unknown command", "ERR unknown command 'NOSUCHCMD', with args beginning with: 'x' ", "NOSUCHCMD", "x"),
	doErrRow("error: wrong arity", "ERR wrong number of arguments for 'get' command", "GET"),
	doErrRow("error: from a script", "MYERR custom text", "EVAL", "return redis.error_reply('MYERR custom text')", 0),
	{shape: "error (typed)", wantErr: cmdNotInteger, queue: func(p *redpipe.Pipeline, key func(string) string) func() (any, error) {
		return result(p.Incr(key("str")))
	}},
	doRow("status after errors", "PONG", "PING"),
}

var _ = register(func(s *Suite) {
	Describe("Cross-adapter equivalence", func() {
		It("one table of commands covering every reply shape gives identical Go values and error text in every configuration", func(ctx SpecContext) {
			p := s.Client.Pipeline()
			got := make([]func() (any, error), len(equivalenceTable))
			for i, row := range equivalenceTable {
				got[i] = row.queue(p, s.Key)
			}
			_ = p.Exec(ctx) // the error rows fail Exec; each row is checked below

			for i, row := range equivalenceTable {
				v, err := got[i]()
				switch row.wantErr {
				case "":
					Expect(err).NotTo(HaveOccurred(), "row %d (%s)", i, row.shape)
					Expect(v).To(Equal(row.want), "row %d (%s)", i, row.shape)
				case "nil":
					Expect(err).To(MatchError(redpipe.ErrNil), "row %d (%s)", i, row.shape)
				default:
					var re *ports.RedisError
					Expect(errors.As(err, &re)).To(BeTrue(), "row %d (%s): want a Redis error, got %v", i, row.shape, err)
					Expect(re.Error()).To(Equal(row.wantErr), "row %d (%s)", i, row.shape)
				}
			}
		})
	})
})
