// Package ports is the contract between redpipe and a Redis driver.
//
// Application code uses package redpipe; this package is for people writing
// an adapter. An adapter implements Backend (send a batch as one round trip and
// report one outcome per command) and, where its driver can, the small optional
// interfaces beside it (Pinner for a dedicated connection, io.Closer for what
// the adapter itself created). redpipe finds the optional ones by type
// assertion, the way database/sql finds optional driver interfaces.
//
// Replies reach redpipe in one driver-agnostic model, Reply, whatever the
// driver's own types or the protocol (RESP2 or RESP3) were.
package ports
