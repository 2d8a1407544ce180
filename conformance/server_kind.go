package conformance

import (
	"context"
	"strings"
	"sync"

	. "github.com/onsi/gomega"
)

// valkeyServers caches, per backend, whether its server is Valkey.
var valkeyServers sync.Map // ports.Backend -> bool

// Valkey reports whether the main connection's server is Valkey (INFO
// server's server_name), for the specs whose exact value is one of the few
// places Valkey 8 differs from Redis 7: an error's wording, an INFO field's
// name, a flag ACL LIST shows. Each such spec says which difference.
func (s *Suite) Valkey(ctx context.Context) bool {
	if v, ok := valkeyServers.Load(s.Main); ok {
		return v.(bool)
	}
	r := RunOne(ctx, s.Main, "INFO", "server")
	Expect(r.Err).NotTo(HaveOccurred(), "INFO server")
	is := strings.Contains("\r\n"+r.Reply.Str, "\r\nserver_name:valkey\r\n")
	valkeyServers.Store(s.Main, is)
	return is
}

// ServerText is redis's wording, or valkey's when the main server is
// Valkey: for a spec whose exact text is one Valkey 8 rewrote.
func (s *Suite) ServerText(ctx context.Context, redis, valkey string) string {
	if s.Valkey(ctx) {
		return valkey
	}
	return redis
}
