package domain

import (
	"fmt"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// Function is one function of a library (FUNCTION LIST); Description is
// "" when the library gave none.
type Function struct {
	Name        string
	Description string
	Flags       []string
}

// Library is one library of FUNCTION LIST; Code only with WITHCODE.
type Library struct {
	Name      string
	Engine    string
	Functions []Function
	Code      string
}

// FunctionStats is FUNCTION STATS's reply: the engines, and the function
// running now, if any. Its fields are unexported, with go-redis's methods,
// so that code written against go-redis's FunctionStats reads it the same.
type FunctionStats struct {
	Engines   []Engine
	isRunning bool
	rs        RunningScript
	allrs     []RunningScript
}

// Running reports whether a function was running when FUNCTION STATS ran.
func (fs *FunctionStats) Running() bool { return fs.isRunning }

// RunningScript is the function that was running, and whether one was.
func (fs *FunctionStats) RunningScript() (RunningScript, bool) { return fs.rs, fs.isRunning }

// AllRunningScripts is every running function, as Redis Enterprise
// reports them (all_running_scripts); nil from open-source Redis.
func (fs *FunctionStats) AllRunningScripts() []RunningScript { return fs.allrs }

// RunningScript is a function running while FUNCTION STATS ran.
type RunningScript struct {
	Name     string
	Command  []string
	Duration time.Duration
}

// Engine is one scripting engine's counts (FUNCTION STATS).
type Engine struct {
	Language       string
	LibrariesCount int64
	FunctionsCount int64
}

// fieldPairs returns the key, value, key, value ... of a RESP3 map or a
// RESP2 flat array.
func fieldPairs(r ports.Reply, want string) ([]ports.Reply, error) {
	es, err := elems(r, want)
	if err != nil {
		return nil, err
	}
	if len(es)%2 != 0 {
		return nil, fmt.Errorf("%w: odd number of elements (%d) for %s", ErrUnexpectedReply, len(es), want)
	}
	return es, nil
}

// FunctionList decodes FUNCTION LIST: an array of libraries, each a map
// (RESP3) or flat array (RESP2). Fields a later server adds are skipped.
func FunctionList(r ports.Reply) ([]Library, error) { return Slice(r, library) }

func library(r ports.Reply) (Library, error) {
	es, err := fieldPairs(r, "a library")
	if err != nil {
		return Library{}, err
	}
	var lib Library
	for i := 0; i < len(es); i += 2 {
		v := es[i+1]
		switch es[i].Str {
		case "library_name":
			lib.Name, err = String(v)
		case "engine":
			lib.Engine, err = String(v)
		case "functions":
			lib.Functions, err = Slice(v, function)
		case "library_code":
			lib.Code, err = String(v)
		}
		if err != nil {
			return Library{}, fmt.Errorf("library field %q: %w", es[i].Str, err)
		}
	}
	return lib, nil
}

func function(r ports.Reply) (Function, error) {
	es, err := fieldPairs(r, "a function")
	if err != nil {
		return Function{}, err
	}
	var f Function
	for i := 0; i < len(es); i += 2 {
		v := es[i+1]
		switch es[i].Str {
		case "name":
			f.Name, err = String(v)
		case "description":
			f.Description, err = StringOrEmpty(v)
		case "flags":
			f.Flags, err = Strings(v)
		}
		if err != nil {
			return Function{}, fmt.Errorf("function field %q: %w", es[i].Str, err)
		}
	}
	return f, nil
}

// FunctionStatsReply decodes FUNCTION STATS: {running_script: nil or
// {name, command, duration_ms}, engines: {LANGUAGE: {libraries_count,
// functions_count}}}, maps in RESP3 and flat arrays in RESP2. The engines
// keep the server's order.
func FunctionStatsReply(r ports.Reply) (FunctionStats, error) {
	es, err := fieldPairs(r, "FUNCTION STATS")
	if err != nil {
		return FunctionStats{}, err
	}
	var fs FunctionStats
	for i := 0; i < len(es); i += 2 {
		v := es[i+1]
		switch es[i].Str {
		case "running_script":
			if v.Kind != ports.KindNil {
				fs.rs, err = runningScript(v)
				fs.isRunning = err == nil
			}
		case "engines":
			fs.Engines, err = engines(v)
		case "all_running_scripts":
			fs.allrs, err = Slice(v, runningScript)
			if len(fs.allrs) > 0 {
				fs.isRunning = true
			}
		}
		if err != nil {
			return FunctionStats{}, fmt.Errorf("FUNCTION STATS field %q: %w", es[i].Str, err)
		}
	}
	return fs, nil
}

func runningScript(r ports.Reply) (RunningScript, error) {
	es, err := fieldPairs(r, "a running script")
	if err != nil {
		return RunningScript{}, err
	}
	var rs RunningScript
	for i := 0; i < len(es); i += 2 {
		v := es[i+1]
		switch es[i].Str {
		case "name":
			rs.Name, err = String(v)
		case "command":
			rs.Command, err = Strings(v)
		case "duration_ms":
			var ms int64
			ms, err = Int64(v)
			rs.Duration = time.Duration(ms) * time.Millisecond
		}
		if err != nil {
			return RunningScript{}, err
		}
	}
	return rs, nil
}

func engines(r ports.Reply) ([]Engine, error) {
	es, err := fieldPairs(r, "the engines")
	if err != nil {
		return nil, err
	}
	out := make([]Engine, 0, len(es)/2)
	for i := 0; i < len(es); i += 2 {
		lang, err := String(es[i])
		if err != nil {
			return nil, err
		}
		counts, err := fieldPairs(es[i+1], "an engine's counts")
		if err != nil {
			return nil, err
		}
		e := Engine{Language: lang}
		for j := 0; j < len(counts); j += 2 {
			switch counts[j].Str {
			case "libraries_count":
				e.LibrariesCount, err = Int64(counts[j+1])
			case "functions_count":
				e.FunctionsCount, err = Int64(counts[j+1])
			}
			if err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	return out, nil
}
