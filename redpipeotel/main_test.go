package redpipeotel_test

import (
	"os"
	"testing"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }
