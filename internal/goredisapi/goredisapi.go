// Package goredisapi reads go-redis's Cmdable interface from the go-redis
// module this module builds with, for the tests that hold redpipe's
// command surface to go-redis's: which methods exist, and in which family
// interface each is declared.
package goredisapi

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Module is the go-redis module path.
const Module = "github.com/redis/go-redis/v9"

// Method is one method of go-redis's Cmdable.
type Method struct {
	Name   string
	Family string // the interface that declares it: "Cmdable" itself, or "StringCmdable", ...
}

// Dir returns the go-redis module's source directory, as the go command
// resolves it for this module (go list -m), so the version is go.mod's.
func Dir() (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is needed to find go-redis's source: %w", err)
	}
	out, err := exec.Command(goBin, "list", "-m", "-f", "{{.Dir}}", Module).Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %w", Module, err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", fmt.Errorf("go list -m %s gave no directory (is the module downloaded? go mod download %s)", Module, Module)
	}
	return dir, nil
}

// Cmdable returns every method of the Cmdable interface declared in the
// Go files of dir, with the embedded family interfaces flattened.
func Cmdable(dir string) ([]Method, error) {
	ifaces, err := interfaces(dir)
	if err != nil {
		return nil, err
	}
	if ifaces["Cmdable"] == nil {
		return nil, fmt.Errorf("no Cmdable interface in %s", dir)
	}
	var methods []Method
	seen := map[string]bool{}
	var walk func(name string) error
	walk = func(name string) error {
		it := ifaces[name]
		if it == nil {
			return fmt.Errorf("interface %s, embedded in Cmdable, is not declared in %s", name, dir)
		}
		for _, f := range it.Methods.List {
			if len(f.Names) == 0 {
				id, ok := f.Type.(*ast.Ident)
				if !ok {
					return fmt.Errorf("%s embeds %T, not an interface of the package", name, f.Type)
				}
				if err := walk(id.Name); err != nil {
					return err
				}
				continue
			}
			for _, n := range f.Names {
				if !seen[n.Name] {
					seen[n.Name] = true
					methods = append(methods, Method{Name: n.Name, Family: name})
				}
			}
		}
		return nil
	}
	return methods, walk("Cmdable")
}

func interfaces(dir string) (map[string]*ast.InterfaceType, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	ifaces := map[string]*ast.InterfaceType{}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if f.Name.Name != "redis" {
			continue
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				ts := s.(*ast.TypeSpec)
				if it, ok := ts.Type.(*ast.InterfaceType); ok {
					ifaces[ts.Name.Name] = it
				}
			}
		}
	}
	return ifaces, nil
}
