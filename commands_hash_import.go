package redpipe

// Hashes written from a prepared field list (HIMPORT, Redis 8.10+):
// HImportPrepare HImportSet HImportDiscard HImportDiscardAll. Listed in
// the index of commands_hash.go.
//
// The server keeps a fieldset in the session of the connection that ran
// HIMPORT PREPARE. go-redis remembers fieldsets client-side and replays
// PREPARE on whichever pooled connection runs a later HIMPORT SET; redpipe
// does not: a pipeline's commands to one connection go out in one batch
// on one driver connection, so a PREPARE and the SETs that use it belong
// in the same pipeline (and, on a cluster, the PREPARE has no key to route
// it by: give each node's SETs their PREPARE through Do on that node, or
// keep the SETs on one connection). A SET on a session without the
// fieldset gets the server's "ERR no such fieldset".

import "github.com/redpipe-go/redpipe/domain"

// HImportPrepare queues HIMPORT PREPARE fieldsetName fields...: "OK". The
// fieldset lives in the connection's session (see above); preparing a
// name again replaces it.
func (p *Pipeline) HImportPrepare(fieldsetName string, fields ...string) *Future[string] {
	return queueBuilt(p, domain.Status, domain.NewBuilder(false, nil, "HIMPORT", "PREPARE", fieldsetName).Str(fields...))
}

// HImportSet queues HIMPORT SET key fieldsetName values...: "OK" once the
// hash at key is replaced by the fieldset's fields paired with values, in
// order (as many values as fields). The values may also be given as one
// []string or []any.
func (p *Pipeline) HImportSet(key, fieldsetName string, values ...any) *Future[string] {
	b := domain.NewBuilder(false, domain.KeysFrom(2, 3), "HIMPORT", "SET", key, fieldsetName)
	return queueBuilt(p, domain.Status, appendValues(b, values))
}

// HImportDiscard queues HIMPORT DISCARD fieldsetName: the number of
// fieldsets the session dropped (0 or 1).
func (p *Pipeline) HImportDiscard(fieldsetName string) *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "HIMPORT", "DISCARD", fieldsetName))
}

// HImportDiscardAll queues HIMPORT DISCARDALL: how many fieldsets the
// session dropped.
func (p *Pipeline) HImportDiscardAll() *Future[int64] {
	return queueBuilt(p, domain.Int64, domain.NewBuilder(false, nil, "HIMPORT", "DISCARDALL"))
}
