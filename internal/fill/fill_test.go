package fill_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

func TestAllFillsEverySlotWithTheExactError(t *testing.T) {
	want := errors.New("boom")
	out := []ports.Result{{Reply: ports.NilReply()}, {Err: errors.New("old")}, {}}
	fill.All(out, want)
	for i, r := range out {
		if r.Err != want {
			t.Errorf("out[%d].Err = %v, want the very error given", i, r.Err)
		}
		if !reflect.DeepEqual(r, ports.Result{Err: want}) {
			t.Errorf("out[%d] = %+v, want no reply, only the error", i, r)
		}
	}
}

func TestAllOfNothingIsHarmless(t *testing.T) {
	fill.All(nil, errors.New("x"))
	fill.All([]ports.Result{}, nil)
}

func TestEndedNeverWrittenIsCtxErrAlone(t *testing.T) {
	out := make([]ports.Result, 3)
	fill.Ended(out, context.Canceled, false)
	for i, r := range out {
		if r.Err != context.Canceled {
			t.Errorf("out[%d].Err = %#v, want context.Canceled itself", i, r.Err)
		}
	}
}

func TestEndedMaybeWrittenIsOutcomeUnknown(t *testing.T) {
	out := make([]ports.Result, 2)
	fill.Ended(out, context.DeadlineExceeded, true)
	for i, r := range out {
		var te *ports.TransportError
		if !errors.As(r.Err, &te) || !te.MaybeWritten || te.Err != context.DeadlineExceeded {
			t.Fatalf("out[%d].Err = %#v, want *ports.TransportError{Err: DeadlineExceeded, MaybeWritten: true}", i, r.Err)
		}
		if !errors.Is(r.Err, context.DeadlineExceeded) {
			t.Errorf("out[%d].Err does not reach context.DeadlineExceeded", i)
		}
	}
	if out[0].Err != out[1].Err {
		t.Error("every slot should share the one error value")
	}
}
