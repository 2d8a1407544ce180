package redpipe_test

import (
	"go/types"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// The root package's files form no cycle: each file uses the names of
// files below it and none above, so the engine reads bottom-up (futures,
// the pipeline tree, the executor, the send chain, then the commands) and
// no feature reaches back into the sender. A name used is a package-level
// declaration or a method, attributed to the file that declares it.
func TestRootFilesFormNoCycle(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the package with go/packages, which runs the go command")
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo, Dir: "."}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		t.Fatalf("loading the package: %v %v", err, pkgs)
	}
	pkg := pkgs[0]
	deps := map[string]map[string]bool{}
	fileOf := func(obj types.Object) string {
		return filepath.Base(pkg.Fset.Position(obj.Pos()).Filename)
	}
	for id, obj := range pkg.TypesInfo.Uses {
		if obj == nil || obj.Pkg() != pkg.Types || !declaredAtTopOrMethod(obj, pkg.Types) {
			continue
		}
		from, to := filepath.Base(pkg.Fset.Position(id.Pos()).Filename), fileOf(obj)
		if from == to {
			continue
		}
		if deps[from] == nil {
			deps[from] = map[string]bool{}
		}
		deps[from][to] = true
	}
	if cycle := findCycle(deps); cycle != nil {
		t.Fatalf("the root files form a cycle: %s", strings.Join(cycle, " → "))
	}
	if len(deps) < 20 {
		t.Fatalf("only %d files with dependencies: the graph was not built", len(deps))
	}
}

func declaredAtTopOrMethod(obj types.Object, pkg *types.Package) bool {
	if obj.Parent() == pkg.Scope() {
		return true
	}
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Recv() != nil
}

// findCycle gives one cycle of the graph, or nil.
func findCycle(deps map[string]map[string]bool) []string {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(n string) []string
	visit = func(n string) []string {
		state[n] = onPath
		path = append(path, n)
		next := make([]string, 0, len(deps[n]))
		for m := range deps[n] {
			next = append(next, m)
		}
		slices.Sort(next)
		for _, m := range next {
			switch state[m] {
			case onPath:
				i := slices.Index(path, m)
				return append(slices.Clone(path[i:]), m)
			case unseen:
				if c := visit(m); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[n] = done
		return nil
	}
	nodes := make([]string, 0, len(deps))
	for n := range deps {
		nodes = append(nodes, n)
	}
	slices.Sort(nodes)
	for _, n := range nodes {
		if state[n] == unseen {
			if c := visit(n); c != nil {
				return c
			}
		}
	}
	return nil
}
