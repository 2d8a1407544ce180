package difftest

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// minCovered is how many methods with a go-redis counterpart have a case;
// it only goes up, so a case removed by mistake fails TestCoverage.
const minCovered = 157

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

// TestCoverage checks that every case names a method both sides have and
// reports the methods still without a case.
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
	var missing []string
	for n := range have {
		if !covered[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	t.Logf("%d of %d methods with a go-redis counterpart have a case; without one: %s",
		len(covered), len(have), strings.Join(missing, " "))
	if len(covered) < minCovered {
		t.Errorf("%d methods covered, fewer than minCovered (%d)", len(covered), minCovered)
	}
}
