package conformance

import (
	"context"
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/ports"
)

// Helpers of the command-family specs (commands_*.go); the error texts are
// shared with the invariant specs.

const (
	cmdWrongType  = "WRONGTYPE Operation against a key holding the wrong kind of value"
	cmdNotInteger = "ERR value is not an integer or out of range"
)

// Arrange runs raw commands on the main connection to set up a spec's
// state, failing the spec if any of them fails.
func (s *Suite) Arrange(ctx context.Context, cmds ...[]string) {
	GinkgoHelper()
	for _, c := range cmds {
		res := s.Raw(ctx, c...)
		Expect(res.Err).NotTo(HaveOccurred(), "arranging %q", c)
		Expect(res.Reply.Kind).NotTo(Equal(ports.KindError), "arranging %q: %s", c, res.Reply)
	}
}

// ExpectRedisError checks that err is the Redis error reply with exactly text.
func ExpectRedisError(err error, text string) {
	GinkgoHelper()
	var re *ports.RedisError
	Expect(errors.As(err, &re)).To(BeTrue(), "want the Redis error %q, got %T: %v", text, err, err)
	Expect(re.Error()).To(Equal(text))
}

// ExecOnce executes p, expecting success and exactly one round trip to the
// main connection.
func (s *Suite) ExecOnce(ctx context.Context, p *redpipe.Pipeline) {
	GinkgoHelper()
	before := s.MainCalls.Calls()
	Expect(p.Exec(ctx)).To(Succeed())
	Expect(s.MainCalls.Calls()-before).To(Equal(1), "one round trip for the whole pipeline")
}

// ExecOnceFailing executes p, a pipeline holding commands meant to fail,
// expecting exactly one round trip to the main connection and an error,
// which it returns.
func (s *Suite) ExecOnceFailing(ctx context.Context, p *redpipe.Pipeline) error {
	GinkgoHelper()
	before := s.MainCalls.Calls()
	err := p.Exec(ctx)
	Expect(err).To(HaveOccurred())
	Expect(s.MainCalls.Calls()-before).To(Equal(1), "one round trip for the whole pipeline")
	return err
}

// scanAll iterates a *SCAN command to cursor 0, one Exec per page, and
// returns every element seen, in order.
func scanAll(ctx context.Context, c *redpipe.Client, page func(p *redpipe.Pipeline, cursor uint64) *redpipe.Future[redpipe.ScanResult]) []string {
	GinkgoHelper()
	var all []string
	cursor := uint64(0)
	for i := 0; ; i++ {
		Expect(i).To(BeNumerically("<", 10000), "the scan never reached cursor 0")
		p := c.Pipeline()
		f := page(p, cursor)
		Expect(p.Exec(ctx)).To(Succeed())
		res, err := f.Result()
		Expect(err).NotTo(HaveOccurred())
		all = append(all, res.Keys...)
		if cursor = res.Cursor; cursor == 0 {
			return all
		}
	}
}

// pairsToMap turns HSCAN's / ZSCAN's field, value, field, value ... into a map.
func pairsToMap(kv []string) map[string]string {
	GinkgoHelper()
	Expect(len(kv)%2).To(Equal(0), "an odd number of elements: %q", kv)
	m := make(map[string]string, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}
