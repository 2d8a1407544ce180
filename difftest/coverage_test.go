package difftest

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// minCovered is how many methods with a go-redis counterpart some case
// calls;
// it only goes up, so a case removed by mistake fails TestCoverage.
const minCovered = 417

// counterparts are the typed methods of *redpipe.Pipeline that go-redis's
// Cmdable also has, by name.
func counterparts() []string {
	cmdable := reflect.TypeOf((*redis.Cmdable)(nil)).Elem()
	pt := reflect.TypeOf((*redpipe.Pipeline)(nil))
	var out []string
	for i := 0; i < pt.NumMethod(); i++ {
		name := pt.Method(i).Name
		if _, ok := cmdable.MethodByName(name); ok && name != "Pipeline" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// queuedMethods are the Pipeline methods some queue closure of this
// package calls ("p.Name("), read from the test sources: a case's later
// calls exercise methods besides the one it is named after.
func queuedMethods(t *testing.T) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\bp\.([A-Z][A-Za-z0-9]*)\(`)
	out := map[string]bool{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			out[string(m[1])] = true
		}
	}
	return out
}

// TestCoverage checks that every case names a method both sides have and
// reports the methods no call queues yet.
func TestCoverage(t *testing.T) {
	have := map[string]bool{}
	for _, n := range counterparts() {
		have[n] = true
	}
	covered := map[string]bool{}
	for _, tc := range allCases() {
		if !have[tc.name] {
			t.Errorf("case %q: not a method of both *redpipe.Pipeline and redis.Cmdable", tc.name)
		}
		covered[tc.name] = true
	}
	for n := range queuedMethods(t) {
		if have[n] {
			covered[n] = true
		}
	}
	var missing []string
	for n := range have {
		if !covered[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	t.Logf("%d of %d methods with a go-redis counterpart are called by some case; not yet: %s",
		len(covered), len(have), strings.Join(missing, " "))
	if len(covered) < minCovered {
		t.Errorf("%d methods covered, fewer than minCovered (%d)", len(covered), minCovered)
	}
}
