//lint:file-ignore SA1019 the specs prove the deprecated FCallRo alias still works

package conformance

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// luaName is a library or function name unique to the running spec:
// s.Key(name) with every character a Lua library name may not hold as "_".
func (s *Suite) luaName(name string) string {
	return notLuaName.ReplaceAllString(s.Key(name), "_")
}

var notLuaName = regexp.MustCompile(`[^A-Za-z0-9_]`)

func sha1Hex(src string) string {
	sum := sha1.Sum([]byte(src))
	return hex.EncodeToString(sum[:])
}

// specLibrary is the Lua code of a library named lib whose functions,
// named fn+"_get" (no-writes) and fn+"_set", read and write their key.
func specLibrary(lib, fn string) string {
	return fmt.Sprintf("#!lua name=%s\n"+
		"redis.register_function{function_name='%s_get', callback=function(keys, args) return redis.call('GET', keys[1]) end, flags={'no-writes'}, description='reads a key'}\n"+
		"redis.register_function('%s_set', function(keys, args) redis.call('SET', keys[1], args[1]) return {keys[1], args[1]} end)\n",
		lib, fn, fn)
}

// deleteLibraryAfter deletes the library at the end of the spec, passed
// or failed, from every server it may have reached (every master of a
// cluster), so that the specs after it see the servers as they were.
func (s *Suite) deleteLibraryAfter(lib string) {
	DeferCleanup(func(ctx SpecContext) {
		for _, a := range s.functionServers(ctx) {
			_, err := redistest.Do(ctx, a, "FUNCTION", "DELETE", lib)
			if err != nil && err.Error() != "ERR Library not found" {
				Expect(err).NotTo(HaveOccurred(), "FUNCTION DELETE %s on %s", lib, a)
			}
		}
	})
}

// functionServers are the servers that hold functions for the main
// connection: every master of a cluster, or the main server.
func (s *Suite) functionServers(ctx context.Context) []string {
	GinkgoHelper()
	if s.ClusterNodes == nil {
		return []string{s.MainAddr}
	}
	masters, err := s.ClusterNodes.Masters(ctx)
	Expect(err).NotTo(HaveOccurred())
	return masters
}

// byName sorts a library's functions: FUNCTION LIST's order is the server's.
func byName(libs []redpipe.Library) []redpipe.Library {
	for i := range libs {
		slices.SortFunc(libs[i].Functions, func(a, b redpipe.Function) int { return strings.Compare(a.Name, b.Name) })
	}
	return libs
}

