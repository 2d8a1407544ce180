package redpipe

import (
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// HashField is one field of a Hash keyspace with its decoded value.
type HashField struct {
	Field string
	Value any
}

// HVals gives the values' stored text. HVALS sends values without their
// fields, so no field's codec can be chosen: HGetAll gives them decoded.
func (b HashCmds) HVals(id string) *Future[[]string] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]string] { return p.HVals(b.key(id)) })
}

func (b HashCmds) field(id string) func(g []string) (HashField, error) {
	return func(g []string) (HashField, error) {
		v, err := b.decode(id, g[0], g[1])
		return HashField{Field: g[0], Value: v}, err
	}
}

// HScan gives one page of fields whose names match match (a Redis glob;
// "" for all), each value decoded by its field's codec.
func (b HashCmds) HScan(id string, cursor uint64, match string, count int64) *Future[ScanPage[HashField]] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[ScanPage[HashField]] {
		return queueBuilt(p, scanPage(2, b.field(id)), scanCmd("HSCAN", b.key(id), cursor, match, count))
	})
}

// HRandField gives up to count distinct random field names, or |count|
// with repeats when count is negative.
func (b HashCmds) HRandField(id string, count int) *Future[[]string] {
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]string] { return p.HRandField(b.key(id), count) })
}

// HRandFieldWithValues is HRandField with each field's decoded value.
func (b HashCmds) HRandFieldWithValues(id string, count int) *Future[[]HashField] {
	field := b.field(id)
	return run(b.KeyCmds, func(p *Pipeline) *Future[[]HashField] {
		cmd := readKey("HRANDFIELD", b.key(id), itoa(int64(count)), "WITHVALUES")
		return queue(p, func(r ports.Reply) ([]HashField, error) {
			kvs, err := domain.KeyValueSlice(r)
			if err != nil {
				return nil, err
			}
			out := make([]HashField, len(kvs))
			for i, kv := range kvs {
				if out[i], err = field([]string{kv.Key, kv.Value}); err != nil {
					return nil, err
				}
			}
			return out, nil
		}, cmd)
	})
}
