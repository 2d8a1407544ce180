package redpipe

// Functions (Redis 7.0+): FCall FCallRO FCallRo FunctionLoad
// FunctionLoadReplace FunctionDelete FunctionFlush FunctionFlushAsync
// FunctionKill FunctionList FunctionDump FunctionRestore FunctionStats —
// argument struct FunctionListQuery beside them. On a cluster every
// FUNCTION command goes to one node, the one the client sends keyless
// commands to: a library is not loaded on the other masters.

import "github.com/redpipe-go/redpipe/domain"

// The results of FUNCTION LIST and FUNCTION STATS; see package domain.
type (
	// Library is one library of FUNCTION LIST.
	Library = domain.Library
	// Function is one function of a Library.
	Function = domain.Function
	// FunctionStats is FUNCTION STATS's reply.
	FunctionStats = domain.FunctionStats
	// RunningScript is the function FUNCTION STATS found running.
	RunningScript = domain.RunningScript
	// Engine is one engine's counts in FunctionStats.
	Engine = domain.Engine
)

// FCall queues FCALL function numkeys keys... args...: the function's
// reply as Do gives one (see Eval). Keys are routed like any command's.
// The args may also be given as one []string or []any.
func (p *Pipeline) FCall(function string, keys []string, args ...any) *Future[any] {
	return scriptCmd(p, false, "FCALL", function, keys, args)
}

// FCallRO queues FCALL_RO, FCall of a function flagged no-writes, which
// may go to a replica.
func (p *Pipeline) FCallRO(function string, keys []string, args ...any) *Future[any] {
	return scriptCmd(p, true, "FCALL_RO", function, keys, args)
}

// FCallRo is FCallRO.
//
// Deprecated: go-redis keeps it for compatibility; use FCallRO.
func (p *Pipeline) FCallRo(function string, keys []string, args ...any) *Future[any] {
	return p.FCallRO(function, keys, args...)
}

// functionCmd queues FUNCTION sub args...
func functionCmd(p *Pipeline, sub string, args ...string) *Future[string] {
	return queueBuilt(p, domain.String, domain.NewBuilder(false, nil, "FUNCTION", sub).Str(args...))
}

// FunctionLoad queues FUNCTION LOAD code and gives the library's name; an
// existing library of that name is an error.
func (p *Pipeline) FunctionLoad(code string) *Future[string] {
	return functionCmd(p, "LOAD", code)
}

// FunctionLoadReplace queues FUNCTION LOAD REPLACE code: FunctionLoad that
// replaces a library of the same name.
func (p *Pipeline) FunctionLoadReplace(code string) *Future[string] {
	return functionCmd(p, "LOAD", "REPLACE", code)
}

// FunctionDelete queues FUNCTION DELETE libName: OK, or an error when no
// such library exists.
func (p *Pipeline) FunctionDelete(libName string) *Future[string] {
	return functionCmd(p, "DELETE", libName)
}

// FunctionFlush queues FUNCTION FLUSH, which deletes every library of the
// server, everyone's.
func (p *Pipeline) FunctionFlush() *Future[string] {
	return functionCmd(p, "FLUSH")
}

// FunctionFlushAsync queues FUNCTION FLUSH ASYNC: FunctionFlush freeing the
// memory in the background.
func (p *Pipeline) FunctionFlushAsync() *Future[string] {
	return functionCmd(p, "FLUSH", "ASYNC")
}

// FunctionKill queues FUNCTION KILL: stops the function running now, if it
// has not written.
func (p *Pipeline) FunctionKill() *Future[string] {
	return functionCmd(p, "KILL")
}

// FunctionListQuery is FUNCTION LIST's options: LibraryNamePattern, a glob
// of library names ("" for every library), and WithCode, to get each
// library's source too.
type FunctionListQuery struct {
	LibraryNamePattern string
	WithCode           bool
}

// FunctionList queues FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]. The
// libraries and their functions come in the server's order, which Redis
// does not define.
func (p *Pipeline) FunctionList(q FunctionListQuery) *Future[[]Library] {
	b := domain.NewBuilder(false, nil, "FUNCTION", "LIST")
	if q.LibraryNamePattern != "" {
		b.Str("LIBRARYNAME", q.LibraryNamePattern)
	}
	if q.WithCode {
		b.Str("WITHCODE")
	}
	return queueBuilt(p, domain.FunctionList, b)
}

// FunctionDump queues FUNCTION DUMP: every library of the server, as the
// binary payload FunctionRestore takes.
func (p *Pipeline) FunctionDump() *Future[string] {
	return functionCmd(p, "DUMP")
}

// FunctionRestore queues FUNCTION RESTORE libDump (the APPEND policy: a
// library that already exists is an error, and nothing is restored).
func (p *Pipeline) FunctionRestore(libDump string) *Future[string] {
	return functionCmd(p, "RESTORE", libDump)
}

// FunctionStats queues FUNCTION STATS: the engines' counts of libraries
// and functions, and the function running now.
func (p *Pipeline) FunctionStats() *Future[FunctionStats] {
	return queueBuilt(p, domain.FunctionStatsReply, domain.NewBuilder(false, nil, "FUNCTION", "STATS"))
}
