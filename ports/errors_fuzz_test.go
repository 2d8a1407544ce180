package ports

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// FuzzRedisError classifies arbitrary error texts: the text is kept
// exactly, the prefix is the first word, the kind follows the prefix
// table, and Redirect parses exactly the MOVED and ASK errors of the form
// "MOVED slot addr" (and round-trips any slot and address written so).
func FuzzRedisError(f *testing.F) {
	for _, msg := range []string{
		"ERR unknown command 'FOO'", "MOVED 3999 127.0.0.1:6381", "ASK 3999 [::1]:6381", "MOVED 3999",
		"MOVED x 127.0.0.1:6381", "MOVED  3999\t127.0.0.1:6381 ", "MOVED -1 a:1", "ASK 99999999999999999999 a:1",
		"WRONGPASS invalid username-password pair", "", " ", "MOVED", "moved 1 a:1", "CLUSTERDOWN\x00x",
	} {
		f.Add(msg, uint16(3999), "127.0.0.1:6381")
	}
	kinds := map[string]ErrorKind{
		"WRONGTYPE": ErrWrongType, "MOVED": ErrMoved, "ASK": ErrAsk, "TRYAGAIN": ErrTryAgain,
		"CLUSTERDOWN": ErrClusterDown, "NOSCRIPT": ErrNoScript, "EXECABORT": ErrExecAbort,
		"LOADING": ErrLoading, "BUSY": ErrBusy, "READONLY": ErrReadOnly, "MASTERDOWN": ErrMasterDown,
		"CROSSSLOT": ErrCrossSlot, "NOAUTH": ErrNoAuth, "WRONGPASS": ErrNoAuth,
	}
	f.Fuzz(func(t *testing.T, msg string, slot uint16, addr string) {
		e := NewRedisError(msg)
		if e.Error() != msg {
			t.Fatalf("NewRedisError(%q).Error() = %q", msg, e.Error())
		}
		word, _, _ := strings.Cut(msg, " ")
		if e.Prefix() != word {
			t.Fatalf("Prefix(%q) = %q, want %q", msg, e.Prefix(), word)
		}
		if want := kinds[word]; e.Kind() != want {
			t.Fatalf("Kind(%q) = %d, want %d", msg, e.Kind(), want)
		}
		if !errors.Is(e, NewRedisError(msg)) || errors.Is(e, NewRedisError(msg+"x")) {
			t.Fatalf("errors.Is does not compare %q by its text", msg)
		}

		s, a, ok := e.Redirect()
		f := strings.Fields(msg)
		n, err := 0, error(nil)
		if len(f) == 3 {
			n, err = strconv.Atoi(f[1])
		}
		wantOK := (e.Kind() == ErrMoved || e.Kind() == ErrAsk) && len(f) == 3 && err == nil
		if ok != wantOK || ok && (s != n || a != f[2]) {
			t.Fatalf("Redirect(%q) = %d, %q, %v", msg, s, a, ok)
		}

		if w := strings.Fields(addr); len(w) != 1 || w[0] != addr {
			return // an address is one word of the error's text
		}
		for _, kind := range []string{"MOVED", "ASK"} {
			text := kind + " " + strconv.Itoa(int(slot)) + " " + addr
			if s, a, ok := NewRedisError(text).Redirect(); !ok || s != int(slot) || a != addr {
				t.Fatalf("Redirect(%q) = %d, %q, %v", text, s, a, ok)
			}
		}
	})
}
