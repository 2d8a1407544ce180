package domain

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Which fields of a struct type a StructMap stores, and why it refuses the
// others. The rules follow encoding/json where a hash allows it:
//
//   - A field tagged `redis:"name"` is stored; untagged fields and
//     `redis:"-"` are not (the go-redis convention: storing is opt-in).
//   - An untagged anonymous struct, or pointer to struct, has its fields
//     promoted, at one depth more, whether or not its type is exported.
//   - A tagged anonymous field is one named field like any other.
//   - Of fields promoted under one hash name the shallowest wins; two at
//     the same depth refuse the type. encoding/json drops both instead,
//     but for a store that is silent data loss.
//   - A tagged field that could not be set (unexported, or reached through
//     an embedded pointer to an unexported type, which Load could not
//     allocate) or not stored and loaded back refuses the type.

// candidate is one tagged field found while walking a type and what it
// embeds, before the names are settled.
type candidate struct {
	name    string
	opt     string
	index   []int
	typ     reflect.Type
	where   string // how errors name it: pkg.T.Embedded.Field (redis:"tag")
	blocked string // the embedded pointer to an unexported type above it, if any
}

// embedding is a struct type reached through untagged anonymous fields.
type embedding struct {
	typ     reflect.Type
	index   []int
	path    string // the Go selector from the outer type: "Base.Inner."
	blocked string
}

func mapStruct(t reflect.Type) (*StructMap, error) {
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%w: %v is not a struct type", ErrInvalidValue, t)
	}
	cands, err := candidates(t)
	if err != nil {
		return nil, err
	}
	winners, err := settle(cands)
	if err != nil {
		return nil, err
	}
	if len(winners) == 0 {
		return nil, fmt.Errorf(`%w: %v has no field tagged redis:"name"`, ErrInvalidValue, t)
	}
	m := &StructMap{Type: t, byName: map[string]int{}}
	for _, c := range winners {
		codec, err := codecOf(c)
		if err != nil {
			return nil, err
		}
		m.byName[c.name] = len(m.Fields)
		m.Fields = append(m.Fields, MappedField{Name: c.name, Index: c.index, Type: c.typ, codec: codec})
	}
	return m, nil
}

// candidates walks t breadth first, one embedding depth at a time, as
// encoding/json does, so that depth decides conflicts.
func candidates(t reflect.Type) ([]candidate, error) {
	var out []candidate
	level := []embedding{{typ: t}}
	done := map[reflect.Type]bool{} // reached at a shallower depth: every field of it is shadowed there
	for len(level) > 0 {
		var next []embedding
		times := map[reflect.Type]int{}
		for _, e := range level {
			times[e.typ]++
			// Twice at one depth already makes every one of its fields
			// clash; more copies would only repeat that.
			if done[e.typ] || times[e.typ] > 2 {
				continue
			}
			for i := range e.typ.NumField() {
				sf := e.typ.Field(i)
				tag, tagged := sf.Tag.Lookup("redis")
				if tag == "-" {
					continue
				}
				index := append(slices.Clone(e.index), i)
				if sf.Anonymous && !tagged {
					if emb, ok := embedded(t, e, sf, index); ok {
						next = append(next, emb)
					}
					continue
				}
				if !tagged {
					continue
				}
				c, err := tagged1(t, e, sf, tag, index)
				if err != nil {
					return nil, err
				}
				out = append(out, c)
			}
		}
		for _, e := range level {
			done[e.typ] = true
		}
		level = next
	}
	return out, nil
}

// embedded is the struct whose fields an untagged anonymous field
// promotes; an anonymous field of any other type is an untagged field.
func embedded(t reflect.Type, e embedding, sf reflect.StructField, index []int) (embedding, bool) {
	ft, ptr := sf.Type, sf.Type.Kind() == reflect.Pointer
	if ptr {
		ft = ft.Elem()
	}
	if ft.Kind() != reflect.Struct {
		return embedding{}, false
	}
	blocked := e.blocked
	if ptr && !sf.IsExported() && blocked == "" {
		blocked = fmt.Sprintf("%v.%s%s", t, e.path, sf.Name)
	}
	return embedding{typ: ft, index: index, path: e.path + sf.Name + ".", blocked: blocked}, true
}

// tagged1 checks the tag of one tagged field.
func tagged1(t reflect.Type, e embedding, sf reflect.StructField, tag string, index []int) (candidate, error) {
	name, opt, _ := strings.Cut(tag, ",")
	where := fmt.Sprintf("%v.%s%s (redis:%q)", t, e.path, sf.Name, tag)
	switch {
	case !sf.IsExported():
		return candidate{}, fmt.Errorf("%w: %s is unexported, so Load could not set it; export it, or remove its tag", ErrInvalidValue, where)
	case name == "":
		return candidate{}, fmt.Errorf("%w: %s has no field name", ErrInvalidValue, where)
	case opt != "" && opt != "json":
		return candidate{}, fmt.Errorf("%w: %s: unknown option %q (want json)", ErrInvalidValue, where, opt)
	}
	return candidate{name: name, opt: opt, index: index, typ: sf.Type, where: where, blocked: e.blocked}, nil
}

// settle keeps, of the candidates sharing a hash name, the shallowest, in
// the order of their index sequences (declaration order, promoted fields
// where their struct is embedded).
func settle(cands []candidate) ([]candidate, error) {
	slices.SortStableFunc(cands, func(a, b candidate) int { return slices.Compare(a.index, b.index) })
	shallowest := map[string]int{}
	for _, c := range cands {
		if d, ok := shallowest[c.name]; !ok || len(c.index) < d {
			shallowest[c.name] = len(c.index)
		}
	}
	var out []candidate
	winner := map[string]candidate{}
	for _, c := range cands {
		if len(c.index) > shallowest[c.name] {
			continue // shadowed
		}
		if first, ok := winner[c.name]; ok {
			return nil, fmt.Errorf(`%w: %s and %s both map to hash field %q at the same depth, so neither would win; rename one's tag, or tag one redis:"-"`,
				ErrInvalidValue, first.where, c.where, c.name)
		}
		winner[c.name] = c
		out = append(out, c)
	}
	// After the conflicts: a clash says more about a type that has both.
	for _, c := range out {
		if c.blocked != "" {
			return nil, fmt.Errorf(`%w: %s is an embedded pointer to an unexported struct type, which Load could not allocate; export the type, embed it by value, or tag it redis:"-"`,
				ErrInvalidValue, c.blocked)
		}
	}
	return out, nil
}

// codecOf is the codec of a stored field, or why there is none and what
// to do about it.
func codecOf(c candidate) (reflectCodec, error) {
	if why := jsonUnstorable(c.typ, map[reflect.Type]bool{}); why != "" {
		if why == "encode a "+c.typ.String() {
			return nil, fmt.Errorf(`%w: %s: a %v cannot be stored, not even as JSON; tag it redis:"-" to skip it`, ErrInvalidValue, c.where, c.typ)
		}
		return nil, fmt.Errorf(`%w: %s: a %v cannot be stored, not even as JSON: encoding/json cannot %s; tag it redis:"-" to skip it`,
			ErrInvalidValue, c.where, c.typ, why)
	}
	if c.opt == "json" {
		return newJSONField(c.typ), nil
	}
	if codec := codecFor(c.typ); codec != nil {
		return codec, nil
	}
	return nil, fmt.Errorf("%w: %s: a %v cannot be stored; tag it %q to store it as JSON", ErrInvalidValue, c.where, c.typ, c.name+",json")
}
