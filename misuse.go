package redpipe

import "fmt"

// Each misuse is ErrInvalidPipeline with the reason spelled out.
var (
	errExecTwice       = fmt.Errorf("%w: Exec called twice", ErrInvalidPipeline)
	errQueuedAfterExec = fmt.Errorf("%w: command queued after its pipeline executed", ErrInvalidPipeline)
	errParentExecuted  = fmt.Errorf("%w: nested pipeline executed after its parent executed; its commands were dropped", ErrInvalidPipeline)
	errNeverExecuted   = fmt.Errorf("%w: nested pipeline was not executed before its root executed; its commands were dropped", ErrInvalidPipeline)
)

var errDiscarded = fmt.Errorf("%w: pipeline discarded because its function returned an error", ErrInvalidPipeline)
