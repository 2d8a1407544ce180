package ports

import (
	"errors"
	"testing"
)

func TestRedisErrorKind(t *testing.T) {
	cases := map[string]ErrorKind{
		"ERR unknown command 'FOO'":                                         ErrGeneric,
		"WRONGTYPE Operation against a key holding the wrong kind of value": ErrWrongType,
		"MOVED 3999 127.0.0.1:6381":                                         ErrMoved,
		"ASK 3999 127.0.0.1:6381":                                           ErrAsk,
		"TRYAGAIN Multiple keys request during rehashing of slot":           ErrTryAgain,
		"CLUSTERDOWN The cluster is down":                                   ErrClusterDown,
		"NOSCRIPT No matching script. Please use EVAL.":                     ErrNoScript,
		"EXECABORT Transaction discarded because of previous errors.":       ErrExecAbort,
		"LOADING Redis is loading the dataset in memory":                    ErrLoading,
		"CROSSSLOT Keys in request don't hash to the same slot":             ErrCrossSlot,
		"MOVEDX not a prefix":                                               ErrGeneric,
	}
	for msg, want := range cases {
		e := NewRedisError(msg)
		if e.Kind() != want || e.Error() != msg {
			t.Errorf("NewRedisError(%q): kind %d text %q, want kind %d and the text unchanged", msg, e.Kind(), e.Error(), want)
		}
	}
}

func TestRedirect(t *testing.T) {
	slot, addr, ok := NewRedisError("ASK 3999 127.0.0.1:6381").Redirect()
	if !ok || slot != 3999 || addr != "127.0.0.1:6381" {
		t.Errorf("Redirect() = %d %q %v", slot, addr, ok)
	}
	if _, _, ok := NewRedisError("ERR x").Redirect(); ok {
		t.Error("Redirect() of a non-redirection reported ok")
	}
}

func TestRedisErrorIs(t *testing.T) {
	err := error(NewRedisError("ERR boom"))
	if !errors.Is(err, NewRedisError("ERR boom")) || errors.Is(err, NewRedisError("ERR other")) {
		t.Error("errors.Is must match Redis errors by their exact text")
	}
	var te error = &TransportError{Err: errors.New("eof"), MaybeWritten: true}
	if !errors.Is(te, te.(*TransportError).Err) {
		t.Error("TransportError must unwrap to its cause")
	}
}