var _ = register(func(s *Suite) {
	Describe("Commands: Scripting", func() {
		It("queues EVAL and EVAL_RO with keys and arguments in one round trip; replies come as Do gives them", func(ctx SpecContext) {
			k, missing := s.Key("k"), s.Key("missing")
			const unknownCall = "return redis.call('NOPE')"
			const roWrite = "return redis.call('SET', KEYS[1], 'x')"
			p := s.Client.Pipeline()
			incr := p.Eval("return {KEYS[1], ARGV[1], redis.call('INCRBY', KEYS[1], ARGV[1])}", []string{k}, 5)
			argv := p.Eval("return ARGV", nil, []string{"a", "b"})
			read := p.EvalRO("return redis.call('GET', KEYS[1])", []string{k})
			readMissing := p.Eval("return redis.call('GET', KEYS[1])", []string{missing})
			status := p.Eval("return redis.status_reply('FINE')", nil)
			number := p.Eval("return 3.9", nil)
			nested := p.Eval("return {1, {'a', 2}, 'b'}", nil)
			unknown := p.Eval(unknownCall, nil)
			write := p.EvalRO(roWrite, []string{k})
			noScript := p.EvalSha("0000000000000000000000000000000000000000", []string{k})
			noScriptRO := p.EvalShaRO("0000000000000000000000000000000000000000", []string{k})
			badValue := p.Eval("return 1", nil, nil)
			after := p.Get(k)
			s.ExecOnceFailing(ctx, p)

			Expect(incr.Result()).To(Equal([]any{k, "5", int64(5)}))
			Expect(argv.Result()).To(Equal([]any{"a", "b"}))
			Expect(read.Result()).To(Equal("5"))
			Expect(readMissing.Err()).To(MatchError(redpipe.ErrNil), "Lua false is a nil reply")
			Expect(status.Result()).To(Equal("FINE"))
			Expect(number.Result()).To(Equal(int64(3)), "Lua numbers become integers, truncated")
			Expect(nested.Result()).To(Equal([]any{int64(1), []any{"a", int64(2)}, "b"}))
			unknownText := s.ServerText(ctx, "ERR Unknown Redis command called from script", "ERR Unknown command called from script")
			ExpectRedisError(unknown.Err(), unknownText+" script: "+sha1Hex(unknownCall)+", on @user_script:1.")
			ExpectRedisError(write.Err(), "ERR Write commands are not allowed from read-only scripts. script: "+sha1Hex(roWrite)+", on @user_script:1.")
			noScriptText := s.ServerText(ctx, "NOSCRIPT No matching script. Please use EVAL.", "NOSCRIPT No matching script.")
			ExpectRedisError(noScript.Err(), noScriptText)
			ExpectRedisError(noScriptRO.Err(), noScriptText)
			Expect(badValue.Err()).To(MatchError(redpipe.ErrInvalidValue))
			Expect(after.Result()).To(Equal("5"), "EVAL_RO wrote nothing")
		})

		It("queues SCRIPT LOAD, SCRIPT EXISTS and EVALSHA / EVALSHA_RO of the loaded script", func(ctx SpecContext) {
			d := s.deployment()
			src := "return {'" + s.Key("loaded") + "', ARGV[1], KEYS[1]}"
			sha := sha1Hex(src)
			other := sha1Hex(src + " ")
			k := s.Key("k")
			p := d.Client.Pipeline()
			before := p.ScriptExists(sha)
			load := p.ScriptLoad(src)
			exists := p.ScriptExists(sha, other)
			run := p.EvalSha(sha, []string{k}, "x")
			runRO := p.EvalShaRO(sha, nil, "y")
			d.Exec(ctx, p)

			Expect(before.Result()).To(Equal([]bool{false}), "the source is unique to the spec")
			Expect(load.Result()).To(Equal(sha))
			Expect(exists.Result()).To(Equal([]bool{true, false}))
			Expect(run.Result()).To(Equal([]any{s.Key("loaded"), "x", k}))
			Expect(runRO.Result()).To(Equal([]any{s.Key("loaded"), "y"}), "KEYS[1] is nil: the table ends before it")
		})

		It("queues FUNCTION LOAD, FCALL, FCALL_RO, FUNCTION LIST, FUNCTION STATS, LOAD REPLACE and DELETE in one round trip", func(ctx SpecContext) {
			d := s.deployment()
			lib, fn := s.luaName("lib"), s.luaName("fn")
			s.deleteLibraryAfter(lib)
			code := specLibrary(lib, fn)
			replacement := fmt.Sprintf("#!lua name=%s\nredis.register_function('%s_only', function() return 'replaced' end)\n", lib, fn)
			k, missing := s.Key("k"), s.Key("missing")

			p := d.Client.Pipeline()
			load := p.FunctionLoad(code)
			loadAgain := p.FunctionLoad(code)
			set := p.FCall(fn+"_set", []string{k}, "v")
			get := p.FCallRO(fn+"_get", []string{k})
			getRo := p.FCallRo(fn+"_get", []string{k})
			getMissing := p.FCall(fn+"_get", []string{missing})
			roWrite := p.FCallRO(fn+"_set", []string{k}, "w")
			unknown := p.FCall(s.luaName("nope"), nil)
			list := p.FunctionList(redpipe.FunctionListQuery{LibraryNamePattern: lib})
			listCode := p.FunctionList(redpipe.FunctionListQuery{LibraryNamePattern: lib, WithCode: true})
			listNone := p.FunctionList(redpipe.FunctionListQuery{LibraryNamePattern: s.luaName("none") + "*"})
			stats := p.FunctionStats()
			replace := p.FunctionLoadReplace(replacement)
			only := p.FCall(fn+"_only", nil)
			listReplaced := p.FunctionList(redpipe.FunctionListQuery{LibraryNamePattern: lib})
			del := p.FunctionDelete(lib)
			delAgain := p.FunctionDelete(lib)
			listDeleted := p.FunctionList(redpipe.FunctionListQuery{LibraryNamePattern: lib})
			after := p.Get(k)
			d.ExecFailing(ctx, p)

			Expect(load.Result()).To(Equal(lib))
			ExpectRedisError(loadAgain.Err(), "ERR Library '"+lib+"' already exists")
			Expect(set.Result()).To(Equal([]any{k, "v"}))
			Expect(get.Result()).To(Equal("v"))
			Expect(getRo.Result()).To(Equal("v"))
			Expect(getMissing.Err()).To(MatchError(redpipe.ErrNil))
			ExpectRedisError(roWrite.Err(), "ERR Can not execute a script with write flag using *_ro command.")
			ExpectRedisError(unknown.Err(), "ERR Function not found")
			want := []redpipe.Library{{Name: lib, Engine: "LUA", Functions: []redpipe.Function{
				{Name: fn + "_get", Description: "reads a key", Flags: []string{"no-writes"}},
				{Name: fn + "_set", Flags: []string{}},
			}}}
			Expect(byName(list.Val())).To(Equal(want))
			Expect(list.Err()).NotTo(HaveOccurred())
			want[0].Code = code
			Expect(byName(listCode.Val())).To(Equal(want))
			Expect(listNone.Result()).To(Equal([]redpipe.Library{}))
			st, err := stats.Result()
			Expect(err).NotTo(HaveOccurred())
			Expect(st.Engines).To(Equal([]redpipe.Engine{{Language: "LUA", LibrariesCount: 1, FunctionsCount: 2}}),
				"the spec's library is the server's only one")
			Expect(st.Running()).To(BeFalse())
			Expect(replace.Result()).To(Equal(lib))
			Expect(only.Result()).To(Equal("replaced"))
			Expect(listReplaced.Result()).To(Equal([]redpipe.Library{{Name: lib, Engine: "LUA",
				Functions: []redpipe.Function{{Name: fn + "_only", Flags: []string{}}}}}))
			Expect(del.Result()).To(Equal("OK"))
			ExpectRedisError(delAgain.Err(), "ERR Library not found")
			Expect(listDeleted.Result()).To(Equal([]redpipe.Library{}))
			Expect(after.Result()).To(Equal("v"))
		})

		It("queues FUNCTION DUMP and FUNCTION RESTORE: the dump brings the deleted library back", func(ctx SpecContext) {
			d := s.deployment()
			lib, fn := s.luaName("lib"), s.luaName("fn")
			s.deleteLibraryAfter(lib)
			k := s.Key("k")
			s.Arrange(ctx, []string{"SET", k, "kept"})

			p := d.Client.Pipeline()
			load := p.FunctionLoad(specLibrary(lib, fn))
			dump := p.FunctionDump()
			del := p.FunctionDelete(lib)
			gone := p.FCall(fn+"_get", []string{k})
			d.ExecFailing(ctx, p)
			Expect(load.Result()).To(Equal(lib))
			payload, err := dump.Result()
			Expect(err).NotTo(HaveOccurred())
			Expect(payload).NotTo(BeEmpty())
			Expect(del.Result()).To(Equal("OK"))
			ExpectRedisError(gone.Err(), "ERR Function not found")

			p = d.Client.Pipeline()
			bad := p.FunctionRestore("not a dump")
			restore := p.FunctionRestore(payload)
			back := p.FCall(fn+"_get", []string{k})
			again := p.FunctionRestore(payload)
			d.ExecFailing(ctx, p)
			ExpectRedisError(bad.Err(), "ERR DUMP payload version or checksum are wrong")
			Expect(restore.Result()).To(Equal("OK"))
			Expect(back.Result()).To(Equal("kept"))
			ExpectRedisError(again.Err(), "ERR Library "+lib+" already exists") // no quotes here, unlike FUNCTION LOAD's
		})

		It("FCALL and FCALL_RO with keys reach the node of their keys (the library arranged on every master)", func(ctx SpecContext) {
			lib, fn := s.luaName("lib"), s.luaName("fn")
			s.deleteLibraryAfter(lib)
			for _, a := range s.functionServers(ctx) {
				_, err := redistest.Do(ctx, a, "FUNCTION", "LOAD", specLibrary(lib, fn))
				Expect(err).NotTo(HaveOccurred(), "FUNCTION LOAD on %s", a)
			}
			k1, k2 := s.Key("k1"), s.Key("k2")
			p := s.Client.Pipeline()
			set1 := p.FCall(fn+"_set", []string{k1}, "one")
			set2 := p.FCall(fn+"_set", []string{k2}, []any{"two"})
			get1 := p.FCallRO(fn+"_get", []string{k1})
			get2 := p.FCallRo(fn+"_get", []string{k2})
			plain := p.Get(k1)
			s.ExecOnce(ctx, p)

			Expect(set1.Result()).To(Equal([]any{k1, "one"}))
			Expect(set2.Result()).To(Equal([]any{k2, "two"}))
			Expect(get1.Result()).To(Equal("one"))
			Expect(get2.Result()).To(Equal("two"))
			Expect(plain.Result()).To(Equal("one"))
		})
	})
})
