package structs_test

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/internal/realservers"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

var specs realservers.Specs

func register(fn func(s *conformance.Suite)) bool { return specs.Add(fn) }

// TestBehaviour runs the package's specs against real servers (redigo
// standalone, go-redis on the cluster: see realservers).
func TestBehaviour(t *testing.T) { specs.Run(t) }
