package ports

// ServerAddresser is an optional interface of a Backend that sends every
// batch to one server it can name: what an Observer reports as the
// server's address (server.address and server.port in OpenTelemetry's
// terms). A backend that spreads a batch over several servers (a cluster,
// a ring) or cannot tell where its connections go does not implement it,
// or gives "".
type ServerAddresser interface {
	// ServerAddress is the server's "host:port" as the backend dials it
	// now, or "" when it cannot tell.
	ServerAddress() string
}
