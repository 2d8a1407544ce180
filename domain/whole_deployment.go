package domain

import (
	"fmt"
	"strings"

	"github.com/redpipe-go/redpipe/ports"
)

// On a cluster, some keyless commands mean the whole deployment: DBSIZE
// counts every master's keys, FLUSHDB empties every master, a script or
// function must be loaded where any key may run it. Sent to one node they
// would answer for that node alone. WholeDeployment says which commands
// these are; MergeMasters makes their one reply from every master's.

// mergeRule is how the replies of every master become one.
type mergeRule uint8

const (
	mergeSum    mergeRule = iota + 1 // integers added (DBSIZE)
	mergeSame                        // every master the same reply: OK (FLUSHDB, SCRIPT FLUSH, FUNCTION FLUSH/DELETE/RESTORE), the SHA (SCRIPT LOAD), the library name (FUNCTION LOAD)
	mergeAnd                         // element-wise AND of 0/1 arrays (SCRIPT EXISTS)
	mergeConcat                      // arrays concatenated (KEYS)
)

var wholeDeployment = map[string]mergeRule{
	"DBSIZE": mergeSum, "FLUSHDB": mergeSame, "FLUSHALL": mergeSame, "KEYS": mergeConcat,
}

var wholeDeploymentSub = map[string]map[string]mergeRule{
	"SCRIPT":   {"FLUSH": mergeSame, "LOAD": mergeSame, "EXISTS": mergeAnd},
	"FUNCTION": {"FLUSH": mergeSame, "DELETE": mergeSame, "LOAD": mergeSame, "RESTORE": mergeSame},
}

func wholeDeploymentRule(args []string) (mergeRule, bool) {
	if len(args) == 0 {
		return 0, false
	}
	if r, ok := lookupUpper(wholeDeployment, args[0]); ok {
		// KEYS with a pattern inside one hash tag goes to that tag's node
		// (Describe reports the pattern as its key).
		if r == mergeConcat && len(args) > 1 && LiteralHashTag(args[1]) {
			return 0, false
		}
		return r, true
	}
	if subs, ok := lookupUpper(wholeDeploymentSub, args[0]); ok && len(args) > 1 {
		r, ok := lookupUpper(subs, args[1])
		return r, ok
	}
	return 0, false
}

// WholeDeployment reports whether, on a cluster, the command must go to
// every master and its replies be merged (MergeMasters): DBSIZE, FLUSHDB,
// FLUSHALL, KEYS (unless its pattern names one hash tag), SCRIPT FLUSH,
// SCRIPT LOAD, SCRIPT EXISTS, FUNCTION FLUSH, FUNCTION DELETE, FUNCTION
// LOAD, FUNCTION RESTORE (a dump's libraries are loaded like FUNCTION
// LOAD's: where any key may call them).
func WholeDeployment(args []string) bool {
	_, ok := wholeDeploymentRule(args)
	return ok
}

// MergeMasters makes one result of a WholeDeployment command from every
// master's, in any order: DBSIZE summed; FLUSHDB, FLUSHALL, SCRIPT FLUSH,
// FUNCTION FLUSH, FUNCTION DELETE and FUNCTION RESTORE OK only when every
// master says OK;
// SCRIPT LOAD and FUNCTION LOAD the reply every master gave; SCRIPT EXISTS
// 1 only where every master has the script; KEYS every master's keys. The
// first failure of any master is the result: what failed on one master
// failed for the deployment.
func MergeMasters(args []string, results []ports.Result) ports.Result {
	rule, ok := wholeDeploymentRule(args)
	if !ok {
		return ports.Result{Err: fmt.Errorf("%w: %s is not a whole-deployment command", ErrInvalidValue, strings.Join(args, " "))}
	}
	if len(results) == 0 {
		return ports.Result{Err: &ports.TransportError{Err: fmt.Errorf("%s: no master to send it to", args[0])}}
	}
	for _, r := range results {
		if r.Err != nil {
			return r
		}
	}
	switch rule {
	case mergeSum:
		var n int64
		for _, r := range results {
			v, err := Int64(r.Reply)
			if err != nil {
				return ports.Result{Err: err}
			}
			n += v
		}
		return ports.Result{Reply: ports.IntReply(n)}
	case mergeSame:
		first := results[0].Reply
		for _, r := range results[1:] {
			if r.Reply.String() != first.String() {
				return ports.Result{Err: fmt.Errorf("%w: the masters answered %s differently: %s and %s", ErrUnexpectedReply, args[0], first, r.Reply)}
			}
		}
		return results[0]
	case mergeAnd:
		and := make([]ports.Reply, len(results[0].Reply.Elems))
		for i := range and {
			and[i] = ports.IntReply(1)
		}
		for _, r := range results {
			if r.Reply.Kind != ports.KindArray || len(r.Reply.Elems) != len(and) {
				return ports.Result{Err: unexpected(r.Reply, fmt.Sprintf("an array of %d", len(and)))}
			}
			for i, e := range r.Reply.Elems {
				if v, err := Int64(e); err != nil {
					return ports.Result{Err: err}
				} else if v == 0 {
					and[i] = ports.IntReply(0)
				}
			}
		}
		return ports.Result{Reply: ports.ArrayReply(and)}
	default: // mergeConcat
		var all []ports.Reply
		for _, r := range results {
			es, err := elems(r.Reply, "an array of keys")
			if err != nil {
				return ports.Result{Err: err}
			}
			all = append(all, es...)
		}
		if all == nil {
			all = []ports.Reply{}
		}
		return ports.Result{Reply: ports.ArrayReply(all)}
	}
}
