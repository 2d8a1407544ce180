package cluster

import (
	"fmt"
	"strings"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// mergeKind says how the parts of a split command give its reply.
type mergeKind uint8

const (
	mergeNone   mergeKind = iota // not splittable
	mergeValues                  // MGET: the parts' values in the caller's key order
	mergeSum                     // DEL, UNLINK, EXISTS, TOUCH: the parts' counts added
	mergeOK                      // MSET: OK when every part is OK
)

func splittable(name string) mergeKind {
	switch strings.ToUpper(name) {
	case "MGET":
		return mergeValues
	case "DEL", "UNLINK", "EXISTS", "TOUCH":
		return mergeSum
	case "MSET":
		return mergeOK
	}
	return mergeNone
}

// split is a multi-key command sent as one command per slot.
type split struct {
	at    int // the caller's position
	kind  mergeKind
	nkeys int
	parts []*unit
	keyAt [][]int // keyAt[p][j]: which of the caller's keys part p's j-th key is
}

// newSplit groups c's keys by slot, in the order each slot first appears,
// keeping the keys' order within a slot (EXISTS k k counts twice, MSET's
// last value for a key wins: both stay true per slot).
func newSplit(at int, c *ports.Command) *split {
	s := &split{at: at, kind: splittable(c.Name()), nkeys: len(c.Keys)}
	withValue := s.kind == mergeOK
	bySlot := map[int]int{}
	for k, p := range c.Keys {
		slot := domain.Slot(c.Args[p])
		n, ok := bySlot[slot]
		if !ok {
			n = len(s.parts)
			bySlot[slot] = n
			s.parts = append(s.parts, &unit{cmds: []ports.Command{{Args: []string{c.Args[0]}, ReadOnly: c.ReadOnly}}, slot: int32(slot), readOnly: c.ReadOnly})
			s.keyAt = append(s.keyAt, nil)
		}
		part := &s.parts[n].cmds[0]
		part.Args = append(part.Args, c.Args[p])
		if withValue && p+1 < len(c.Args) {
			part.Args = append(part.Args, c.Args[p+1])
		}
		s.keyAt[n] = append(s.keyAt[n], k)
	}
	for _, u := range s.parts {
		if withValue {
			u.cmds[0].Keys = domain.KeysEvery(1, len(u.cmds[0].Args), 2)
		} else {
			u.cmds[0].Keys = domain.KeysFrom(1, len(u.cmds[0].Args))
		}
	}
	return s
}

// merge gives the caller's command its one outcome. Any part's error is the
// outcome (the first, in slot order): a count or a list missing a part would
// be a wrong answer, not a partial one.
func (s *split) merge() ports.Result {
	for _, u := range s.parts {
		if u.res[0].Err != nil {
			return u.res[0]
		}
	}
	switch s.kind {
	case mergeValues:
		vals := make([]ports.Reply, s.nkeys)
		for n, u := range s.parts {
			r := u.res[0].Reply
			if r.Kind != ports.KindArray || len(r.Elems) != len(s.keyAt[n]) {
				return ports.Result{Err: fmt.Errorf("%w: a part of a split MGET answered %s", domain.ErrUnexpectedReply, r)}
			}
			for j, k := range s.keyAt[n] {
				vals[k] = r.Elems[j]
			}
		}
		return ports.Result{Reply: ports.ArrayReply(vals)}
	case mergeSum:
		var sum int64
		for _, u := range s.parts {
			r := u.res[0].Reply
			if r.Kind != ports.KindInt {
				return ports.Result{Err: fmt.Errorf("%w: a part of a split %s answered %s", domain.ErrUnexpectedReply, u.cmds[0].Name(), r)}
			}
			sum += r.Int
		}
		return ports.Result{Reply: ports.IntReply(sum)}
	default: // mergeOK
		for _, u := range s.parts {
			if r := u.res[0].Reply; (r.Kind != ports.KindStatus && r.Kind != ports.KindBulk) || r.Str != "OK" {
				return ports.Result{Err: fmt.Errorf("%w: a part of a split MSET answered %s", domain.ErrUnexpectedReply, r)}
			}
		}
		return s.parts[0].res[0]
	}
}
