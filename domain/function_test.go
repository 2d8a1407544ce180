package domain

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// FUNCTION LIST WITHCODE as Redis 7.0.15 sends it over each protocol: f2
// without a description (nil over RESP3, "" over RESP2), flags a set over
// RESP3.
func TestFunctionListBothProtocols(t *testing.T) {
	want := []Library{{
		Name:   "tlib",
		Engine: "LUA",
		Functions: []Function{
			{Name: "f2", Flags: []string{}},
			{Name: "f1", Description: "d", Flags: []string{"no-writes"}},
		},
		Code: "#!lua name=tlib\n...",
	}}
	resp2 := arr(arr(
		b("library_name"), b("tlib"), b("engine"), b("LUA"),
		b("functions"), arr(
			arr(b("name"), b("f2"), b("description"), nul, b("flags"), arr()),
			arr(b("name"), b("f1"), b("description"), b("d"), b("flags"), arr(b("no-writes"))),
		),
		b("library_code"), b("#!lua name=tlib\n..."),
	))
	resp3 := arr(mp(
		b("library_name"), b("tlib"), b("engine"), b("LUA"),
		b("functions"), arr(
			mp(b("name"), b("f2"), b("description"), nul, b("flags"), set()),
			mp(b("name"), b("f1"), b("description"), b("d"), b("flags"), set(st("no-writes"))),
		),
		b("library_code"), b("#!lua name=tlib\n..."),
		b("a_later_field"), i64(1),
	))
	for name, r := range map[string]ports.Reply{"RESP2": resp2, "RESP3": resp3} {
		got, err := FunctionList(r)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %#v, %v", name, got, err)
		}
	}
	if got, err := FunctionList(arr()); err != nil || got == nil || len(got) != 0 {
		t.Errorf("no library: %#v, %v", got, err)
	}
	if _, err := FunctionList(arr(arr(b("library_name")))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("odd library: %v", err)
	}
	if _, err := FunctionList(arr(mp(b("functions"), b("x")))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("functions not an array: %v", err)
	}
	if _, err := FunctionList(nul); !errors.Is(err, ErrNil) {
		t.Errorf("nil: %v", err)
	}
}

func TestFunctionStatsBothProtocols(t *testing.T) {
	engines := []Engine{{Language: "LUA", LibrariesCount: 1, FunctionsCount: 2}}
	for name, r := range map[string]ports.Reply{
		"RESP2": arr(b("running_script"), nul, b("engines"),
			arr(b("LUA"), arr(b("libraries_count"), i64(1), b("functions_count"), i64(2)))),
		"RESP3": mp(b("running_script"), nul, b("engines"),
			mp(b("LUA"), mp(b("libraries_count"), i64(1), b("functions_count"), i64(2)))),
	} {
		got, err := FunctionStatsReply(r)
		if err != nil || !reflect.DeepEqual(got.Engines, engines) || got.Running() {
			t.Errorf("%s: %#v, %v", name, got, err)
		}
		if rs, ok := got.RunningScript(); ok || !reflect.DeepEqual(rs, RunningScript{}) {
			t.Errorf("%s: running script %#v, %v", name, rs, ok)
		}
	}

	running := mp(b("running_script"),
		mp(b("name"), b("slow"), b("command"), arr(b("fcall"), b("slow"), b("0")), b("duration_ms"), i64(1500)),
		b("engines"), mp())
	got, err := FunctionStatsReply(running)
	if err != nil || !got.Running() || len(got.Engines) != 0 || got.AllRunningScripts() != nil {
		t.Fatalf("running: %#v, %v", got, err)
	}
	want := RunningScript{Name: "slow", Command: []string{"fcall", "slow", "0"}, Duration: 1500 * time.Millisecond}
	if rs, ok := got.RunningScript(); !ok || !reflect.DeepEqual(rs, want) {
		t.Errorf("running script %#v, %v", rs, ok)
	}

	// Redis Enterprise's list of every running function.
	all, err := FunctionStatsReply(mp(b("all_running_scripts"),
		arr(mp(b("name"), b("a"), b("command"), arr(), b("duration_ms"), i64(2)))))
	if err != nil || !all.Running() || !reflect.DeepEqual(all.AllRunningScripts(), []RunningScript{{Name: "a", Command: []string{}, Duration: 2 * time.Millisecond}}) {
		t.Errorf("all running: %#v, %v", all, err)
	}

	if _, err := FunctionStatsReply(mp(b("engines"), mp(b("LUA"), mp(b("libraries_count"), b("x"))))); !errors.Is(err, ErrUnexpectedReply) {
		t.Errorf("bad count: %v", err)
	}
	if _, err := FunctionStatsReply(ports.ErrorReply(ports.NewRedisError("ERR x"))); err == nil || err.Error() != "ERR x" {
		t.Errorf("error reply: %v", err)
	}
}

// FuzzFunctionDecoders holds the decoders of FUNCTION LIST, FUNCTION
// STATS, PUBSUB NUMSUB and BITFIELD to FuzzDecode's rules: no panic, and
// only ErrNil, ErrUnexpectedReply or a Redis error the reply carried.
func FuzzFunctionDecoders(f *testing.F) {
	for _, r := range []ports.Reply{
		arr(mp(b("library_name"), b("l"), b("functions"), arr(mp(b("name"), b("f"), b("flags"), set(st("no-writes")))))),
		arr(arr(b("library_name"), b("l"), b("functions"), arr(arr(b("description"), nul)))),
		mp(b("running_script"), mp(b("name"), b("f"), b("command"), arr(b("fcall")), b("duration_ms"), i64(5)),
			b("engines"), mp(b("LUA"), mp(b("libraries_count"), i64(1), b("functions_count"), i64(2)))),
		arr(b("a"), i64(1), b("b"), ports.ErrorReply(ports.NewRedisError("ERR nested"))),
		arr(i64(1), nul, b("2")),
	} {
		f.Add(treeBytes(r))
	}
	decoders := []decoderCase{
		{name: "FunctionList", fn: erase(FunctionList)},
		{name: "FunctionStatsReply", fn: erase(FunctionStatsReply)},
		{name: "Int64Map", fn: erase(Int64Map)},
		{name: "Int64sOrZero", fn: erase(Int64sOrZero)},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := replyFromBytes(data)
		carried := map[*ports.RedisError]bool{}
		redisErrors(r, carried)
		for _, d := range decoders {
			v, err := d.fn(r)
			var re *ports.RedisError
			switch {
			case err == nil:
			case errors.As(err, &re):
				if !carried[re] {
					t.Fatalf("%s(%s) = Redis error %q, which the reply does not carry", d.name, r, re)
				}
			case !errors.Is(err, ErrNil) && !errors.Is(err, ErrUnexpectedReply):
				t.Fatalf("%s(%s) error %v is neither ErrNil, ErrUnexpectedReply nor a Redis error", d.name, r, err)
			}
			if r.Kind == ports.KindNil && err != ErrNil {
				t.Fatalf("%s(nil) = %v, %v; want ErrNil", d.name, v, err)
			}
		}
	})
}
