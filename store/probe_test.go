package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// The product keeps no tally of its own work that only tests read: the
// pages, blocks and records a call reads are counted through the one
// probe seam (probe.go), which does nothing unless the package's tests
// set it. The one counter kept is the records decoded, read by other
// packages' tests (RecordsDecoded), which cannot set the seam.
func TestTheStoreKeepsNoCounterOnlyItsTestsRead(t *testing.T) {
	names, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range names {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				v := s.(*ast.ValueSpec)
				sel, ok := v.Type.(*ast.SelectorExpr)
				if !ok || sel.X.(*ast.Ident).Name != "atomic" {
					continue
				}
				for _, n := range v.Names {
					if n.Name != "decodes" {
						t.Errorf("%s: %s is a counter kept in the product for tests: count through the probe seam", fset.Position(n.Pos()), n.Name)
					}
				}
			}
		}
	}
}
