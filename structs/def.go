package structs

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/redpipe-go/redpipe"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/keyspace"
)

// Def defines a kind of Struct: a dict-like record kept in one hash
// per id, at the key KeyspaceKey(Prefix, id). Write it as a literal and use
// it from any goroutine; do not change it once in use.
//
//	var users = &structs.Def{
//		Prefix:   "user",
//		KeyName:  "user_id",
//		Fields:   redpipe.Fields{"name": redpipe.Text, "visits": redpipe.Int},
//		Required: []string{"name"},
//		TTL:      24 * time.Hour,
//	}
type Def struct {
	// Prefix is the keyspace prefix; it must not contain a brace.
	Prefix string
	// KeyName is the field that carries the id in a record's data
	// ("user_id"). It is never stored inside the hash: the key holds it.
	KeyName string
	// Fields declares the codec of each known field.
	Fields redpipe.Fields
	// Default is the codec of undeclared fields; nil means Text.
	Default redpipe.FieldCodec
	// Conn is the connection the records live on; "" means the scope's.
	Conn string
	// Required fields must be given on Create and cannot be removed.
	Required []string
	// Which fields Load reads when given none: LoadFields if set, else the
	// declared fields if LoadDeclared, else the whole hash.
	LoadFields   []string
	LoadDeclared bool
	// TTL, when positive, is set again on the record by every write.
	TTL time.Duration
}

// ErrStructExists is the error of a record CreateNX did not write because
// the record already existed. It is not a failure of Exec.
var ErrStructExists = errors.New("redpipe: struct already exists")

// check rejects a definition whose records could not be kept correctly.
func (d *Def) check() error {
	if err := domain.CheckKeyspacePrefix(d.Prefix); err != nil {
		return err
	}
	if d.KeyName == "" {
		return fmt.Errorf("%w: struct %q has no KeyName", redpipe.ErrInvalidValue, d.Prefix)
	}
	if _, ok := d.Fields[d.KeyName]; ok {
		return fmt.Errorf("%w: struct %q declares its key name %q as a field; the key holds it", redpipe.ErrInvalidValue, d.Prefix, d.KeyName)
	}
	return nil
}

// Key returns the key of the record id.
func (d *Def) Key(id string) string { return domain.KeyspaceKey(d.Prefix, id) }

func (d *Def) codec(field string) redpipe.FieldCodec {
	if c, ok := d.Fields[field]; ok && c != nil {
		return redpipe.GuardField(c)
	}
	if d.Default != nil {
		return redpipe.GuardField(d.Default)
	}
	return redpipe.Text
}

func (d *Def) required(field string) bool { return slices.Contains(d.Required, field) }

// defaultLoad is the field list Load reads when given none; nil means all.
func (d *Def) defaultLoad() []string {
	switch {
	case len(d.LoadFields) > 0:
		return d.LoadFields
	case d.LoadDeclared:
		names := make([]string, 0, len(d.Fields))
		for name := range d.Fields {
			names = append(names, name)
		}
		slices.Sort(names)
		return names
	}
	return nil
}

func (d *Def) pipeline(s redpipe.Scope) *redpipe.Pipeline {
	// On("") leaves the connection to the scope, as no On would.
	return s.Pipeline(redpipe.On(d.Conn), keyspace.CheckKeys(d.Prefix))
}

// encoded is a record's data checked and encoded for the hash: the values
// to set, the fields to delete (nil values), and what the record will hold
// locally once written — the values as a load would decode them.
type encoded struct {
	pairs []string
	del   []string
	local map[string]any
}

// encode checks data against the definition. A value its codec rejects, or
// the key name, fails the whole write: nothing of it is sent.
func (d *Def) encode(data map[string]any) (encoded, error) {
	e := encoded{local: map[string]any{}}
	for _, field := range sortedKeys(data) {
		if field == d.KeyName {
			return e, fmt.Errorf("%w: struct %q: the key name %q cannot be changed", redpipe.ErrInvalidValue, d.Prefix, field)
		}
		v := data[field]
		if v == nil {
			if d.required(field) {
				return e, fmt.Errorf("%w: struct %q: the required field %q cannot be removed", redpipe.ErrInvalidValue, d.Prefix, field)
			}
			e.del = append(e.del, field)
			continue
		}
		c := d.codec(field)
		s, err := c.EncodeAny(v)
		if err != nil {
			return e, fmt.Errorf("struct %q field %q: %w", d.Prefix, field, err)
		}
		local, err := c.DecodeAny(s)
		if err != nil {
			return e, fmt.Errorf("%w: struct %q field %q: its codec cannot read back %q: %v", redpipe.ErrInvalidValue, d.Prefix, field, s, err)
		}
		e.pairs = append(e.pairs, field, s)
		e.local[field] = local
	}
	return e, nil
}

// splitID takes the id out of a record's data.
func (d *Def) splitID(data map[string]any) (string, map[string]any, error) {
	raw, ok := data[d.KeyName]
	if !ok {
		return "", nil, fmt.Errorf("%w: struct %q: the data has no key name %q", redpipe.ErrInvalidValue, d.Prefix, d.KeyName)
	}
	id, err := idString(raw)
	if err != nil {
		return "", nil, fmt.Errorf("struct %q key name %q: %w", d.Prefix, d.KeyName, err)
	}
	rest := make(map[string]any, len(data)-1)
	for k, v := range data {
		if k != d.KeyName {
			rest[k] = v
		}
	}
	return id, rest, nil
}

// idString accepts a string or any integer as an id.
func idString(v any) (string, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10), nil
	}
	return "", fmt.Errorf("%w: an id must be a string or an integer, got a %T", redpipe.ErrInvalidValue, v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
