package redpipe

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/redis/go-redis/v9"
)

// The parity of issue 15: every method of go-redis's Cmdable and
// StatefulCmdable — the go-redis compiled from go.mod, so the version is
// exact — is on *Pipeline under the same name, or left out here with the
// reason. Methods go-redis has only on *Client (Monitor, Sync, the
// HotKeys session, ...) are outside these interfaces and so outside the
// test; so are Pipeline's own methods that go-redis lacks. Cmdable's
// Pipeline() is matched by name by redpipe's Pipeline, the nested
// pipeline that composes into its parent's batch.

// excludedFamilies are go-redis interfaces left out whole: the commands of
// Redis modules, which core Redis 7 and 8 open source do not have. Do and
// Cmd send them.
var excludedFamilies = map[reflect.Type]string{
	reflect.TypeFor[redis.SearchCmdable]():        "RediSearch module (FT.*): not in core Redis 7/8 open source; use Do or Cmd",
	reflect.TypeFor[redis.JSONCmdable]():          "RedisJSON module (JSON.*): not in core Redis 7/8 open source; use Do or Cmd",
	reflect.TypeFor[redis.TimeseriesCmdable]():    "RedisTimeSeries module (TS.*): not in core Redis 7/8 open source; use Do or Cmd",
	reflect.TypeFor[redis.ProbabilisticCmdable](): "RedisBloom module (BF.*, CF.*, CMS.*, TOPK.*, TDIGEST.*): not in core Redis 7/8 open source; use Do or Cmd",
	reflect.TypeFor[redis.VectorSetCmdable]():     "vector sets (V*): a module in Redis 8, not in Redis 7; use Do or Cmd",
}

// excludedMethods are single go-redis methods Pipeline does not have: ways
// of composing pipelines (redpipe composes its own), commands that change
// the state of the connection they run on (a pipeline's connection is the
// driver's choice, and shared), and commands a pipeline cannot resolve.
var excludedMethods = map[string]string{
	"Pipelined":   "redpipe composes pipelines itself: Client.Pipeline, nested Pipeline, Autoexec",
	"TxPipeline":  "transactions are a connection option: WithTransaction, or Client.Watch with Tx.Multi",
	"TxPipelined": "transactions are a connection option: WithTransaction, or Client.Watch with Tx.Multi",

	"Select":                   "sets the connection's database for the commands after it",
	"Auth":                     "authenticates the connection it runs on",
	"AuthACL":                  "authenticates the connection it runs on",
	"Hello":                    "sets the connection's protocol, user and name",
	"ClientSetName":            "names the connection it runs on",
	"ClientSetInfo":            "sets the connection's library name or version",
	"ClientTracking":           "turns client-side caching on for the connection it runs on",
	"ClientTrackingOn":         "turns client-side caching on for the connection it runs on",
	"ClientTrackingOff":        "turns client-side caching off for the connection it runs on",
	"ClientMaintNotifications": "subscribes the connection it runs on to push notifications",
	"ReadOnly":                 "lets the connection it runs on read from a cluster replica",
	"ReadWrite":                "undoes READONLY on the connection it runs on",
	"Quit":                     "closes the connection (go-redis itself panics: not implemented)",
	"Shutdown":                 "stops the server: there is no reply to resolve a future with",
	"ShutdownSave":             "stops the server: there is no reply to resolve a future with",
	"ShutdownNoSave":           "stops the server: there is no reply to resolve a future with",

	"GetToBuffer": "go-redis reads the reply straight from the socket into the caller's buffer; " +
		"redpipe's adapters decode every reply before a future sees it, so the zero copy cannot be kept: use Get",
	"SetFromBuffer": "go-redis documents it as Set(key, buf, 0) under another name, for symmetry with GetToBuffer: use Set",
}

func methodNames(t reflect.Type) []string {
	names := make([]string, t.NumMethod())
	for i := range names {
		names[i] = t.Method(i).Name
	}
	return names
}

func TestPipelineHasGoRedisCommands(t *testing.T) {
	goRedis := map[string]bool{}
	for _, iface := range []reflect.Type{reflect.TypeFor[redis.Cmdable](), reflect.TypeFor[redis.StatefulCmdable]()} {
		for _, name := range methodNames(iface) {
			goRedis[name] = true
		}
	}
	pipeline := reflect.TypeFor[*Pipeline]()
	onPipeline := func(name string) bool { _, ok := pipeline.MethodByName(name); return ok }

	byFamily := map[string]reflect.Type{}
	for family := range excludedFamilies {
		for _, name := range methodNames(family) {
			if !goRedis[name] {
				t.Errorf("%s.%s is excluded, but go-redis's Cmdable no longer has it", family.Name(), name)
			}
			byFamily[name] = family
		}
	}
	for name, why := range excludedMethods {
		switch {
		case !goRedis[name]:
			t.Errorf("%s is excluded (%s), but go-redis's Cmdable no longer has it", name, why)
		case onPipeline(name):
			t.Errorf("%s is excluded (%s), but Pipeline has it", name, why)
		case byFamily[name] != nil:
			t.Errorf("%s is excluded singly and with %s", name, byFamily[name].Name())
		case why == "":
			t.Errorf("%s is excluded without a reason", name)
		}
	}

	var on, fam, single int
	for _, name := range slices.Sorted(maps.Keys(goRedis)) {
		family, inFamily := byFamily[name]
		_, excluded := excludedMethods[name]
		switch {
		case inFamily && onPipeline(name):
			t.Errorf("%s is excluded with %s, but Pipeline has it", name, family.Name())
		case inFamily:
			fam++
		case excluded:
			single++
		case onPipeline(name):
			on++
		default:
			t.Errorf("Pipeline has no %s, and it is not excluded: add it, or exclude it with the reason", name)
		}
	}
	t.Logf("go-redis methods: %d; on Pipeline: %d; excluded by family: %d; excluded singly: %d",
		len(goRedis), on, fam, single)
	for family, why := range excludedFamilies {
		if why == "" {
			t.Errorf("%s is excluded without a reason", family.Name())
		}
	}
}
