package bench

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// opKind is one of the seven commands of the mixed batch.
type opKind uint8

const (
	opIncr    opKind = iota // INCR c  -> 1 on a fresh key
	opSet                   // SET s v -> "OK"
	opGet                   // GET s   -> v (SET just before, same batch)
	opHSet                  // HSET h f v -> 1
	opHGetAll               // HGETALL h -> {f: v}
	opZAdd                  // ZADD z 1.5 v -> 1
	opExpire                // EXPIRE c 60 -> true (INCR created c)
	numKinds
)

// ttl is the EXPIRE of the batches: long enough that no key of a run
// expires mid-run, short enough that the shared servers stay small.
const ttl = time.Minute

// zscore is ZADD's score; any fixed value.
const zscore = 1.5

// op is one command of a batch, its strings built once so that the
// benchmark measures the drivers, not key formatting.
type op struct {
	kind     opKind
	key, val string
}

// mixedOps returns n commands cycling through the seven kinds. Command i
// belongs to group i/7, whose four keys (counter, string, hash, sorted set)
// no other group uses; within a group the commands run in kind order, so on
// fresh keys every reply is known in advance (want).
func mixedOps(prefix string, n int) []op {
	ops := make([]op, n)
	for i := range ops {
		g := strconv.Itoa(i / int(numKinds))
		k := opKind(i % int(numKinds))
		o := op{kind: k, val: "v" + g}
		switch k {
		case opIncr, opExpire:
			o.key = prefix + "c" + g
		case opSet, opGet:
			o.key = prefix + "s" + g
		case opHSet, opHGetAll:
			o.key = prefix + "h" + g
		case opZAdd:
			o.key = prefix + "z" + g
		}
		ops[i] = o
	}
	return ops
}

// want is the exact reply of o on fresh keys, as the Go value every
// variant converts its reply to.
func (o op) want() any {
	switch o.kind {
	case opIncr, opHSet, opZAdd:
		return int64(1)
	case opSet:
		return "OK"
	case opGet:
		return o.val
	case opHGetAll:
		return map[string]string{"f": o.val}
	case opExpire:
		return true
	}
	return nil
}

func (k opKind) String() string {
	return [...]string{"INCR", "SET", "GET", "HSET", "HGETALL", "ZADD", "EXPIRE"}[k]
}

// verify compares reply i with its expected value.
func verify(ops []op, i int, got any) error {
	if w := ops[i].want(); !reflect.DeepEqual(got, w) {
		return fmt.Errorf("command %d (%s %s): got %#v, want %#v", i, ops[i].kind, ops[i].key, got, w)
	}
	return nil
}

func itoa(i int) string { return strconv.Itoa(i) }
