package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The ui package exports only what cmd/gapwise uses: everything else is
// the package's own business and can change without a caller noticing.
func TestUIExportsOnlyWhatTheAppUses(t *testing.T) {
	used := []string{"ApplySettings", "FitWindow", "OfferMove", "Opener", "Shell", "Shell.Close", "Shell.Workspace", "Start", "WarnAboutStorage"}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var exported []string
	fs := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fs, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					exported = append(exported, d.Name.Name)
					continue
				}
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				// Methods of unexported types are exported only to satisfy
				// Fyne's interfaces (Tapped, CreateRenderer...).
				if id, ok := recv.(*ast.Ident); ok && id.IsExported() {
					exported = append(exported, id.Name+"."+d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							exported = append(exported, s.Name.Name)
						}
						if st, ok := s.Type.(*ast.StructType); ok && s.Name.IsExported() {
							for _, fl := range st.Fields.List {
								for _, n := range fl.Names {
									if n.IsExported() {
										exported = append(exported, s.Name.Name+"."+n.Name)
									}
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								exported = append(exported, n.Name)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(exported)
	if !slices.Equal(exported, used) {
		t.Errorf("ui exports %q; cmd/gapwise uses only %q (unexport the rest)", exported, used)
	}
	app, err := os.ReadFile(filepath.Join("..", "cmd", "gapwise", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range used {
		ref := "ui." + name
		if i := strings.IndexByte(name, '.'); i >= 0 {
			ref = "." + name[i+1:] + "("
		}
		if name != "Opener" && !strings.Contains(string(app), ref) {
			t.Errorf("cmd/gapwise does not use %s: unexport it", name)
		}
	}
}
